import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/reporters/report-json.js';
import { runCli, startCli } from '../helpers/cli-harness.js';
import {
  copyFixture,
  isAlive,
  killLeftovers,
  makeTempDir,
  nodeBinaries,
  processesInside,
  readPidFiles,
  REPO_ROOT,
  removeTempDirs,
  sleep,
  waitFor,
} from '../helpers/fixtures.js';

/* dist/cli.js as a real process, in a fixture copy, with a minimal environment. */

const NODES = nodeBinaries();
const FILE = '.github/release-gates.yml';
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * The CLI can be a workflow step too, and then gets the runner's signals: SIGTERM 7.5 s after
 * its SIGINT, and SIGKILL 2.5 s after that. A cancelled run must be over before the SIGTERM, its
 * reports written and its cleanup run (README, sections 'Cancellation' and 'Rollback and
 * cleanup'). A contract with the runner, not a speed target: the shutdown itself takes at most
 * about 4.5 s (2 s of kill grace, 2.2 s for the hooks, the reports), after a SIGTERM as after a
 * SIGINT.
 */
const CANCEL_EXIT_WITHIN_MS = 7_500;
/** p0-abort's slow gate sleeps 30 s: ending within this means it was killed, not waited for. */
const KILLED_NOT_AWAITED_MS = 10_000;

let leftovers: number[] = [];
afterEach(() => {
  killLeftovers(leftovers);
  leftovers = [];
});
afterAll(removeTempDirs);

function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(report.gates.map((g) => [g.id, g.status]));
}

function ranMarkers(workspace: string): string[] {
  const dir = path.join(workspace, 'ran');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe.each(NODES)('cli bundle under $label', ({ path: node }) => {
  it('--version prints the package.json version', async () => {
    const cwd = await copyFixture('all-pass');
    for (const flag of ['--version', '-v']) {
      const run = await runCli([flag], { cwd, node });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${PACKAGE_VERSION}\n`);
    }
  });

  it("keeps V8's compiled code in Node's compile cache where Node has one (22.1+)", async () => {
    const cwd = await copyFixture('all-pass');
    const tmp = await makeTempDir('rg-compile-cache-');
    const hasCache =
      execFileSync(node, ['-p', "typeof require('node:module').enableCompileCache"], {
        encoding: 'utf8',
      }).trim() === 'function';
    const first = await runCli(['plan'], { cwd, node, env: { TMPDIR: tmp } });
    expect(first.code).toBe(0);
    const cacheDir = path.join(tmp, 'node-compile-cache');
    expect(existsSync(cacheDir)).toBe(hasCache);
    if (!hasCache) return;
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
    // The second run reads the cache and gives the same plan.
    const second = await runCli(['plan'], { cwd, node, env: { TMPDIR: tmp } });
    expect(second.stdout).toBe(first.stdout);
    // NODE_DISABLE_COMPILE_CACHE is honoured.
    const off = await makeTempDir('rg-compile-cache-off-');
    const disabled = await runCli(['plan'], {
      cwd,
      node,
      env: { TMPDIR: off, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    expect(disabled.code).toBe(0);
    expect(existsSync(path.join(off, 'node-compile-cache'))).toBe(false);
  });

  it('run on all-pass exits 0 and writes the default report', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['run'], { cwd, node });
    expect(run.code).toBe(0);
    const reportPath = path.join(cwd, '.release-gates', 'report.json');
    expect(run.stderr).toContain(`report: ${reportPath}`);
    const report = readReport(reportPath);
    expect(report.schema).toBe('release-gates/report@1');
    expect(report.verdict).toBe('passed');
    expect(Object.values(statuses(report))).toEqual(Array(5).fill('passed'));
    expect(run.stdout).toContain('(passed)');
  });
});

describe('cli usage', () => {
  it('--help exits 0 and lists the commands', async () => {
    const cwd = await copyFixture('all-pass');
    for (const flag of ['--help', '-h']) {
      const run = await runCli([flag], { cwd });
      expect(run.code).toBe(0);
      for (const command of ['run', 'plan', 'validate', 'schema']) {
        expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\s`, 'm'));
      }
      expect(run.stdout).toContain('Exit codes');
    }
  });

  it('an unknown command exits 2 and names it', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['frobnicate'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('frobnicate');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(cwd, 'ran-code-lint'))).toBe(false);
  });

  it('an unknown option exits 2 and names it', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['run', '--frobnicate'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
    expect(existsSync(path.join(cwd, 'ran-code-lint'))).toBe(false);
  });

  it('a bad --mode or --concurrency value exits 2', async () => {
    const cwd = await copyFixture('all-pass');
    const mode = await runCli(['run', '--mode', 'yolo'], { cwd });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('"yolo"');
    const concurrency = await runCli(['run', '--concurrency', '0'], { cwd });
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain('--concurrency');
    expect(existsSync(path.join(cwd, 'ran-code-lint'))).toBe(false);
  });
});

describe('cli validate and schema', () => {
  it('validate exits 0 on a valid config and runs nothing', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['validate'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${FILE}: valid`);
    expect(run.stdout).toContain('5 gates');
    expect(existsSync(path.join(cwd, 'ran-code-lint'))).toBe(false);
    expect(existsSync(path.join(cwd, '.release-gates'))).toBe(false);
  });

  it('validate exits 2 on an invalid config with one line per problem naming the field', async () => {
    const cwd = await copyFixture('invalid-config');
    const run = await runCli(['validate'], { cwd });
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
    const expected = [
      `${FILE}: gates[0].id: expected an id matching`,
      `${FILE}: gates[0].priority: expected one of P0, P1, P2, P3, got "P5"`,
      `${FILE}: gates[2].id: duplicate id "dup" (first used by gates[1])`,
      `${FILE}: gates[2].stage: expected one of lint, typecheck, test, security, build, image, deploy, health, got "tests"`,
      `${FILE}: gates[3]: expected exactly one of run, http, uses; got run and uses`,
      `${FILE}: gates[4].working-directory: expected a path inside the workspace, got "../elsewhere"`,
      `${FILE}: gates[4].colour: unknown key "colour"`,
    ];
    expect(lines).toHaveLength(expected.length);
    for (const start of expected) {
      expect(lines.filter((line) => line.startsWith(`error: ${start}`))).toHaveLength(1);
    }
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });

  it('run on an invalid config exits 2 and runs nothing', async () => {
    const cwd = await copyFixture('invalid-config');
    const run = await runCli(['run'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${FILE}: gates[0].priority`);
    expect(existsSync(path.join(cwd, 'should-not-run.marker'))).toBe(false);
  });

  it('a missing --config file exits 2 and names the file', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['validate', '--config', 'ci/nope.yml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ci/nope.yml');
  });

  it('schema prints the JSON Schema committed in schema/', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['schema'], { cwd });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(typeof printed.$schema).toBe('string');
    expect(printed.$schema).toMatch(/json-schema\.org/);
    const committed = readFileSync(
      path.join(REPO_ROOT, 'schema', 'release-gates.schema.json'),
      'utf8',
    );
    expect(printed).toEqual(JSON.parse(committed));
    expect(run.stdout).toBe(committed);
  });
});

describe('cli plan', () => {
  it('plan prints the stages in pipeline order with gates and policy; nothing runs', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['plan'], { cwd });
    expect(run.code).toBe(0);
    const stageLines = run.stdout
      .split('\n')
      .map((line) => /^\s*\d+\.\s+(\S+)\s*$/.exec(line)?.[1])
      .filter((stage): stage is string => stage !== undefined);
    expect(stageLines).toEqual(['lint', 'typecheck', 'test', 'security', 'build']);
    const positions = ['code-lint', 'types', 'unit-tests', 'env-drift', 'docs-links'].map((id) =>
      run.stdout.indexOf(id),
    );
    expect(positions.filter((p) => p < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(run.stdout).toMatch(/^\s*P0 abort\s+unit-tests/m);
    expect(run.stdout).toMatch(/^\s*P3 notice\s+docs-links/m);
    expect(run.stdout).toMatch(/P0 abort, P1 block, P2 warn, P3 notice/);
    for (const id of ['code-lint', 'types', 'unit-tests', 'env-drift', 'docs-links']) {
      expect(existsSync(path.join(cwd, `ran-${id}`))).toBe(false);
    }
  });

  it('run --mode plan runs nothing and reports planned', async () => {
    const cwd = await copyFixture('all-pass');
    const run = await runCli(['run', '--mode', 'plan', '--json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.verdict).toBe('planned');
    expect(new Set(Object.values(statuses(report)))).toEqual(new Set(['planned']));
    expect(existsSync(path.join(cwd, 'ran-unit-tests'))).toBe(false);
  });
});

describe('cli run', () => {
  it('p0-abort exits 1: P0 failed, its neighbour cancelled, later stages skipped', async () => {
    const cwd = await copyFixture('p0-abort');
    const run = await runCli(['run'], { cwd });
    expect(run.code).toBe(1);
    expect(run.exitedAt - run.startedAt).toBeLessThan(KILLED_NOT_AWAITED_MS);
    await sleep(300);
    expect(processesInside(cwd)).toEqual([]);
    const report = readReport(path.join(cwd, '.release-gates', 'report.json'));
    expect(report.verdict).toBe('failed');
    expect(statuses(report)).toEqual({
      'lint-ok': 'passed',
      'api-tests': 'failed',
      'slow-e2e': 'cancelled',
      'image-build': 'skipped',
      'deploy-prod': 'skipped',
    });
    expect(run.stdout).toContain('FAILED tests/test_health.py::test_health');
    expect(run.stdout).toContain('(failed)');
  });

  it('p1-block exits 1', async () => {
    const cwd = await copyFixture('p1-block');
    const run = await runCli(['run'], { cwd });
    expect(run.code).toBe(1);
  });

  it('warn-only exits 0 with passed-with-warnings', async () => {
    const cwd = await copyFixture('warn-only');
    const run = await runCli(['run'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(passed-with-warnings)');
    const report = readReport(path.join(cwd, '.release-gates', 'report.json'));
    expect(report.verdict).toBe('passed-with-warnings');
    expect(report.failedGates).toEqual(['env-drift']);
  });

  it('audit mode exits 0 on a failing P0 and still reports failed', async () => {
    const cwd = await copyFixture('p0-abort');
    const run = await runCli(['run', '--mode', 'audit', '--skip', 'slow-e2e', '--json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.mode).toBe('audit');
    expect(report.verdict).toBe('failed');
    expect(statuses(report)['deploy-prod']).toBe('passed');
    expect(existsSync(path.join(cwd, 'deploy-prod.ran'))).toBe(true);
  });

  it('--json prints the report JSON (and only it) on stdout', async () => {
    const cwd = await copyFixture('p0-abort');
    const run = await runCli(['run', '--json'], { cwd });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.schema).toBe('release-gates/report@1');
    expect(report.verdict).toBe('failed');
    expect(report.failedGates).toEqual(['api-tests']);
    expect(report.highestFailedPriority).toBe('P0');
    const written = readReport(path.join(cwd, '.release-gates', 'report.json'));
    expect(report).toEqual(written);
  });

  it('--report-dir is respected (relative to the current directory)', async () => {
    const cwd = await copyFixture('warn-only');
    const run = await runCli(['run', '--report-dir', 'out/rg'], { cwd });
    expect(run.code).toBe(0);
    const reportPath = path.join(cwd, 'out', 'rg', 'report.json');
    expect(run.stderr).toContain(`report: ${reportPath}`);
    const report = readReport(reportPath);
    for (const gate of report.gates.filter((g) => g.status !== 'skipped')) {
      expect(gate.logPath!.startsWith(path.join(cwd, 'out', 'rg'))).toBe(true);
      expect(existsSync(gate.logPath!)).toBe(true);
    }
    expect(existsSync(path.join(cwd, '.release-gates'))).toBe(false);
  });

  it('-C runs the gates in another directory', async () => {
    const repo = await copyFixture('all-pass');
    const cwd = path.dirname(repo);
    const run = await runCli(['run', '-C', 'repo'], { cwd });
    expect(run.code).toBe(0);
    expect(existsSync(path.join(repo, 'ran-unit-tests'))).toBe(true);
    expect(existsSync(path.join(repo, '.release-gates', 'report.json'))).toBe(true);
  });

  it('--only takes ids and stage:<name>, repeated or comma separated', async () => {
    const cwd = await copyFixture('filters');
    const run = await runCli(
      [
        'run',
        '--event',
        'push',
        '--branch',
        'main',
        '--only',
        'lint-a',
        '--only',
        'stage:test,main-only',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    expect(ranMarkers(cwd)).toEqual(['lint-a', 'main-only', 'push-only', 'unit']);
    const report = readReport(path.join(cwd, '.release-gates', 'report.json'));
    const skipped = report.gates.filter((g) => g.status === 'skipped');
    expect(skipped.map((g) => [g.id, g.reason])).toEqual([
      ['lint-b', 'filter'],
      ['release-branches', 'filter'],
      ['dispatch-main', 'filter'],
    ]);
  });

  it('--skip and when conditions (--event, --branch)', async () => {
    const cwd = await copyFixture('filters');
    const run = await runCli(
      ['run', '--event', 'workflow_dispatch', '--branch', 'main', '--skip', 'stage:lint,unit'],
      { cwd },
    );
    expect(run.code).toBe(0);
    expect(ranMarkers(cwd)).toEqual(['dispatch-main', 'main-only']);
    const report = readReport(path.join(cwd, '.release-gates', 'report.json'));
    expect(Object.fromEntries(report.gates.map((g) => [g.id, g.reason]))).toEqual({
      'lint-a': 'filter',
      'lint-b': 'filter',
      unit: 'filter',
      'push-only': 'condition',
      'main-only': null,
      'release-branches': 'condition',
      'dispatch-main': null,
    });
  });

  it('without --branch, when: branches sees the branch checked out in git', async () => {
    const cwd = await copyFixture('filters');
    execFileSync('git', ['init', '-q', '-b', 'release/1.2'], { cwd });
    const run = await runCli(['run', '--event', 'push'], { cwd });
    expect(run.code).toBe(0);
    expect(ranMarkers(cwd)).toEqual(['lint-a', 'lint-b', 'push-only', 'release-branches', 'unit']);
    // CI's variables win over the checkout, as in the action.
    const onMain = await copyFixture('filters');
    execFileSync('git', ['init', '-q', '-b', 'release/1.2'], { cwd: onMain });
    const ci = await runCli(['run', '--event', 'push'], {
      cwd: onMain,
      env: { GITHUB_REF: 'refs/heads/main' },
    });
    expect(ci.code).toBe(0);
    expect(ranMarkers(onMain)).toEqual(['lint-a', 'lint-b', 'main-only', 'push-only', 'unit']);
  });

  it('an unknown --only id exits 2', async () => {
    const cwd = await copyFixture('filters');
    const run = await runCli(['run', '--only', 'nope'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"nope"');
    expect(ranMarkers(cwd)).toEqual([]);
  });
});

describe('cli secrets', () => {
  it('redact values never appear in the text report, --json or report.json', async () => {
    const secret = 'dpl_S3cr3t-value-4242';
    const cwd = await copyFixture('secrets-and-markup');
    const text = await runCli(['run'], { cwd, env: { DEPLOY_TOKEN: secret } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('deploying with token ***');
    expect(`${text.stdout}${text.stderr}`).not.toContain(secret);
    expect(readFileSync(path.join(cwd, '.release-gates', 'report.json'), 'utf8')).not.toContain(
      secret,
    );
    const json = await runCli(['run', '--json'], { cwd, env: { DEPLOY_TOKEN: secret } });
    expect(json.code).toBe(0);
    expect(`${json.stdout}${json.stderr}`).not.toContain(secret);
    expect((JSON.parse(json.stdout) as Report).verdict).toBe('passed-with-warnings');
  });
});

describe('cli cancellation', () => {
  it('SIGTERM cancels the run: exit non-zero, report written, no process left', async () => {
    const cwd = await copyFixture('cancel');
    const pidDir = path.join(cwd, '.pids');
    const cli = await startCli(['run'], { cwd, timeoutMs: 30_000 });
    try {
      const ready = await waitFor(
        () =>
          ['long-sleep', 'ignores-term', 'holds-stdout'].every((id) =>
            existsSync(path.join(pidDir, `${id}.pids`)),
          ),
        15_000,
      );
      expect(ready).toBe(true);
      const pids = Object.values(readPidFiles(pidDir)).flat();
      leftovers = pids;
      expect(pids.every((pid) => isAlive(pid))).toBe(true);

      const signalledAt = Date.now();
      cli.kill('SIGTERM');
      const run = await cli.done;
      expect(run.killedByHarness).toBe(false);
      expect(run.exitedAt - signalledAt).toBeLessThan(CANCEL_EXIT_WITHIN_MS);
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      expect(run.stderr).toContain('SIGTERM');

      await sleep(300);
      expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
      expect(processesInside(cwd)).toEqual([]);

      const report = readReport(path.join(cwd, '.release-gates', 'report.json'));
      expect(report.cancelled).toBe(true);
      expect(report.verdict).toBe('failed');
      expect(statuses(report)).toEqual({
        warmup: 'passed',
        'long-sleep': 'cancelled',
        'ignores-term': 'cancelled',
        'holds-stdout': 'cancelled',
        'never-started': 'skipped',
      });
      expect(existsSync(path.join(cwd, 'never-started.ran'))).toBe(false);
      expect(existsSync(path.join(cwd, 'cleanup.ran'))).toBe(true);
    } finally {
      if (!cli.exited()) cli.kill('SIGKILL');
    }
  });
});
