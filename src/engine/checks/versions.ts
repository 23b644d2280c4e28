import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import { gitTags } from './git.js';
import { runRules } from './rule.js';
import { relativePathOption } from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';
import { VERSIONS_RULES, type VersionsInput, tagAheadOf } from './versions/rules.js';
import { type Source, readSources } from './versions/sources.js';

export { pyprojectVersion } from './pyproject.js';
export { type Semver, compareSemver, parseSemver } from './versions/semver.js';

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
  rules: VERSIONS_RULES,
};

async function runVersions(options: VersionsOptions, ctx: CheckContext): Promise<CheckResult> {
  const sources = await readSources(options, ctx);
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
        findings: [],
      };
    }
  } else {
    const counts = new Map<string, number>();
    for (const source of sources) counts.set(source.version, (counts.get(source.version) ?? 0) + 1);
    const best = Math.max(0, ...counts.values());
    reference = sources.find((source) => counts.get(source.version) === best);
  }
  if (!reference) {
    return { passed: true, summary: 'No version sources found; nothing to compare.', findings: [] };
  }
  const input: VersionsInput = {
    sources,
    reference,
    named: options.source !== undefined,
    ...(options.tags ? { tags: (await gitTags(ctx)) ?? [] } : {}),
  };
  const findings = runRules('versions', VERSIONS_RULES, input);

  if (findings.length === 0) {
    const list = joinNames(sources.map((source) => source.file));
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
  const tag = tagAheadOf(input);
  if (tag) parts.push(`git tag ${tag} is ahead of ${reference.version}`);
  return { passed: false, summary: `${parts.join(', and ')}.`, findings };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
