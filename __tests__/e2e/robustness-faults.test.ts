import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../../src/reporters/report-json.js';
import { runCli } from '../helpers/cli-harness.js';
import { closeFakeGitHubApis, startFakeGitHubApi } from '../helpers/fake-github-api.js';
import { copyFixture, makeTempDir, removeTempDirs } from '../helpers/fixtures.js';
import { crashLines, readOnlyFile, tryMountTmpfs, unmount } from '../helpers/robustness.js';
import { runAction, type ActionRun } from '../helpers/runner-harness.js';
import { annotations, parseWorkflowLog, type WorkflowCommand } from '../helpers/workflow-log.js';

/*
 * Faults of the environment the action runs in: the runner's files missing, unwritable or on a
 * full disk, no event payload, a report-dir or config that cannot be used, gates whose
 * working-directory or shell does not exist. Each gives one clear message and a defined
 * outcome, and never a stack trace or an unhandled rejection.
 *
 * "Unset" runner variables are passed as empty strings: the harness always sets them, and
 * @actions/core and the action treat an empty value exactly like a missing one (`if (!value)`).
 */

// A rebuild of dist/ by someone else makes the harness wait for the bundle: allow for it.
jest.setTimeout(45_000);

const mounts: string[] = [];
afterEach(closeFakeGitHubApis);
afterAll(async () => {
  mounts.splice(0).forEach(unmount);
  await removeTempDirs();
});

/** The action failed cleanly: no stack trace, no unhandled rejection, not killed. */
function expectNoCrash(run: { stdout: string; stderr: string; killedByHarness: boolean }): void {
  expect(run.killedByHarness).toBe(false);
  expect(crashLines(run.stdout)).toEqual([]);
  expect(crashLines(run.stderr)).toEqual([]);
  expect(run.stderr).toBe('');
}

function commandsOf(run: ActionRun, name: 'error' | 'warning' | 'notice'): WorkflowCommand[] {
  return annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === name);
}

function gatesById(report: Report | undefined): Record<string, Report['gates'][number]> {
  expect(report).toBeDefined();
  return Object.fromEntries(report!.gates.map((g) => [g.id, g]));
}

/**
 * A file on a full disk: an empty file on a small tmpfs that is then filled up, so every write
 * fails with ENOSPC. Where this sandbox cannot mount, /dev/full (every write: ENOSPC).
 */
const fullDisk: { summary: string; output: string; kind: string } = {
  summary: '/dev/full',
  output: '/dev/full',
  kind: '/dev/full',
};

beforeAll(async () => {
  const dir = await tryMountTmpfs(64 * 1024);
  if (!dir) return;
  mounts.push(dir);
  fullDisk.summary = path.join(dir, 'step_summary');
  fullDisk.output = path.join(dir, 'set_output');
  fullDisk.kind = 'full tmpfs';
  await writeFile(fullDisk.summary, '');
  await writeFile(fullDisk.output, '');
  const filler = await open(path.join(dir, 'filler'), 'w');
  try {
    for (;;) await filler.write(Buffer.alloc(4096, 0x78));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    await filler.close();
  }
});

interface FileFault {
  label: string;
  value: () => Promise<string>;
  /** What the one warning must say. */
  says: RegExp;
}

const missingDir = async () => path.join(await makeTempDir('rg-robust-gone-'), 'gone', 'file');
const aDirectory = async () => makeTempDir('rg-robust-dir-');

const SUMMARY_FAULTS: FileFault[] = [
  { label: 'unset', value: async () => '', says: /GITHUB_STEP_SUMMARY/ },
  { label: 'in a missing directory', value: missingDir, says: /gone/ },
  { label: 'a directory', value: aDirectory, says: /EISDIR/ },
  // Read-only for root too: see readOnlyFile() (chmod 444 does not stop root).
  { label: 'a read-only file', value: readOnlyFile, says: /EIO|EACCES|EROFS|EPERM/ },
  { label: 'on a full disk', value: async () => fullDisk.summary, says: /ENOSPC|no space/i },
];

describe('GITHUB_STEP_SUMMARY cannot be written', () => {
  it.each(SUMMARY_FAULTS)('$label: one warning, outputs and report as usual', async (fault) => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({
      workspace,
      env: { GITHUB_STEP_SUMMARY: await fault.value() },
    });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed');
    expect(run.outputs['report-path']).toBe(run.reportPath);
    expect(run.report!.verdict).toBe('passed');
    expect(commandsOf(run, 'error')).toEqual([]);
    const warnings = commandsOf(run, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^release-gates could not write the job summary: /);
    expect(warnings[0]!.message).toMatch(fault.says);
    expect(run.summary).toBe('');
  });

  it('a failing run still fails the step when the summary cannot be written', async () => {
    const workspace = await copyFixture('p1-block');
    const run = await runAction({ workspace, env: { GITHUB_STEP_SUMMARY: fullDisk.summary } });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(['ruff']);
    const summaryWarnings = commandsOf(run, 'warning').filter((w) =>
      w.message.includes('job summary'),
    );
    expect(summaryWarnings).toHaveLength(1);
  });

  it('an invalid config with no summary file still reports every problem as an error', async () => {
    const configErrors = (run: ActionRun) =>
      commandsOf(run, 'error').filter((e) => e.props.title === 'release-gates configuration');
    const normal = await runAction({ workspace: await copyFixture('invalid-config') });
    const run = await runAction({
      workspace: await copyFixture('invalid-config'),
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(configErrors(normal).length).toBeGreaterThanOrEqual(7);
    expect(configErrors(run)).toEqual(configErrors(normal));
    // The missing summary is not worth a warning of its own here: the errors say it all.
    expect(commandsOf(run, 'warning')).toEqual([]);
  });
});

const OUTPUT_FAULTS: FileFault[] = [
  { label: 'in a missing directory', value: missingDir, says: /gone/ },
  { label: 'a directory', value: aDirectory, says: /EISDIR/ },
  { label: 'a read-only file', value: readOnlyFile, says: /EIO|EACCES|EROFS|EPERM/ },
  { label: 'on a full disk', value: async () => fullDisk.output, says: /ENOSPC|no space/i },
];

describe('GITHUB_OUTPUT cannot be written', () => {
  it('unset: the outputs go out as ::set-output commands, outside any stop-commands', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, env: { GITHUB_OUTPUT: '' } });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({});
    const log = parseWorkflowLog(run.stdout);
    const set = Object.fromEntries(
      log.commands.filter((c) => c.name === 'set-output').map((c) => [c.props.name, c.message]),
    );
    expect(set).toEqual({
      result: 'passed',
      'failed-gates': '[]',
      'highest-failed-priority': '',
      'report-path': run.reportPath,
    });
    expect(annotations(log)).toEqual([]);
  });

  it.each(OUTPUT_FAULTS)(
    '$label: a warning naming the problem; verdict and report stand',
    async (fault) => {
      const workspace = await copyFixture('all-pass');
      const run = await runAction({ workspace, env: { GITHUB_OUTPUT: await fault.value() } });
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(run.report!.verdict).toBe('passed');
      expect(run.summary.split('\n')[0]).toMatch(/passed/i);
      expect(commandsOf(run, 'error')).toEqual([]);
      const warnings = commandsOf(run, 'warning');
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      for (const warning of warnings) {
        expect(warning.message).toMatch(/^release-gates could not set its outputs \(result, /);
        expect(warning.message).toMatch(fault.says);
      }
    },
  );

  it('a failing run still fails the step when the outputs cannot be written', async () => {
    const workspace = await copyFixture('p1-block');
    const run = await runAction({ workspace, env: { GITHUB_OUTPUT: fullDisk.output } });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.report!.verdict).toBe('failed');
    expect(run.summary.split('\n')[0]).toMatch(/fail/i);
  });

  // BUG: src/action/main.ts setOutputs() warns once per output, so one unwritable GITHUB_OUTPUT
  // gives four identical warnings. They use 4 of the runner's 10 warning annotations per step
  // and can push the gates' own warnings out. Expected: one warning for the file.
  it('one unwritable GITHUB_OUTPUT gives one warning, not one per output', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, env: { GITHUB_OUTPUT: await aDirectory() } });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(commandsOf(run, 'warning')).toHaveLength(1);
  });
});

describe('no event payload (GITHUB_EVENT_PATH)', () => {
  it('unset on push: runs and reports as usual, no warning', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, env: { GITHUB_EVENT_PATH: '' } });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed');
    expect(annotations(parseWorkflowLog(run.stdout))).toEqual([]);
  });

  it.each([
    { label: 'unset', value: async () => '' },
    { label: 'a missing file', value: missingDir },
  ])(
    '$label on a pull_request with comment: true: one warning, no comment, verdict unchanged',
    async ({ value }) => {
      const api = await startFakeGitHubApi();
      const workspace = await copyFixture('warn-only');
      const run = await runAction({
        workspace,
        eventName: 'pull_request',
        ref: 'refs/pull/17/merge',
        inputs: { comment: 'true', 'github-token': 'ghs_notARealTokenButLongEnough000000000' },
        env: { GITHUB_EVENT_PATH: await value(), GITHUB_API_URL: api.url },
      });
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('passed-with-warnings');
      expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(['env-drift']);
      expect(api.calls().filter((call) => call.startsWith('POST'))).toEqual([]);
      const publishWarnings = commandsOf(run, 'warning').filter((w) =>
        w.message.startsWith('release-gates could not'),
      );
      expect(publishWarnings).toHaveLength(1);
      expect(publishWarnings[0]!.message).toContain('GITHUB_EVENT_PATH');
      expect(publishWarnings[0]!.message).toContain('PR comment');
    },
  );
});

describe('a corrupt event payload', () => {
  // BUG: with GITHUB_EVENT_PATH pointing at a file that is not JSON, loading @actions/github
  // (src/action/github/client.ts createClient: `await import('@actions/github')`, whose Context
  // constructor parses the payload) throws a bare SyntaxError, and the warning reads
  // "release-gates could not post the PR comment: Expected ',' or '}' after property value in
  // JSON at position 30 (line 1 column 31)": it names neither GITHUB_EVENT_PATH nor the file.
  // (src/action/github/context.ts readPayload() tolerates it; the import does not.)
  it('not JSON on a pull_request with comment: true: one warning that names GITHUB_EVENT_PATH', async () => {
    const api = await startFakeGitHubApi();
    const workspace = await copyFixture('warn-only');
    const event = path.join(await makeTempDir('rg-robust-event-'), 'event.json');
    await writeFile(event, '{"pull_request": {"number": 17');
    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      ref: 'refs/pull/17/merge',
      inputs: { comment: 'true', 'github-token': 'ghs_notARealTokenButLongEnough000000000' },
      env: { GITHUB_EVENT_PATH: event, GITHUB_API_URL: api.url },
    });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(api.calls().filter((call) => call.startsWith('POST'))).toEqual([]);
    const publishWarnings = commandsOf(run, 'warning').filter((w) =>
      w.message.startsWith('release-gates could not'),
    );
    expect(publishWarnings).toHaveLength(1);
    expect(publishWarnings[0]!.message).toContain('PR comment');
    expect(publishWarnings[0]!.message).toContain('GITHUB_EVENT_PATH');
  });
});

describe('report-dir cannot be used', () => {
  it('under a regular file: one error, result failed, nothing runs', async () => {
    const workspace = await copyFixture('all-pass');
    const file = path.join(workspace, 'not-a-dir');
    await writeFile(file, 'a file\n');
    const reportDir = path.join(file, 'reports');
    const run = await runAction({ workspace, inputs: { 'report-dir': reportDir } });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({
      result: 'failed',
      'failed-gates': '[]',
      'highest-failed-priority': '',
      'report-path': '',
    });
    const errors = commandsOf(run, 'error');
    const problem = errors.filter((e) => e.message.startsWith('report-dir: cannot create'));
    expect(problem).toHaveLength(1);
    expect(problem[0]!.message).toBe(`report-dir: cannot create ${reportDir} (ENOTDIR)`);
    expect(existsSync(path.join(workspace, 'ran-code-lint'))).toBe(false);
  });

  it('the CLI: --report-dir under a regular file exits 2 with one error line', async () => {
    const cwd = await copyFixture('all-pass');
    await writeFile(path.join(cwd, 'not-a-dir'), 'a file\n');
    const run = await runCli(['run', '--report-dir', 'not-a-dir/reports'], { cwd });
    expect(run.code).toBe(2);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error: '))).toEqual([
      `error: report-dir: cannot create ${path.join(cwd, 'not-a-dir', 'reports')} (ENOTDIR)`,
    ]);
    expect(existsSync(path.join(cwd, 'ran-code-lint'))).toBe(false);
  });

  it('on a disk that fills up during the run: the verdict stands and the step says what is missing', async () => {
    const mount = await tryMountTmpfs(256 * 1024);
    if (!mount) {
      // No mounts in this sandbox: there is no other way to give report-dir a full disk.
      console.warn('robustness-faults: cannot mount a tmpfs here; full report-dir not tested');
      return;
    }
    mounts.push(mount);
    const workspace = await copyFixture('robust-faults');
    // One gate writes 1 MiB (the disk holds 256 KiB), the next one prints a single line.
    await writeFile(
      path.join(workspace, '.github', 'release-gates.yml'),
      [
        'version: 1',
        'gates:',
        '  - id: big',
        '    stage: lint',
        '    priority: P2',
        "    run: head -c 1048576 /dev/zero | tr '\\0' x; echo; echo end-of-big",
        '  - id: small',
        '    stage: test',
        '    priority: P1',
        '    run: echo small ok',
        '',
      ].join('\n'),
    );
    const reportDir = path.join(mount, 'reports');
    const run = await runAction({ workspace, inputs: { 'report-dir': reportDir } });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed');
    expect(run.outputs['report-path']).toBe('');
    expect(run.summary.split('\n')[0]).toMatch(/passed/i);
    const warnings = commandsOf(run, 'warning');
    expect(
      warnings.filter((w) => w.message.includes('report.json') && /ENOSPC/.test(w.message)),
    ).toHaveLength(1);
    // BUG: the gate logs were cut short (big.log stops at the disk's size, small.log is empty,
    // so the step log shows nothing of `small`), yet nothing says so: GateLog.writeError
    // (src/engine/output/gate-log.ts) is recorded but never read. Expected: a warning that
    // names the gate whose log is incomplete.
    const bigLog = path.join(reportDir, 'logs', 'big.log');
    expect(readFileSync(bigLog).length).toBeLessThan(1048576);
    expect(
      warnings.filter((w) => /\bbig\b/.test(w.message) && /ENOSPC|no space/i.test(w.message)),
    ).toHaveLength(1);
  });
});

describe('the config cannot be read', () => {
  it('missing: one error naming the file, result failed, nothing runs', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, inputs: { config: 'ci/missing.yml' } });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs['report-path']).toBe('');
    const config = commandsOf(run, 'error').filter(
      (e) => e.props.title === 'release-gates configuration',
    );
    expect(config).toHaveLength(1);
    expect(config[0]!.message).toMatch(
      /^ci\/missing\.yml: config file not found \(looked in .*\/ci\/missing\.yml\)/,
    );
    expect(run.summary.split('\n')[0]).toMatch(/invalid configuration/i);
    expect(existsSync(path.join(workspace, 'ran-code-lint'))).toBe(false);
  });

  it('a directory at the config path: one error, action fails, CLI exits 2', async () => {
    const workspace = await copyFixture('all-pass');
    await mkdir(path.join(workspace, 'ci', 'gates.yml'), { recursive: true });
    const run = await runAction({ workspace, inputs: { config: 'ci/gates.yml' } });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const config = commandsOf(run, 'error').filter(
      (e) => e.props.title === 'release-gates configuration',
    );
    expect(config.map((e) => e.message)).toEqual(['ci/gates.yml: is a directory, not a file']);

    const cli = await runCli(['run', '--config', 'ci/gates.yml'], { cwd: workspace });
    expect(cli.code).toBe(2);
    expect(crashLines(cli.stdout + cli.stderr)).toEqual([]);
    expect(cli.stderr).toContain('error: ci/gates.yml: is a directory, not a file');
    expect(existsSync(path.join(workspace, 'ran-code-lint'))).toBe(false);
  });
});

describe('gates and hooks that cannot start', () => {
  it('missing working-directory, missing or non-executable shell: failed with the reason', async () => {
    const workspace = await copyFixture('robust-faults');
    const run = await runAction({ workspace });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(JSON.parse(run.outputs['failed-gates']!)).toEqual([
      'missing-dir',
      'missing-shell',
      'not-executable-shell',
    ]);
    expect(run.outputs['highest-failed-priority']).toBe('P2');

    const gates = gatesById(run.report);
    expect(gates['missing-dir']).toMatchObject({ status: 'failed', exitCode: null });
    expect(gates['missing-dir']!.detail).toBe(
      `working-directory does/not/exist does not exist (${path.join(workspace, 'does/not/exist')})`,
    );
    // Not worth a retry: it can never start.
    expect(gates['missing-shell']).toMatchObject({ status: 'failed', exitCode: null, attempts: 1 });
    expect(gates['missing-shell']!.detail).toBe(
      'could not start /nonexistent/sh: spawn /nonexistent/sh ENOENT',
    );
    expect(gates['not-executable-shell']!.detail).toBe(
      'could not start /dev/null: spawn /dev/null EACCES',
    );
    for (const id of ['missing-dir', 'missing-shell', 'not-executable-shell']) {
      expect(gates[id]!.outputTail).toBe(`release-gates: ${gates[id]!.detail}`);
      expect(existsSync(path.join(workspace, `${id}.ran`))).toBe(false);
    }
    expect(gates.fine!.status).toBe('passed');
    expect(gates.after!.status).toBe('passed');
    expect(existsSync(path.join(workspace, 'after.ran'))).toBe(true);

    expect(run.report!.hooks.map((h) => [h.name, h.status, h.detail])).toEqual([
      [
        'cleanup in missing dir',
        'failed',
        `working-directory gone does not exist (${path.join(workspace, 'gone')})`,
      ],
      [
        'cleanup with missing shell',
        'failed',
        'could not start /nonexistent/sh: spawn /nonexistent/sh ENOENT',
      ],
      ['cleanup marker', 'passed', null],
    ]);
    expect(existsSync(path.join(workspace, 'cleanup-3.ran'))).toBe(true);

    const warnings = commandsOf(run, 'warning');
    expect(warnings.map((w) => w.props.title)).toEqual([
      'P2 missing-dir',
      'P2 missing-shell',
      'P2 not-executable-shell',
    ]);
    expect(warnings[1]!.message).toContain('could not start /nonexistent/sh');
    expect(commandsOf(run, 'error')).toEqual([]);
  });
});
