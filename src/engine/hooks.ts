import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { HookSpec } from './config/types.js';
import { GateLog } from './output/gate-log.js';
import type { Spawner } from './process.js';
import { runCommand } from './runners/command.js';
import { directoryExists } from './run/directory.js';
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
  /** After a cancel: the one deadline rollback and cleanup share (see `hookBudget`). */
  budget?: HookBudget;
  onHookEnd?: (hook: HookResult) => void;
  redaction?: Redaction;
}

/** After a cancel, the hooks' share of the runner's grace: one deadline for all of them. */
export interface HookBudget {
  /** The run's cancel signal. */
  signal: AbortSignal;
  /** Undefined until the run is cancelled; then when every hook must be gone (ms since epoch). */
  deadline(): number | undefined;
  dispose(): void;
}

/**
 * Starts the hooks' clock: `budgetMs` from now if `signal` is already aborted (the gates were
 * cancelled), else from the moment it aborts (a cancel during rollback or cleanup).
 */
export function hookBudget(signal: AbortSignal, now: () => number, budgetMs: number): HookBudget {
  let deadline: number | undefined;
  const onAbort = () => {
    deadline ??= now() + budgetMs;
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal,
    deadline: () => deadline,
    dispose: () => signal.removeEventListener('abort', onAbort),
  };
}

/**
 * Runs rollback or cleanup commands in order. A cancel does not skip them: they exist to run
 * after one. But once the run is cancelled (before or while they run) they share the budget's
 * time, a running hook included: when it is up, the hook's group gets SIGTERM, then SIGKILL.
 * A failing hook does not stop the next one.
 */
export async function runHooks(
  kind: 'rollback' | 'cleanup',
  hooks: readonly HookSpec[],
  extraEnv: Record<string, string>,
  deps: HookDeps,
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  const budget = deps.budget;
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
    // After a cancel, the kill grace comes out of the budget, not on top of it.
    const cancelGraceMs = Math.min(deps.killGraceMs, 500);
    const deadline = budget?.deadline();
    const runFor =
      deadline === undefined
        ? hook.timeoutMs
        : Math.min(hook.timeoutMs, deadline - started - cancelGraceMs);
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
      // Aborts when the budget is up: at once if the run was cancelled before this hook, or
      // when a cancel that arrives while it runs has used the budget up.
      const outOfBudget = new AbortController();
      let budgetTimer: NodeJS.Timeout | undefined;
      const onCancel = () => {
        const left = budget!.deadline()! - cancelGraceMs - deps.now();
        budgetTimer = setTimeout(() => outOfBudget.abort('cancelled'), Math.max(0, left));
      };
      if (budget && deadline === undefined) {
        if (budget.signal.aborted) onCancel();
        else budget.signal.addEventListener('abort', onCancel, { once: true });
      }
      const timer = startDeadline(outOfBudget.signal, runFor);
      const outcome = await runCommand({
        argv: [...hook.shell, hook.run],
        cwd,
        env: { ...deps.env, ...hook.env, ...extraEnv },
        signal: timer.signal,
        spawn: deps.spawn,
        log,
        // Read when the stop begins: after a cancel, the short grace.
        killGraceMs: () => (budget?.deadline() === undefined ? deps.killGraceMs : cancelGraceMs),
      });
      timer.dispose();
      budget?.signal.removeEventListener('abort', onCancel);
      if (budgetTimer) clearTimeout(budgetTimer);
      if (outcome.kind === 'exited') {
        result.exitCode = outcome.code;
        if (outcome.code !== 0) {
          result.status = 'failed';
          result.detail =
            outcome.code === null
              ? `killed by ${outcome.signal}`
              : `exited with code ${outcome.code}`;
        }
      } else if (outcome.kind === 'stopped' && timer.cause === 'cancelled') {
        result.status = 'cancelled';
        result.detail = 'stopped: the run was cancelled and its time for hooks was up';
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
