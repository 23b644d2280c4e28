import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { HookSpec } from './config/types.js';
import { GateLog } from './output/gate-log.js';
import type { Spawner } from './process.js';
import { runCommand } from './runners/command.js';
import { directoryExists } from './run/execute-gate.js';
import { startDeadline } from './run/deadline.js';
import type { Redaction } from './redact.js';
import type { HookResult } from './types.js';

export interface HookDeps {
  workspace: string;
  env: Record<string, string>;
  spawn: Spawner;
  now: () => number;
  logDir: string;
  killGraceMs: number;
  /** When the run was cancelled, hooks share this many ms so the process can still exit. */
  budgetMs?: number;
  onHookEnd?: (hook: HookResult) => void;
  redaction?: Redaction;
}

/**
 * Runs rollback or cleanup commands in order. They are not tied to the run's cancel signal:
 * they exist to run after a cancel. A failing hook does not stop the next one.
 */
export async function runHooks(
  kind: 'rollback' | 'cleanup',
  hooks: readonly HookSpec[],
  extraEnv: Record<string, string>,
  deps: HookDeps,
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  const deadline = deps.budgetMs === undefined ? undefined : deps.now() + deps.budgetMs;
  // Their own folder: a gate may well be called rollback-1 or cleanup-1.
  const hookLogDir = path.join(deps.logDir, 'hooks');
  await mkdir(hookLogDir, { recursive: true });
  for (const [index, hook] of hooks.entries()) {
    const started = deps.now();
    const log = new GateLog(
      path.join(hookLogDir, `${kind}-${index + 1}.log`),
      deps.redaction ? () => deps.redaction!.stream() : undefined,
    );
    const cwd = path.resolve(deps.workspace, hook.workingDirectory);
    const remaining = deadline === undefined ? hook.timeoutMs : Math.max(0, deadline - started);
    // After a cancel, the kill grace comes out of the budget, not on top of it.
    const cancelGraceMs = Math.min(deps.killGraceMs, 500);
    const runFor =
      deadline === undefined ? hook.timeoutMs : Math.min(hook.timeoutMs, remaining - cancelGraceMs);
    const result: HookResult = {
      kind,
      name: hook.name,
      status: 'passed',
      exitCode: null,
      durationMs: 0,
      tail: '',
      logPath: log.path,
    };
    if (runFor <= 0) {
      result.status = 'cancelled';
      result.detail = 'no time left after the run was cancelled';
    } else if (!(await directoryExists(cwd))) {
      result.status = 'failed';
      result.detail = `working-directory ${hook.workingDirectory} does not exist (${cwd})`;
      log.note(`release-gates: ${result.detail}`);
    } else {
      const timer = startDeadline(new AbortController().signal, runFor);
      const outcome = await runCommand({
        argv: [...hook.shell, hook.run],
        cwd,
        env: { ...deps.env, ...hook.env, ...extraEnv },
        signal: timer.signal,
        spawn: deps.spawn,
        log,
        killGraceMs: deadline === undefined ? deps.killGraceMs : cancelGraceMs,
      });
      timer.dispose();
      if (outcome.kind === 'exited') {
        result.exitCode = outcome.code;
        if (outcome.code !== 0) {
          result.status = 'failed';
          result.detail =
            outcome.code === null
              ? `killed by ${outcome.signal}`
              : `exited with code ${outcome.code}`;
        }
      } else if (outcome.kind === 'stopped') {
        result.status = 'timed-out';
        result.detail = 'timed out';
      } else if (outcome.kind === 'not-started') {
        result.status = 'failed';
        result.detail = outcome.message;
        log.note(`release-gates: ${outcome.message}`);
      }
    }
    await log.close();
    result.tail = log.readTail().text;
    result.durationMs = deps.now() - started;
    results.push(result);
    deps.onHookEnd?.(result);
  }
  return results;
}
