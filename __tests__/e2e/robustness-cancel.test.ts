import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/reporters/report-json.js';
import { startCli } from '../helpers/cli-harness.js';
import {
  copyFixture,
  isAlive,
  killLeftovers,
  processesInside,
  removeTempDirs,
  sleep,
  waitFor,
} from '../helpers/fixtures.js';
import { crashLines, pidsInFiles } from '../helpers/robustness.js';
import { startAction, type ActionRun, type StartedAction } from '../helpers/runner-harness.js';
import { stageTables } from '../helpers/summary.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * Cancellation as the GitHub runner does it: SIGINT to the action, SIGTERM 7.5 s later if it is
 * still alive (and SIGKILL after that). action.test.ts covers the `cancel` fixture (sleep,
 * a TERM-ignoring shell, a grandchild holding stdout). These add gates whose children ignore
 * the signals too, a busy loop, a gate between retries, a gate waiting for a concurrency slot,
 * signals repeated during cleanup, a cleanup that itself ignores SIGTERM, and the CLI on SIGINT.
 */

const LONG_GATES = ['ignores-signals', 'busy-loop', 'holds-stdout', 'retry-loop'];
/**
 * The runner sends SIGTERM 7.5 s after its SIGINT: the action must be gone by then, its reports
 * written and its cleanup run, so it never needs the SIGTERM (README, sections 'Cancellation'
 * and 'Rollback and cleanup'). A contract with the runner, not a speed target: the shutdown
 * itself takes at most about 4.5 s (2 s of kill grace, 2.2 s for the hooks, the reports). The
 * CLI, which can be a workflow step too, keeps the same bound.
 */
const EXIT_WITHIN_MS = 7_500;

let leftovers: number[] = [];
afterEach(() => {
  killLeftovers(leftovers);
  leftovers = [];
});
afterAll(removeTempDirs);

type ReportGate = Report['gates'][number];

function byId(report: Report | undefined): Record<string, ReportGate> {
  expect(report).toBeDefined();
  return Object.fromEntries(report!.gates.map((g) => [g.id, g]));
}

/** Every pid a robust-cancel gate wrote: .pids/* (also half-written .tmp files) and attempts. */
function gatePids(workspace: string): number[] {
  const attempts = path.join(workspace, 'attempts.log');
  const fromAttempts = existsSync(attempts)
    ? readFileSync(attempts, 'utf8').split(/\s+/).filter(Boolean).map(Number)
    : [];
  return [...new Set([...pidsInFiles(path.join(workspace, '.pids')), ...fromAttempts])];
}

async function waitForPidFiles(workspace: string, ids: string[]): Promise<void> {
  const ready = await waitFor(
    () => ids.every((id) => existsSync(path.join(workspace, '.pids', `${id}.pids`))),
    15_000,
  );
  expect(ready).toBe(true);
  // Let each gate settle into its loop (and the retry gate into its next attempt).
  await sleep(400);
}

/** SIGINT now; SIGTERM if the action is still alive 7.5 s later, as the runner does. */
async function cancelLikeTheRunner(
  action: StartedAction,
): Promise<{ run: ActionRun; signalledAt: number; neededSigterm: boolean }> {
  const signalledAt = Date.now();
  action.kill('SIGINT');
  const gone = await waitFor(() => action.exited(), 7_500);
  if (!gone) action.kill('SIGTERM');
  const run = await action.done;
  console.log(`robustness-cancel: the action exited ${run.exitedAt - signalledAt} ms after SIGINT`);
  return { run, signalledAt, neededSigterm: !gone };
}

/** Nothing a gate started is left (zombies count as dead), by pid and by working directory. */
async function expectNothingLeft(workspace: string, pids: number[]): Promise<void> {
  await sleep(300);
  expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
  expect(processesInside(workspace)).toEqual([]);
}

describe('action cancelled like the runner (SIGINT, SIGTERM 7.5 s later)', () => {
  it('stops gates that ignore signals, loop or hold stdout; reports them; cleanup runs', async () => {
    const workspace = await copyFixture('robust-cancel');
    const action = await startAction({ workspace, timeoutMs: 30_000 });
    try {
      await waitForPidFiles(workspace, LONG_GATES);
      const before = gatePids(workspace);
      leftovers = before;
      expect(before.length).toBeGreaterThanOrEqual(LONG_GATES.length + 1);
      expect(before.filter((pid) => isAlive(pid)).length).toBeGreaterThanOrEqual(4);
      expect(action.exited()).toBe(false);

      const { run, signalledAt, neededSigterm } = await cancelLikeTheRunner(action);
      const attemptsAtExit = readFileSync(path.join(workspace, 'attempts.log'), 'utf8');
      const pids = gatePids(workspace);
      leftovers = pids;

      expect(run.killedByHarness).toBe(false);
      expect(neededSigterm).toBe(false);
      expect(run.exitedAt - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      await expectNothingLeft(workspace, pids);
      expect(crashLines(run.stdout + run.stderr)).toEqual([]);

      // Outputs, report.json and the summary all exist and say what happened.
      expect(run.outputs.result).toBe('failed');
      expect(JSON.parse(run.outputs['failed-gates']!)).toEqual([]);
      expect(existsSync(run.reportPath)).toBe(true);
      const report = run.report!;
      expect(report.cancelled).toBe(true);
      expect(report.verdict).toBe('failed');
      const gates = byId(report);
      expect(gates.warmup!.status).toBe('passed');
      for (const id of LONG_GATES) {
        expect({ id, status: gates[id]!.status, reason: gates[id]!.reason }).toEqual({
          id,
          status: 'cancelled',
          reason: 'cancelled',
        });
        expect(gates[id]!.durationMs).toBeLessThan(EXIT_WITHIN_MS + 5_000);
        expect(existsSync(gates[id]!.logPath!)).toBe(true);
      }
      // Only the gate that finished passed; nothing waiting for a slot or a stage started.
      expect(report.gates.filter((g) => g.status === 'passed').map((g) => g.id)).toEqual([
        'warmup',
      ]);
      for (const id of ['queued', 'never-started']) {
        expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'cancelled', attempts: 0 });
      }
      for (const marker of ['queued.ran', 'never-started.ran', 'holds-stdout.finished']) {
        expect(existsSync(path.join(workspace, marker))).toBe(false);
      }
      expect(gates['holds-stdout']!.outputTail).not.toContain('late');

      // The retrying gate starts no attempt after the cancel and reports the ones it made.
      const attempts = attemptsAtExit.split('\n').filter(Boolean);
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(gates['retry-loop']!.attempts).toBe(attempts.length);
      await sleep(700);
      expect(readFileSync(path.join(workspace, 'attempts.log'), 'utf8')).toBe(attemptsAtExit);

      // Cleanup ran after the cancel and passed; cancelled gates are not failed gates.
      expect(readFileSync(path.join(workspace, 'cleanup.marker'), 'utf8')).toBe('failed=\n');
      expect(report.hooks).toEqual([
        expect.objectContaining({ kind: 'cleanup', name: 'write marker', status: 'passed' }),
      ]);

      // The summary leads with the cancel and lists the cancelled gates in their stage.
      expect(run.summary.split('\n')[0]).toMatch(/cancel/i);
      const test = stageTables(run.summary).find((t) => t.stage === 'test');
      expect(test).toBeDefined();
      for (const id of LONG_GATES) {
        const row = test!.rows.find((r) => r.includes(` ${id} `) || r.includes(gates[id]!.name));
        expect(row).toMatch(/cancelled/);
      }

      // One warning about the signal, gate logs still printed inside stop-commands.
      const log = parseWorkflowLog(run.stdout);
      const signalWarnings = annotations(log).filter((a) => /SIGINT/.test(a.message));
      expect(signalWarnings).toHaveLength(1);
      expect(signalWarnings[0]!.name).toBe('warning');
      for (const id of LONG_GATES) {
        const group = log.groups.find((g) => g.title.startsWith(`${gates[id]!.name} `));
        expect(group?.token).toMatch(/^[0-9a-f]{32}$/);
      }
    } finally {
      if (!action.exited()) action.kill('SIGKILL');
    }
  });

  it('a second SIGINT and the SIGTERM during cleanup neither cut it short nor crash', async () => {
    const workspace = await copyFixture('robust-cancel');
    // Slow the cleanup down so the signals surely land while it runs.
    const configPath = path.join(workspace, '.github', 'release-gates.yml');
    const config = readFileSync(configPath, 'utf8').replace(
      'run: echo "failed=${RELEASE_GATES_FAILED}" > cleanup.marker',
      'run: touch cleanup.started; sleep 1; echo "failed=${RELEASE_GATES_FAILED}" > cleanup.marker',
    );
    expect(config).toContain('cleanup.started');
    writeFileSync(configPath, config);

    const action = await startAction({ workspace, timeoutMs: 30_000 });
    try {
      await waitForPidFiles(workspace, LONG_GATES);
      leftovers = gatePids(workspace);
      const signalledAt = Date.now();
      action.kill('SIGINT');
      const inCleanup = await waitFor(
        () => existsSync(path.join(workspace, 'cleanup.started')),
        EXIT_WITHIN_MS,
      );
      expect(inCleanup).toBe(true);
      action.kill('SIGINT');
      action.kill('SIGTERM');
      const run = await action.done;
      leftovers = gatePids(workspace);

      expect(run.killedByHarness).toBe(false);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.exitedAt - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
      expect(crashLines(run.stdout + run.stderr)).toEqual([]);
      expect(existsSync(path.join(workspace, 'cleanup.marker'))).toBe(true);
      expect(run.report!.hooks).toEqual([
        expect.objectContaining({ kind: 'cleanup', status: 'passed' }),
      ]);
      expect(run.outputs.result).toBe('failed');
      await expectNothingLeft(workspace, leftovers);
    } finally {
      if (!action.exited()) action.kill('SIGKILL');
    }
  });

  it('a cleanup that ignores SIGTERM still lets the action exit before the runner SIGTERM', async () => {
    // Gate: ignores SIGINT/SIGTERM, so it takes the whole kill grace. Cleanup 1 ignores them
    // as well; cleanup 2 would write a marker. The hooks' budget after a cancel exists so the
    // process still exits in time (src/engine/pipeline.ts CANCELLED_HOOK_BUDGET_MS).
    const workspace = await copyFixture('robust-cancel-hook');
    const action = await startAction({ workspace, timeoutMs: 30_000 });
    try {
      await waitForPidFiles(workspace, ['ignores-signals']);
      leftovers = gatePids(workspace);
      const { run, signalledAt, neededSigterm } = await cancelLikeTheRunner(action);
      const pids = gatePids(workspace);
      leftovers = pids;
      expect(pids.length).toBeGreaterThanOrEqual(2);

      expect(run.killedByHarness).toBe(false);
      expect(neededSigterm).toBe(false);
      expect(run.code).toBe(1);
      expect(crashLines(run.stdout + run.stderr)).toEqual([]);
      await expectNothingLeft(workspace, pids);

      const report = run.report!;
      expect(report.cancelled).toBe(true);
      expect(byId(report)['ignores-signals']!.status).toBe('cancelled');
      const [hanging, marker] = report.hooks;
      expect(hanging).toMatchObject({ kind: 'cleanup', name: 'hanging cleanup' });
      expect(['timed-out', 'cancelled']).toContain(hanging!.status);
      expect(marker).toMatchObject({ kind: 'cleanup', name: 'write marker' });
      // Whatever was cut, the report says so: nothing claims to have passed without running.
      if (marker!.status === 'passed') {
        expect(existsSync(path.join(workspace, 'cleanup.marker'))).toBe(true);
      } else {
        expect(marker!.status).toBe('cancelled');
      }
      expect(run.exitedAt - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
    } finally {
      if (!action.exited()) action.kill('SIGKILL');
    }
  });
});

describe('cli cancelled with SIGINT (Ctrl-C)', () => {
  it('stops every gate, writes the report and exits non-zero in time', async () => {
    const cwd = await copyFixture('robust-cancel');
    const cli = await startCli(['run'], { cwd, timeoutMs: 30_000 });
    try {
      await waitForPidFiles(cwd, LONG_GATES);
      leftovers = gatePids(cwd);
      const signalledAt = Date.now();
      cli.kill('SIGINT');
      const run = await cli.done;
      const pids = gatePids(cwd);
      leftovers = pids;

      expect(run.killedByHarness).toBe(false);
      expect(run.exitedAt - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('SIGINT');
      expect(crashLines(run.stdout + run.stderr)).toEqual([]);
      await expectNothingLeft(cwd, pids);

      const report = JSON.parse(
        readFileSync(path.join(cwd, '.release-gates', 'report.json'), 'utf8'),
      ) as Report;
      expect(report.cancelled).toBe(true);
      expect(Object.fromEntries(report.gates.map((g) => [g.id, g.status]))).toEqual({
        warmup: 'passed',
        'ignores-signals': 'cancelled',
        'busy-loop': 'cancelled',
        'holds-stdout': 'cancelled',
        'retry-loop': 'cancelled',
        queued: 'skipped',
        'never-started': 'skipped',
      });
      expect(existsSync(path.join(cwd, 'cleanup.marker'))).toBe(true);
      expect(report.hooks.map((h) => h.status)).toEqual(['passed']);
    } finally {
      if (!cli.exited()) cli.kill('SIGKILL');
    }
  });
});
