import type { CheckRule } from '../rule.js';
import { plural } from '../scan.js';
import { compareSemver, parseSemver } from './semver.js';
import type { Source } from './sources.js';

/** What the versions rules read: the sources and the version they are compared with. */
export interface VersionsInput {
  sources: Source[];
  /** The `source` option's source, else the first of the version most sources agree on. */
  reference: Source;
  /** The reference was named by the `source` option. */
  named: boolean;
  /** Git tags, when they are compared (`tags: true`); [] outside a repository. */
  tags?: string[];
}

type Rule = CheckRule<VersionsInput>;

/*
 * Neither rule's findings can be silenced with release-gates-ignore: fix the version, or stop
 * reading the source (see checks/versions/README.md).
 */

export const mismatch: Rule = {
  id: 'versions/mismatch',
  level: 'error',
  description: 'a source says another version than the reference',
  check({ sources, reference, named }, report) {
    const agreeing = sources.filter((source) => source.version === reference.version);
    for (const source of sources) {
      if (source.version === reference.version) continue;
      const others = agreeing.filter((s) => s.file !== source.file);
      const one = named || others.length === 1;
      const who = one
        ? reference.file
        : `${reference.file} and ${plural(others.length - 1, 'other file')}`;
      report({
        file: source.file,
        line: source.line,
        message: `${source.file} (${source.what}) says ${source.version}, but ${who} ${one ? 'says' : 'say'} ${reference.version}`,
      });
    }
  },
};

export const tagAhead: Rule = {
  id: 'versions/tag-ahead',
  level: 'error',
  description: 'the newest semver git tag is newer than the version of the files',
  check(input, report) {
    const tag = tagAheadOf(input);
    if (tag === undefined) return;
    report({
      file: input.reference.file,
      line: input.reference.line,
      message: `git tag ${tag} is newer than ${input.reference.version}: bump the version past the last release`,
    });
  },
};

export const VERSIONS_RULES: readonly Rule[] = [mismatch, tagAhead];

/** The newest semver tag, when it is newer than the reference (which must be semver too). */
export function tagAheadOf({ tags, reference }: VersionsInput): string | undefined {
  if (tags === undefined) return undefined;
  const newest = tags
    .map((tag) => ({ tag, version: parseSemver(tag) }))
    .filter((entry) => entry.version !== undefined)
    .sort((a, b) => compareSemver(b.version!, a.version!))[0];
  const current = parseSemver(reference.version);
  if (newest && current && compareSemver(newest.version!, current) > 0) return newest.tag;
  return undefined;
}
