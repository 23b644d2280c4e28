import path from 'node:path';
import { pyprojectVersion } from '../pyproject.js';
import { displayPath, expandGlobs, readTextOrUndefined } from '../scan.js';
import type { CheckContext } from '../types.js';
import type { VersionsOptions } from '../versions.js';
import { isRecord } from '../yaml-source.js';

/** A version as files write it: 1.2.3, 1.2.3-rc.1, 1.2.3+build, 1.2.3rc1, 1.2. */
const VERSION_TOKEN = String.raw`\d+\.\d+(?:\.\d+)*(?:[-+]?[0-9A-Za-z][0-9A-Za-z.+-]*)?`;

/** One place that states the version. */
export interface Source {
  /** Path relative to the workspace (for findings). */
  file: string;
  /** Path relative to the working directory (for the `source` option). */
  relative: string;
  line: number;
  version: string;
  what: string;
}

/**
 * The version of each source that exists, in the order VERSION, package.json files,
 * pyproject.toml files, CHANGELOG.md, README; a leading `v` is dropped.
 */
export async function readSources(options: VersionsOptions, ctx: CheckContext): Promise<Source[]> {
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
  return sources;
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) return 1;
  return text.slice(0, match.index).split('\n').length;
}
