import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareSemver, parseSemver, pyprojectVersion } from '../../src/engine/checks/versions.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import {
  CONFIG_FILE,
  configProblems,
  gitInit,
  places,
  runCheck,
  usesConfig,
} from './check-helpers.js';

afterAll(removeTempDirs);

describe('versions: one version everywhere', () => {
  it('passes: VERSION, package.json files, pyproject.toml, CHANGELOG.md and the README badge agree', async () => {
    const workspace = await copyFixture('check-versions-pass');
    const git = gitInit(workspace);
    git('tag', 'v1.3.2');
    git('tag', 'v1.4.0');
    git('tag', 'nightly');
    const result = await runCheck('versions', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    // apps/internal/package.json is private at 0.0.0: not a version source.
    expect(result.summary).toBe(
      'VERSION, package.json, apps/web/package.json, pyproject.toml, CHANGELOG.md and README.md agree on 1.4.0, and no git tag is ahead of it.',
    );
    expect(result.log).toEqual([
      'versions: VERSION:1 1.4.0, package.json:3 1.4.0, apps/web/package.json:3 1.4.0, pyproject.toml:6 1.4.0, CHANGELOG.md:5 1.4.0, README.md:3 1.4.0',
    ]);
  });

  it('counts private 0.0.0 packages when ignore-private-zero is false', async () => {
    const workspace = await copyFixture('check-versions-pass');
    const result = await runCheck('versions', workspace, { 'ignore-private-zero': false });
    expect(places(result.findings)).toEqual(['apps/internal/package.json:3 versions/mismatch']);
  });

  it('works without git (no tags to compare)', async () => {
    const workspace = await copyFixture('check-versions-pass');
    const result = await runCheck('versions', workspace);
    expect(result.passed).toBe(true);
  });
});

describe('versions: drift', () => {
  it('points at every file that disagrees with the majority, and at a tag that is ahead', async () => {
    const workspace = await copyFixture('check-versions-fail');
    const git = gitInit(workspace);
    git('tag', 'v1.9.0');
    git('tag', 'v1.10.0');
    git('tag', 'v1.10.0-rc.1');
    const result = await runCheck('versions', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      'apps/web/package.json:4 versions/mismatch',
      'CHANGELOG.md:5 versions/mismatch',
      'README.md:3 versions/mismatch',
      'VERSION:1 versions/tag-ahead',
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'apps/web/package.json (package version) says 1.3.2, but VERSION and 2 other files say 1.4.0',
      'CHANGELOG.md (newest entry) says 1.3.2, but VERSION and 2 other files say 1.4.0',
      'README.md (version line) says 1.4.1, but VERSION and 2 other files say 1.4.0',
      'git tag v1.10.0 is newer than 1.4.0: bump the version past the last release',
    ]);
    expect(result.summary).toBe(
      'apps/web/package.json, CHANGELOG.md and README.md disagree with 1.4.0 (VERSION), and git tag v1.10.0 is ahead of 1.4.0.',
    );
  });

  it('uses the source option as the one source of truth', async () => {
    const workspace = await copyFixture('check-versions-fail');
    const result = await runCheck('versions', workspace, { source: 'CHANGELOG.md', tags: false });
    expect(places(result.findings)).toEqual([
      'VERSION:1 versions/mismatch',
      'package.json:3 versions/mismatch',
      'pyproject.toml:3 versions/mismatch',
      'README.md:3 versions/mismatch',
    ]);
    expect(result.findings[0]!.message).toBe(
      'VERSION (version file) says 1.4.0, but CHANGELOG.md says 1.3.2',
    );
    const missing = await runCheck('versions', workspace, { source: 'VERSION.txt' });
    expect(missing).toMatchObject({
      passed: false,
      summary: 'The source of truth VERSION.txt has no version the check can read.',
    });
  });

  it('skips sources turned off with "" or []', async () => {
    const workspace = await copyFixture('check-versions-fail');
    const result = await runCheck('versions', workspace, {
      readme: '',
      changelog: '',
      'package-files': ['package.json'],
      tags: false,
    });
    expect(result.passed).toBe(true);
    expect(result.summary).toBe('VERSION, package.json and pyproject.toml agree on 1.4.0.');
  });

  it('passes with nothing to compare', async () => {
    const workspace = await copyFixture('check-versions-fail');
    const result = await runCheck('versions', path.join(workspace, 'apps'), {
      'package-files': [],
      'pyproject-files': [],
    });
    expect(result).toMatchObject({
      passed: true,
      summary: 'No version sources found; nothing to compare.',
    });
  });
});

describe('versions: readers', () => {
  it('reads [project] before [tool.poetry] and ignores other tables', () => {
    expect(
      pyprojectVersion(
        '[tool.poetry]\nversion = "2.0.0"\n[project]\nname = "x"\nversion = \'1.0.0\'\n[tool.x]\nversion = "9"\n',
      ),
    ).toEqual({ version: '1.0.0', line: 5, table: 'project' });
    expect(pyprojectVersion('[project]\ndynamic = ["version"]\n')).toBeUndefined();
  });

  it('reads a README version line and a shields badge', async () => {
    const workspace = await copyFixture('check-versions-pass');
    await writeFile(
      path.join(workspace, 'README.md'),
      '# X\n\n![v](https://img.shields.io/badge/version-1.4.0--rc.1-blue)\n',
    );
    const result = await runCheck('versions', workspace, { tags: false });
    expect(result.findings.map((f) => f.message)).toEqual([
      'README.md (version badge) says 1.4.0-rc.1, but VERSION and 4 other files say 1.4.0',
    ]);
  });

  it('compares semver by precedence', () => {
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0',
      '1.2.0',
      '1.10.0',
    ];
    const parsed = order.map((v) => parseSemver(v)!);
    for (let i = 1; i < parsed.length; i++) {
      expect(compareSemver(parsed[i - 1]!, parsed[i]!)).toBeLessThan(0);
    }
    expect(parseSemver('v2.0.0+build.5')).toEqual({ core: [2, 0, 0], pre: [] });
    expect(parseSemver('release-2')).toBeUndefined();
  });
});

describe('versions: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('versions', "{ 'package-files': package.json }"))).toEqual([
      `${CONFIG_FILE}: gates[0].with.package-files: expected a list, got "package.json" (check versions)`,
    ]);
    expect(configProblems(usesConfig('versions', '{ tags: 1, readme: ../README.md }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.readme: expected a path inside the workspace, or "" to skip it, got "../README.md" (check versions)`,
      `${CONFIG_FILE}: gates[0].with.tags: expected true or false, got 1 (check versions)`,
    ]);
  });
});
