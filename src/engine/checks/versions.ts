import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { gitTags } from './git.js';
import { pyprojectVersion } from './pyproject.js';
import {
  displayPath,
  expandGlobs,
  plural,
  readTextOrUndefined,
  relativePathOption,
} from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';
import { isRecord } from './yaml-source.js';

export { pyprojectVersion };

/** A file option that may be turned off with an empty string. */
const optionalFile = z
  .string()
  .refine((value) => value === '' || relativePathOption.safeParse(value).success, {
    error: 'expected a path inside the workspace, or "" to skip it',
  });

export const versionsOptions = z.strictObject({
  'version-file': optionalFile.default('VERSION'),
  'package-files': z.array(relativePathOption).default(['package.json', 'apps/*/package.json']),
  'ignore-private-zero': z.boolean().default(true),
  'pyproject-files': z
    .array(relativePathOption)
    .default(['pyproject.toml', 'apps/*/pyproject.toml']),
  changelog: optionalFile.default('CHANGELOG.md'),
  readme: optionalFile.default('README.md'),
  tags: z.boolean().default(true),
  source: relativePathOption.optional(),
});
export type VersionsOptions = z.output<typeof versionsOptions>;

export const versionsCheck: CheckDefinition<VersionsOptions> = {
  id: 'versions',
  title: 'VERSION, package.json, pyproject.toml, CHANGELOG.md and README agree',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: versionsOptions,
  run: runVersions,
};

/** A version as files write it: 1.2.3, 1.2.3-rc.1, 1.2.3+build, 1.2.3rc1, 1.2. */
const VERSION_TOKEN = String.raw`\d+\.\d+(?:\.\d+)*(?:[-+]?[0-9A-Za-z][0-9A-Za-z.+-]*)?`;

interface Source {
  /** Path relative to the workspace (for findings). */
  file: string;
  /** Path relative to the working directory (for the `source` option). */
  relative: string;
  line: number;
  version: string;
  what: string;
}

async function runVersions(options: VersionsOptions, ctx: CheckContext): Promise<CheckResult> {
  const sources: Source[] = [];
  const read = async (raw: string) => {
    const relative = path.posix.normalize(raw.replaceAll('\\', '/'));
    const absolute = path.resolve(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    return text === undefined
      ? undefined
      : { text, file: displayPath(ctx.workspace, absolute), relative };
  };
  const add = (
    found: { file: string; relative: string },
    line: number,
    version: string,
    what: string,
  ) => sources.push({ ...found, line, version: version.replace(/^v/, ''), what });

  if (options['version-file'] !== '') {
    const found = await read(options['version-file']);
    if (found) {
      const lines = found.text.split(/\r?\n/);
      const index = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
      if (index >= 0) add(found, index + 1, lines[index]!.trim(), 'version file');
    }
  }

  for (const relative of await expandGlobs(ctx.cwd, options['package-files'], ctx.signal)) {
    const found = await read(relative);
    if (!found) continue;
    let json: unknown;
    try {
      json = JSON.parse(found.text);
    } catch {
      ctx.log(`versions: ${found.file} is not valid JSON; skipped`);
      continue;
    }
    if (!isRecord(json) || typeof json.version !== 'string') continue;
    if (options['ignore-private-zero'] && json.private === true && json.version === '0.0.0') {
      continue;
    }
    const line = lineOf(
      found.text,
      new RegExp(`"version"\\s*:\\s*${JSON.stringify(json.version)}`),
    );
    add(found, line, json.version, 'package version');
  }

  for (const relative of await expandGlobs(ctx.cwd, options['pyproject-files'], ctx.signal)) {
    const found = await read(relative);
    if (!found) continue;
    const version = pyprojectVersion(found.text);
    if (version) add(found, version.line, version.version, `[${version.table}] version`);
  }

  if (options.changelog !== '') {
    const found = await read(options.changelog);
    if (found) {
      const heading = new RegExp(`^#{1,3}\\s+\\[?v?(${VERSION_TOKEN})\\]?(?:\\s|$)`);
      const lines = found.text.split(/\r?\n/);
      for (let index = 0; index < lines.length; index++) {
        const match = heading.exec(lines[index]!);
        if (match) {
          add(found, index + 1, match[1]!, 'newest entry');
          break;
        }
      }
    }
  }

  if (options.readme !== '') {
    const found = await read(options.readme);
    if (found) {
      const badge = /\bversion-v?(\d+\.\d+\.\d+(?:--[0-9A-Za-z.]+)*)-/i;
      const line = new RegExp(`^[\\s>*_#-]*version[*_]*\\s*:[*_\`\\s]*v?(${VERSION_TOKEN})`, 'i');
      const lines = found.text.split(/\r?\n/);
      for (let index = 0; index < lines.length; index++) {
        const fromBadge = badge.exec(lines[index]!)?.[1]?.replaceAll('--', '-');
        const fromLine = line.exec(lines[index]!)?.[1]?.replace(/[*_`.]+$/, '');
        const version = fromBadge ?? fromLine;
        if (version) {
          add(found, index + 1, version, fromBadge ? 'version badge' : 'version line');
          break;
        }
      }
    }
  }

  const findings: ToolFinding[] = [];
  const names = sources.map((source) => source.file);
  ctx.log(
    `versions: ${sources.map((s) => `${s.file}:${s.line} ${s.version}`).join(', ') || 'no sources'}`,
  );

  // The version the files agree on: the `source` option's, else the most common one
  // (ties: the first in VERSION, package.json, pyproject.toml, CHANGELOG.md, README order).
  let reference: Source | undefined;
  if (options.source !== undefined) {
    const wanted = path.posix.normalize(options.source.replaceAll('\\', '/'));
    reference = sources.find((source) => source.relative === wanted);
    if (!reference) {
      return {
        passed: false,
        summary: `The source of truth ${options.source} has no version the check can read.`,
        findings,
      };
    }
  } else {
    const counts = new Map<string, number>();
    for (const source of sources) counts.set(source.version, (counts.get(source.version) ?? 0) + 1);
    const best = Math.max(0, ...counts.values());
    reference = sources.find((source) => counts.get(source.version) === best);
  }
  if (!reference) {
    return { passed: true, summary: 'No version sources found; nothing to compare.', findings };
  }
  const agreeing = sources.filter((source) => source.version === reference.version);
  for (const source of sources) {
    if (source.version === reference.version) continue;
    const others = agreeing.filter((s) => s.file !== source.file);
    const who =
      options.source !== undefined || others.length === 1
        ? reference.file
        : `${reference.file} and ${plural(others.length - 1, 'other file')}`;
    findings.push({
      tool: 'versions',
      file: source.file,
      line: source.line,
      ruleId: 'versions/mismatch',
      message: `${source.file} (${source.what}) says ${source.version}, but ${who} ${options.source !== undefined || others.length === 1 ? 'says' : 'say'} ${reference.version}`,
    });
  }

  let tagAhead: string | undefined;
  if (options.tags) {
    const tags = (await gitTags(ctx)) ?? [];
    const newest = tags
      .map((tag) => ({ tag, version: parseSemver(tag) }))
      .filter((entry) => entry.version !== undefined)
      .sort((a, b) => compareSemver(b.version!, a.version!))[0];
    const current = parseSemver(reference.version);
    if (newest && current && compareSemver(newest.version!, current) > 0) {
      tagAhead = newest.tag;
      findings.push({
        tool: 'versions',
        file: reference.file,
        line: reference.line,
        ruleId: 'versions/tag-ahead',
        message: `git tag ${newest.tag} is newer than ${reference.version}: bump the version past the last release`,
      });
    }
  }

  if (findings.length === 0) {
    const list = joinNames(names);
    return {
      passed: true,
      summary:
        sources.length === 1
          ? `Only ${list} has a version (${reference.version}); nothing disagrees with it.`
          : `${list} agree on ${reference.version}${options.tags ? ', and no git tag is ahead of it' : ''}.`,
      findings,
    };
  }
  const disagreeing = sources.filter((source) => source.version !== reference.version);
  const parts: string[] = [];
  if (disagreeing.length > 0) {
    parts.push(
      `${joinNames(disagreeing.map((s) => s.file))} ${disagreeing.length === 1 ? 'disagrees' : 'disagree'} with ${reference.version} (${reference.file})`,
    );
  }
  if (tagAhead) parts.push(`git tag ${tagAhead} is ahead of ${reference.version}`);
  return { passed: false, summary: `${parts.join(', and ')}.`, findings };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) return 1;
  return text.slice(0, match.index).split('\n').length;
}

export interface Semver {
  core: [number, number, number];
  pre: string[];
}

/** `1.2.3`, `v1.2.3-rc.1+build`; undefined for anything else. */
export function parseSemver(text: string): Semver | undefined {
  const match =
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
      text.trim(),
    );
  if (!match) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

/** Semver precedence: negative when a < b. Build metadata is ignored. */
export function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) return Number(x) - Number(y);
    if (xNum) return -1;
    if (yNum) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
