import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { CONFIG_FILE, configProblems, places, runCheck, usesConfig } from './check-helpers.js';

afterAll(removeTempDirs);

describe('workflows: hardened workflows', () => {
  it('passes: permissions set, every action pinned by SHA, untrusted input only through env:', async () => {
    const workspace = await copyFixture('check-workflows-pass');
    const result = await runCheck('workflows', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.summary).toBe(
      'All 2 workflows (4 action references) set permissions, pin actions by commit SHA and keep untrusted input out of scripts.',
    );
  });

  it('says so when there are no workflows', async () => {
    const workspace = await copyFixture('check-workflows-pass');
    const result = await runCheck('workflows', workspace, { path: 'ci/workflows' });
    expect(result).toMatchObject({
      passed: true,
      summary: 'No workflows found under ci/workflows.',
      findings: [],
    });
  });
});

describe('workflows: risky workflows', () => {
  it('reports each problem with its line', async () => {
    const workspace = await copyFixture('check-workflows-fail');
    const result = await runCheck('workflows', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      '.github/workflows/ci.yml:5 workflows/no-permissions',
      '.github/workflows/ci.yml:8 workflows/unpinned-action',
      '.github/workflows/ci.yml:9 workflows/unpinned-action',
      '.github/workflows/ci.yml:15 workflows/untrusted-input',
      '.github/workflows/ci.yml:16 workflows/untrusted-input',
      '.github/workflows/ci.yml:20 workflows/untrusted-input',
      '.github/workflows/ci.yml:23 workflows/write-all',
      '.github/workflows/pr-target.yml:15 workflows/pr-target-checkout',
      '.github/workflows/pr-target.yml:17 workflows/pr-target-checkout',
    ]);
    const message = (line: number) =>
      result.findings.find((f) => f.line === line && f.file.endsWith('ci.yml'))!.message;
    expect(message(5)).toBe(
      "job build has no permissions and the workflow sets none at the top level, so it gets the repository's default token scopes; set permissions (e.g. contents: read)",
    );
    expect(message(8)).toBe(
      'actions/checkout@v4 is not pinned: use the full 40-character commit SHA of v4 (keep "# v4" as a comment)',
    );
    expect(message(15)).toBe(
      '${{ github.event.issue.title }} inside run: can be set by whoever opens the issue or pull request (script injection); pass it through env: and use the variable instead',
    );
    expect(message(16)).toMatch(/^\$\{\{ github\.head_ref \}\} inside run:/);
    expect(message(20)).toMatch(
      /^\$\{\{ github\.event\.comment\.body \}\} inside a github-script script/,
    );
    expect(result.findings.find((f) => f.line === 15)!.column).toBe(24);
    expect(result.summary).toBe(
      'Found 9 problems in 2 workflows (5 action references): no-permissions, pr-target-checkout, unpinned-action, untrusted-input, write-all.',
    );
  });

  it('lets allow-unpinned exempt trusted actions', async () => {
    const workspace = await copyFixture('check-workflows-fail');
    const result = await runCheck('workflows', workspace, {
      'allow-unpinned': ['actions/*', 'some-org/**'],
    });
    expect(places(result.findings).filter((p) => p.includes('unpinned'))).toEqual([]);
  });

  it('requires permissions on every job when there are none at the top level', async () => {
    const workspace = await copyFixture('check-workflows-pass');
    await writeFile(
      path.join(workspace, '.github/workflows/release.yaml'),
      [
        'on: { push: { tags: ["v*"] } }',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    permissions: { contents: read }',
        '    steps: [{ run: make }]',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: softprops/action-gh-release',
        '',
      ].join('\n'),
    );
    const result = await runCheck('workflows', workspace);
    expect(places(result.findings)).toEqual([
      '.github/workflows/release.yaml:7 workflows/no-permissions',
      '.github/workflows/release.yaml:10 workflows/unpinned-action',
    ]);
    expect(result.findings[1]!.message).toBe(
      'softprops/action-gh-release has no ref: pin it to a full 40-character commit SHA',
    );
  });

  it('reports YAML errors with their line', async () => {
    const workspace = await copyFixture('check-workflows-pass');
    await writeFile(path.join(workspace, '.github/workflows/bad.yml'), 'on: push\njobs: [\n');
    const result = await runCheck('workflows', workspace);
    expect(result.findings.map((f) => [f.file, f.ruleId])).toEqual([
      ['.github/workflows/bad.yml', 'workflows/invalid-yaml'],
    ]);
  });
});

describe('workflows: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('workflows', '{ path: 3 }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.path: expected a string, got 3 (check workflows)`,
    ]);
    expect(configProblems(usesConfig('workflows', "{ 'allow-unpinned': [''] }"))).toEqual([
      `${CONFIG_FILE}: gates[0].with.allow-unpinned[0]: expected at least 1 character(s) (check workflows)`,
    ]);
  });
});
