import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expandGlobs, matchesGlob, matchesPathGlobs } from '../../src/engine/checks/scan.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { parseConfig } from '../../src/engine/config/parse.js';
import {
  globSyntaxError,
  globToRegExp,
  matchesGlobs,
  matchesInOrder,
} from '../../src/engine/glob.js';

/*
 * The one matcher of every glob in the config has the semantics of GitHub's workflow filters.
 * The tables are the examples of the "Filter pattern cheat sheet" in GitHub's workflow syntax
 * docs (docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax), each
 * example match as a case, plus the non-matches the descriptions imply.
 */

type Case = [patterns: string[], value: string, matches: boolean];

const BRANCHES_AND_TAGS: Case[] = [
  // feature/*: `*` matches any character but `/`.
  [['feature/*'], 'feature/my-branch', true],
  [['feature/*'], 'feature/your-branch', true],
  [['feature/*'], 'feature/beta-a/my-branch', false],
  // feature/**: `**` matches any character, `/` included.
  [['feature/**'], 'feature/beta-a/my-branch', true],
  [['feature/**'], 'feature/your-branch', true],
  [['feature/**'], 'feature/mona/the/octocat', true],
  [['feature/**'], 'features/a', false],
  // Exact names.
  [['main'], 'main', true],
  [['releases/mona-the-octocat'], 'releases/mona-the-octocat', true],
  [['main'], 'mainline', false],
  // '*': every name without a slash.
  [['*'], 'main', true],
  [['*'], 'releases', true],
  [['*'], 'releases/v1', false],
  // '**': every name.
  [['**'], 'all/the/branches', true],
  [['**'], 'every/tag', true],
  // '*feature'.
  [['*feature'], 'mona-feature', true],
  [['*feature'], 'feature', true],
  [['*feature'], 'ver-10-feature', true],
  [['*feature'], 'feature-x', false],
  // v2*: names that start with v2.
  [['v2*'], 'v2', true],
  [['v2*'], 'v2.0', true],
  [['v2*'], 'v2.9', true],
  [['v2*'], 'v3.0', false],
  // v[12].[0-9]+.[0-9]+: semantic versions with major version 1 or 2.
  [['v[12].[0-9]+.[0-9]+'], 'v1.10.1', true],
  [['v[12].[0-9]+.[0-9]+'], 'v2.0.0', true],
  [['v[12].[0-9]+.[0-9]+'], 'v3.0.0', false],
  [['v[12].[0-9]+.[0-9]+'], 'v1.x.0', false],
  // The cheat sheet's quoting example, and the case this issue names.
  [['main', 'release/v[0-9].[0-9]'], 'release/v1.2', true],
  [['main', 'release/v[0-9].[0-9]'], 'release/v1.23', false],
  [['main', 'release/v[0-9].[0-9]'], 'release/v1x2', false],
];

const FILE_PATHS: Case[] = [
  [['*'], 'README.md', true],
  [['*'], 'server.rb', true],
  [['*'], 'docs/README.md', false],
  // `?` matches zero or one of the preceding character.
  [['*.jsx?'], 'page.js', true],
  [['*.jsx?'], 'page.jsx', true],
  [['*.jsx?'], 'page.jsxx', false],
  [['**'], 'all/the/files.md', true],
  [['*.js'], 'app.js', true],
  [['*.js'], 'index.js', true],
  [['*.js'], 'src/app.js', false],
  [['**.js'], 'index.js', true],
  [['**.js'], 'js/index.js', true],
  [['**.js'], 'src/js/app.js', true],
  [['docs/*'], 'docs/README.md', true],
  [['docs/*'], 'docs/file.txt', true],
  [['docs/*'], 'docs/mona/octocat.txt', false],
  [['docs/**'], 'docs/README.md', true],
  [['docs/**'], 'docs/mona/octocat.txt', true],
  [['docs/**'], 'README.md', false],
  [['docs/**/*.md'], 'docs/README.md', true],
  [['docs/**/*.md'], 'docs/mona/hello-world.md', true],
  [['docs/**/*.md'], 'docs/a/markdown/file.md', true],
  [['docs/**/*.md'], 'docs/a/file.txt', false],
  [['**/docs/**'], 'docs/hello.md', true],
  [['**/docs/**'], 'dir/docs/my-file.txt', true],
  [['**/docs/**'], 'space/docs/plan/space.doc', true],
  [['**/README.md'], 'README.md', true],
  [['**/README.md'], 'js/README.md', true],
  [['**/*src/**'], 'a/src/app.js', true],
  [['**/*src/**'], 'my-src/code/js/app.js', true],
  [['**/*-post.md'], 'my-post.md', true],
  [['**/*-post.md'], 'path/their-post.md', true],
  [['**/migrate-*.sql'], 'migrate-10909.sql', true],
  [['**/migrate-*.sql'], 'db/migrate-v1.0.sql', true],
  [['**/migrate-*.sql'], 'db/sept/migrate-v1.sql', true],
  // `!` negates a pattern: a file that matched before and matches it is not included.
  [['*.md', '!README.md'], 'hello.md', true],
  [['*.md', '!README.md'], 'README.md', false],
  [['*.md', '!README.md'], 'docs/hello.md', false],
  // Patterns are checked in order: a later positive pattern includes again.
  [['*.md', '!README.md', 'README*'], 'hello.md', true],
  [['*.md', '!README.md', 'README*'], 'README.md', true],
  [['*.md', '!README.md', 'README*'], 'README.doc', true],
];

describe("GitHub's filter pattern cheat sheet", () => {
  it.each(BRANCHES_AND_TAGS)('branches and tags: [%p] on %p → %p', (patterns, value, matches) => {
    expect(matchesGlobs(value, patterns)).toBe(matches);
  });

  it.each(FILE_PATHS)('file paths: [%p] on %p → %p', (patterns, value, matches) => {
    expect(matchesGlobs(value, patterns)).toBe(matches);
  });
});

describe('the rest of the syntax', () => {
  it.each<[pattern: string, value: string, matches: boolean]>([
    // `+`: one or more of the preceding character.
    ['a+b', 'aaab', true],
    ['a+b', 'b', false],
    ['a+b', 'a+b', false],
    // `[]`: one listed character or one of a range.
    ['[CB]at', 'Cat', true],
    ['[CB]at', 'Bat', true],
    ['[CB]at', 'Rat', false],
    ['[1-2]00', '100', true],
    ['[1-2]00', '200', true],
    ['[1-2]00', '300', false],
    ['[0-9a-z]', 'q', true],
    ['[0-9a-z]', 'Q', false],
    // `\` makes the next character literal.
    ['v1\\+', 'v1+', true],
    ['v1\\+', 'v11', false],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    // A `?` or `+` with nothing before it to repeat is literal.
    ['?', '?', true],
    ['+x', '+x', true],
    ['*?', 'a?', true],
    // Regex syntax and other punctuation is literal.
    ['v1.0', 'v1x0', false],
    ['(x)', '(x)', true],
    ['x|y', 'x', false],
    ['x|y', 'x|y', true],
    ['$HOME', '$HOME', true],
    ['{a,b}', 'a', false],
    ['{a,b}', '{a,b}', true],
    // An unclosed bracket is a literal `[` (config validation reports it).
    ['[ab', '[ab', true],
    // `!` has no special meaning after the first character.
    ['a!b', 'a!b', true],
    // Dots are ordinary characters for `*`.
    ['*', '.env', true],
    ['.github/**', '.github/workflows/ci.yml', true],
  ])('%p on %p → %p', (pattern, value, matches) => {
    expect(globToRegExp(pattern).test(value)).toBe(matches);
  });

  it('a list needs a positive match: nothing, or only `!` patterns, matches nothing', () => {
    expect(matchesGlobs('main', [])).toBe(false);
    expect(matchesGlobs('main', ['!develop'])).toBe(false);
    expect(matchesGlobs('main', ['develop', 'ma*'])).toBe(true);
    expect(matchesGlobs('main', ['develop', 'release/**'])).toBe(false);
  });

  it('the last matching pattern decides, however many there are', () => {
    const patterns = ['**', '!release/**', 'release/v2.*', '!release/v2.0'];
    expect(matchesGlobs('main', patterns)).toBe(true);
    expect(matchesGlobs('release/v1.0', patterns)).toBe(false);
    expect(matchesGlobs('release/v2.1', patterns)).toBe(true);
    expect(matchesGlobs('release/v2.0', patterns)).toBe(false);
  });

  it('matchesInOrder tests only the patterns that could change the outcome, without their `!`', () => {
    const tested: string[] = [];
    const result = matchesInOrder(['a', 'b', '!c', 'd'], (pattern) => {
      tested.push(pattern);
      return pattern !== 'c';
    });
    expect(result).toBe(true);
    expect(tested).toEqual(['a', 'c']);
  });
});

describe('globSyntaxError: patterns GitHub would refuse', () => {
  it.each([
    ['main', undefined],
    ['release/v[0-9].[0-9]', undefined],
    ['v[12].[0-9]+.[0-9]+', undefined],
    ['[CB]at', undefined],
    ['!release/**', undefined],
    ['v1\\+', undefined],
    ['[ab', 'expected "]" to close "["'],
    ['a[]', 'expected a character or a range inside "[]"'],
    ['[a-9]', 'expected a range within a-z, A-Z or 0-9, got "a-9"'],
    ['[9-0]', 'expected a range within a-z, A-Z or 0-9, got "9-0"'],
    ['[._]', 'expected letters, digits and ranges inside "[]", got "."'],
    ['x\\', 'expected a character after "\\"'],
    ['!', 'expected a pattern after "!"'],
  ])('%p → %p', (pattern, error) => {
    expect(globSyntaxError(pattern)).toBe(error);
  });
});

describe('when.branches in a config', () => {
  const problems = (branches: string) => {
    const text = `version: 1\ngates:\n  - { id: g, stage: lint, priority: P1, run: x, when: { branches: ${branches} } }\n`;
    try {
      parseConfig(text, '.github/release-gates.yml');
      return [];
    } catch (error) {
      if (error instanceof ConfigurationError) return [...error.problems];
      throw error;
    }
  };

  it('accepts the cheat sheet and ordered negation', () => {
    expect(problems(`[main, 'release/v[0-9].[0-9]']`)).toEqual([]);
    expect(problems(`['**', '!main', 'v[12].[0-9]+.[0-9]+']`)).toEqual([]);
  });

  it('refuses a pattern GitHub would refuse, naming it', () => {
    expect(problems(`[main, '[ab']`)).toEqual([
      '.github/release-gates.yml: gates[0].when.branches[1]: expected "]" to close "[", got "[ab"',
    ]);
  });

  it('refuses a list of only `!` patterns: it would match no branch', () => {
    expect(problems(`['!main']`)).toEqual([
      '.github/release-gates.yml: gates[0].when.branches: expected at least one pattern without "!": only "!" patterns match nothing, got a list',
    ]);
  });
});

describe('path globs of the built-in checks (checks/scan.ts)', () => {
  it('use the same syntax; a pattern without `/` matches the name in any directory', () => {
    expect(matchesGlob('apps/web/page.jsx', '*.jsx?')).toBe(true);
    expect(matchesGlob('apps/web/page.js', '*.jsx?')).toBe(true);
    expect(matchesGlob('db/migrate-v1.sql', 'db/migrate-v[0-9].sql')).toBe(true);
    expect(matchesGlob('README.md', '**/README.md')).toBe(true);
    expect(matchesGlob('docs/a/b.md', 'docs/')).toBe(true);
    expect(matchesGlob('x', './x')).toBe(true);
  });

  it('lists are ordered: `!` excludes, a later pattern includes again', () => {
    const patterns = ['docker-compose*.yml', '!docker-compose.override.yml', '*.override.yml'];
    expect(matchesPathGlobs('docker-compose.prod.yml', patterns)).toBe(true);
    expect(matchesPathGlobs('deploy/docker-compose.override.yml', patterns)).toBe(true);
    expect(matchesPathGlobs('docker-compose.override.yml', patterns.slice(0, 2))).toBe(false);
  });

  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'rg-glob-'));
    for (const file of ['package.json', 'apps/web/package.json', 'apps/api/package.json']) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), '{}');
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('expandGlobs: a `!` pattern removes what the patterns before it found', async () => {
    expect(await expandGlobs(root, ['package.json', 'apps/*/package.json'])).toEqual([
      'package.json',
      'apps/api/package.json',
      'apps/web/package.json',
    ]);
    expect(
      await expandGlobs(root, ['package.json', 'apps/*/package.json', '!apps/web/**']),
    ).toEqual(['package.json', 'apps/api/package.json']);
    expect(
      await expandGlobs(root, ['apps/*/package.json', '!apps/**', 'apps/[w]eb/package.json']),
    ).toEqual(['apps/web/package.json']);
  });
});
