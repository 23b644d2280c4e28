import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { GateSpec } from '../config/types.js';
import type { AttemptRecord } from '../types.js';
import { runCommand } from './command.js';
import type { GateOutcome, GateRunContext } from './gate-runner.js';

export function gateEnv(gate: GateSpec, base: Record<string, string>): Record<string, string> {
  return {
    ...base,
    ...gate.env,
    RELEASE_GATES_GATE_ID: gate.id,
    RELEASE_GATES_STAGE: gate.stage,
    RELEASE_GATES_PRIORITY: gate.priority,
  };
}

export async function directoryExists(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** A `run:` gate: the command in its shell, retried on failure up to `retries` times. */
export async function runShellGate(gate: GateSpec, ctx: GateRunContext): Promise<GateOutcome> {
  const cwd = path.resolve(ctx.workspace, gate.workingDirectory);
  if (!(await directoryExists(cwd))) {
    const detail = `working-directory ${gate.workingDirectory} does not exist (${cwd})`;
    ctx.log.note(`release-gates: ${detail}`);
    return { status: 'failed', exitCode: null, detail, attemptHistory: [] };
  }
  const env = gateEnv(gate, ctx.env);
  const history: AttemptRecord[] = [];
  const maxAttempts = gate.retries + 1;
  let detail: string | undefined;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) {
      ctx.onRetry(history[history.length - 1]!);
      ctx.log.startAttempt();
      ctx.log.note(`release-gates: attempt ${attempt} of ${maxAttempts}`);
    }
    ctx.onAttemptStart(attempt);
    const started = ctx.now();
    const outcome = await runCommand({
      argv: [...gate.shell, gate.run!],
      cwd,
      env,
      timeoutMs: gate.timeoutMs,
      signal: ctx.signal,
      spawn: ctx.spawn,
      log: ctx.log,
      killGraceMs: ctx.killGraceMs,
    });
    const record: AttemptRecord = {
      attempt,
      status: 'failed',
      exitCode: null,
      durationMs: ctx.now() - started,
    };
    switch (outcome.kind) {
      case 'exited':
        record.exitCode = outcome.code;
        record.status = outcome.code === 0 ? 'passed' : 'failed';
        detail =
          outcome.code === 0
            ? undefined
            : outcome.code === null
              ? `killed by ${outcome.signal ?? 'a signal'}`
              : `exited with code ${outcome.code}`;
        break;
      case 'timed-out':
        record.status = 'timed-out';
        detail = `timed out after ${formatMinutes(gate.timeoutMs)}`;
        ctx.log.note(`release-gates: ${detail}; the gate's process group was killed`);
        break;
      case 'cancelled':
        record.status = 'cancelled';
        detail = undefined;
        break;
      case 'not-started':
        detail = outcome.message;
        ctx.log.note(`release-gates: ${detail}`);
        break;
    }
    history.push(record);
    // A gate that could not start, or was cancelled, is not worth another attempt.
    if (record.status === 'passed' || record.status === 'cancelled') break;
    if (outcome.kind === 'not-started') break;
  }

  const last = history[history.length - 1]!;
  const result: GateOutcome = {
    status: last.status,
    exitCode: last.exitCode,
    attemptHistory: history,
  };
  if (detail !== undefined) result.detail = detail;
  return result;
}

function formatMinutes(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  return `${Number((seconds / 60).toFixed(1))} min`;
}
