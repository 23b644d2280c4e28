import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Report } from '../../src/reporters/report-json.js';
import { runCli } from '../helpers/cli-harness.js';
import { FIXTURES_DIR, makeTempDir, removeTempDirs } from '../helpers/fixtures.js';

/* `release-gates init` through dist/cli.js, in copies of the init-* fixtures. */

const CONFIG = '.github/release-gates.yml';
const WORKFLOW = '.github/workflows/release-gates.yml';

afterAll(removeTempDirs);

/** The init fixtures have no config yet, so copyFixture() does not take them. */
async function copyRepo(name: string): Promise<string> {
  const dir = path.join(await makeTempDir(`rg-${name}-`), 'repo');
  await cp(path.join(FIXTURES_DIR, name), dir, { recursive: true });
  return dir;
}

const read = (cwd: string, file: string) => readFileSync(path.join(cwd, file), 'utf8');

describe('release-gates init', () => {
  it('writes a valid config extending coffeestudio and the required-check workflow, and says why', async () => {
    const cwd = await copyRepo('init-coffeestudio');
    const run = await runCli(['init'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'found apps/api: FastAPI (pyproject.toml) with pytest, ruff, mypy, Alembic',
    );
    expect(run.stdout).toContain('found apps/web: Next.js 14.2.3');
    expect(run.stdout).toMatch(/^wrote \.github\/release-gates\.yml$/m);
    expect(run.stdout).toMatch(
      /^ {2}extends coffeestudio: FastAPI in apps\/api, Next\.js in apps\/web/m,
    );
    expect(run.stdout).toMatch(/^ {2}disable api-health: post-deploy probe/m);
    expect(run.stdout).toMatch(
      /^ {2}gate web-tests \(test, P1\): apps\/web\/package\.json has a "test" script$/m,
    );
    expect(run.stdout).toMatch(/^wrote \.github\/workflows\/release-gates\.yml$/m);
    expect(run.stdout).toContain('release-gates plan');

    expect(read(cwd, CONFIG)).toMatch(/^extends: \[coffeestudio\]$/m);
    const workflow = parse(read(cwd, WORKFLOW)) as any;
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps = workflow.jobs['release-gates'].steps;
    expect(steps[0].uses).toBe('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683');
    expect(read(cwd, WORKFLOW)).toContain(
      'uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
    );
    expect(steps.at(-1).uses).toBe('coffeestudio/release-gates@v1');

    const validate = await runCli(['validate'], { cwd });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(
      /^\.github\/release-gates\.yml: valid \(\d+ gates in \d+ stages\)$/m,
    );

    const plan = await runCli(['plan'], { cwd });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^\s+P0 abort\s+secrets\s+preset:coffeestudio\s+run$/m);
    expect(plan.stdout).toMatch(/^\s+P1 block\s+web-tests\s+\.github\/release-gates\.yml\s+run$/m);
  }, 60_000);

  it('the workflow it writes passes the workflows check, and the repository-wide checks run', async () => {
    const cwd = await copyRepo('init-coffeestudio');
    expect((await runCli(['init'], { cwd })).code).toBe(0);
    const run = await runCli(
      ['run', '--mode', 'audit', '--only', 'secrets,workflows,env-example,versions', '--json'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const status = Object.fromEntries(report.gates.map((g) => [g.id, g.status]));
    expect(status).toMatchObject({
      secrets: 'passed',
      workflows: 'passed',
      'env-example': 'passed',
      versions: 'passed',
    });
    expect(report.gates.find((g) => g.id === 'workflows')!.origin).toBe('preset:coffeestudio');
  }, 60_000);

  it('never overwrites existing files unless --force', async () => {
    const cwd = await copyRepo('init-node');
    expect((await runCli(['init'], { cwd })).code).toBe(0);
    writeFileSync(
      path.join(cwd, CONFIG),
      '# mine\nversion: 1\ngates: [{ id: mine, stage: test, priority: P1, run: "true" }]\n',
    );
    const workflowBefore = read(cwd, WORKFLOW);

    const again = await runCli(['init'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `kept ${CONFIG}: it already exists (release-gates init --force overwrites it)`,
    );
    expect(again.stdout).toContain(`kept ${WORKFLOW}: it already exists`);
    expect(again.stdout).not.toMatch(/^wrote /m);
    expect(read(cwd, CONFIG)).toMatch(/^# mine/);
    expect(read(cwd, WORKFLOW)).toBe(workflowBefore);

    const forced = await runCli(['init', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^overwrote \.github\/release-gates\.yml$/m);
    expect(read(cwd, CONFIG)).toContain('release-gates init');
    expect(read(cwd, CONFIG)).toMatch(/- id: tests\n/);
  }, 60_000);

  it('--config chooses where the config goes, and the workflow names it', async () => {
    const cwd = await copyRepo('init-node');
    const run = await runCli(['init', '--config', 'ci/gates.yml'], { cwd });
    expect(run.code).toBe(0);
    expect(existsSync(path.join(cwd, 'ci', 'gates.yml'))).toBe(true);
    expect(existsSync(path.join(cwd, CONFIG))).toBe(false);
    expect(read(cwd, WORKFLOW)).toContain('config: ci/gates.yml');
    expect((await runCli(['validate', '--config', 'ci/gates.yml'], { cwd })).code).toBe(0);
  }, 60_000);

  it('--force is for init only', async () => {
    const cwd = await copyRepo('init-node');
    const run = await runCli(['validate', '--force'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--force only applies to release-gates init');
  });

  it('--help lists init', async () => {
    const cwd = await copyRepo('init-node');
    const run = await runCli(['--help'], { cwd });
    expect(run.stdout).toMatch(/^\s+init\s/m);
    expect(run.stdout).toContain('--force');
  });
});

describe('without a config', () => {
  it.each([['run'], ['plan'], ['validate']])(
    '%s exits 2 and says to create one with release-gates init',
    async (command) => {
      const cwd = await copyRepo('init-node');
      const run = await runCli([command], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^error: \.github\/release-gates\.yml: config file not found \(looked in .*\)\. Create one with `release-gates init`/m,
      );
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(path.join(cwd, '.release-gates'))).toBe(false);
    },
  );
});
