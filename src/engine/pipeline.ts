import { mkdir } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import type { CheckCatalogue } from './checks/catalogue.js';
import type { GateKind } from './config/types.js';
import { hookBudget, runHooks } from './hooks.js';
import type { Plan } from './plan.js';
import { isFailure } from './policy.js';
import type { Spawner } from './process.js';
import { createRedaction } from './redact.js';
import { executeGate } from './run/execute-gate.js';
import { buildRunResult } from './run/run-result.js';
import { runStages } from './run/scheduler.js';
import type { GateRunner } from './runners/gate-runner.js';
import { createHttpProbeRunner } from './runners/http-probe.js';
import { shellGateRunner } from './runners/shell-gate.js';
import { createUsesRunner } from './runners/uses-gate.js';
import type { EngineEvent, HookResult, RunResult } from './types.js';

export interface EngineDeps {
  /** Absolute path that gates' working directories are relative to. */
  workspace: string;
  /** Absolute repository root that findings' paths are given from; default `workspace`. */
  repositoryRoot?: string;
  /** Base environment for gates; the engine never reads the process environment itself. */
  env: Record<string, string>;
  spawn: Spawner;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Where each gate's full log is written. */
  logDir: string;
  /** Aborting it cancels the run: running gates are killed, the rest skipped. */
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  killGraceMs?: number;
  /** The checks `uses:` gates may name. */
  checks: CheckCatalogue;
  /** Runners per gate kind, replacing the built-in ones. */
  runners?: Partial<Record<GateKind, GateRunner>>;
  /** Secret values (the config's `redact` names); token shapes are masked in any case. */
  secrets?: readonly string[];
  /** Name resolution for http probes; tests pass one that never leaves the machine. */
  lookup?: LookupFunction;
}

const DEFAULT_KILL_GRACE_MS = 2000;
/**
 * After a cancel (during a stage or the hooks), rollback and cleanup share this much time from
 * then on, so the process exits well within the runner's 7.5 s.
 */
export const CANCELLED_HOOK_BUDGET_MS = 2200;
const ROLLBACK_STAGES = new Set(['deploy', 'health']);

/**
 * Runs a plan to its end and returns the result. Never throws for a gate's failure. Every
 * event and the result are masked before they leave: one redactor, applied here.
 */
export async function runPipeline(plan: Plan, deps: EngineDeps): Promise<RunResult> {
  const started = deps.now();
  const redaction = createRedaction(deps.secrets ?? []);
  const emit = deps.onEvent
    ? (event: EngineEvent) => deps.onEvent!(redaction.value(event))
    : () => {};
  const httpProbe = createHttpProbeRunner(deps.lookup ? { lookup: deps.lookup } : {});
  const runners: Partial<Record<GateKind, GateRunner>> = {
    run: shellGateRunner,
    http: httpProbe,
    uses: createUsesRunner(deps.checks, httpProbe),
    ...deps.runners,
  };
  const killGraceMs = deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  await mkdir(deps.logDir, { recursive: true });

  const executionDeps = {
    workspace: deps.workspace,
    repositoryRoot: deps.repositoryRoot ?? deps.workspace,
    env: deps.env,
    spawn: deps.spawn,
    now: deps.now,
    logDir: deps.logDir,
    killGraceMs,
    runners,
    redaction,
    emit,
  };
  const { gates, stoppedBy } = await runStages(plan, {
    execute: (planned, signal) => executeGate(planned, signal, executionDeps),
    mask: redaction.value,
    emit,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });

  const failed = gates.filter((g) => isFailure(g.status));
  const budget = deps.signal
    ? hookBudget(deps.signal, deps.now, CANCELLED_HOOK_BUDGET_MS)
    : undefined;
  const hookDeps = {
    workspace: deps.workspace,
    env: deps.env,
    spawn: deps.spawn,
    now: deps.now,
    logDir: deps.logDir,
    killGraceMs,
    // A cancel before or during the hooks: they share CANCELLED_HOOK_BUDGET_MS from then on.
    ...(budget ? { budget } : {}),
    onHookEnd: (hook: HookResult) => emit({ type: 'hook-end', hook }),
    redaction,
  };
  const hooks: HookResult[] = [];
  const failedDeploys = failed.filter((g) => ROLLBACK_STAGES.has(g.stage)).map((g) => g.id);
  if (failedDeploys.length > 0 && plan.config.rollback.length > 0) {
    const env = { RELEASE_GATES_FAILED: failedDeploys.join(',') };
    hooks.push(...(await runHooks('rollback', plan.config.rollback, env, hookDeps)));
  }
  if (plan.config.cleanup.length > 0) {
    const env = { RELEASE_GATES_FAILED: failed.map((g) => g.id).join(',') };
    hooks.push(...(await runHooks('cleanup', plan.config.cleanup, env, hookDeps)));
  }
  budget?.dispose();
  // A cancel during rollback or cleanup cancels the run as much as one during a stage.
  const cancelled = deps.signal?.aborted ?? false;
  const result = redaction.value(
    buildRunResult(plan, {
      startedAt: started,
      finishedAt: deps.now(),
      cancelled,
      gates,
      hooks,
      ...(stoppedBy ? { stoppedBy } : {}),
    }),
  );
  emit({ type: 'run-end', result });
  return result;
}
