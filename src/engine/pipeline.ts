import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { GateKind, GateSpec } from './config/types.js';
import { FindingParser } from './findings/parser.js';
import { MAX_FINDINGS_PER_GATE } from './findings/types.js';
import { createUsesRunner } from './runners/uses-gate.js';
import { GateLog } from './output/gate-log.js';
import type { Plan, PlannedGate, SkipReason } from './plan.js';
import { identity, idleResult } from './plan-result.js';
import { computeVerdict, highestPriority, isFailure } from './policy.js';
import type { Spawner } from './process.js';
import type { GateOutcome, GateRunner } from './runners/gate-runner.js';
import { createHttpProbeRunner } from './runners/http-probe.js';
import { runShellGate } from './runners/shell-gate.js';
import type { LookupFunction } from 'node:net';
import { runHooks } from './hooks.js';
import { createRedaction } from './redact.js';
import type { EngineEvent, GateResult, HookResult, RunResult } from './types.js';

export interface EngineDeps {
  /** Absolute path that gates' working directories are relative to. */
  workspace: string;
  /** Base environment for gates; the engine never reads process.env itself. */
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
  /** Runners per gate kind; `run` and `http` have defaults. */
  runners?: Partial<Record<GateKind, GateRunner>>;
  /** Secret values (the config's `redact` names); token shapes are masked in any case. */
  secrets?: readonly string[];
  /** Masks secrets in what runners write themselves; defaults to one built from `secrets`. */
  redact?: (text: string) => string;
  /** Name resolution for http probes; tests pass one that never leaves the machine. */
  lookup?: LookupFunction;
}

const DEFAULT_KILL_GRACE_MS = 2000;
/** After a cancel, rollback and cleanup share this much time so the process exits in 5 s. */
export const CANCELLED_HOOK_BUDGET_MS = 2200;
const ROLLBACK_STAGES = new Set(['deploy', 'health']);

interface Stop {
  reason: SkipReason;
  detail: string;
}

/** Runs a plan to its end and returns the result. Never throws for a gate's failure. */
export async function runPipeline(plan: Plan, deps: EngineDeps): Promise<RunResult> {
  const started = deps.now();
  const emit = deps.onEvent ?? (() => {});
  const runHttpProbe = createHttpProbeRunner(deps.lookup ? { lookup: deps.lookup } : {});
  const runners: Partial<Record<GateKind, GateRunner>> = {
    run: runShellGate,
    http: runHttpProbe,
    uses: createUsesRunner(runHttpProbe),
    ...deps.runners,
  };
  const redaction = createRedaction(deps.secrets ?? []);
  const redact = deps.redact ?? redaction.text;
  await mkdir(deps.logDir, { recursive: true });

  const results = new Map<string, GateResult>();
  let stop: Stop | undefined; // nothing more starts
  let blockAfterStage: Stop | undefined; // the current stage finishes, later ones are skipped
  let stoppedBy: RunResult['stoppedBy'];
  const running = new Map<string, AbortController>();

  const cancelRun = () => {
    const why = deps.signal?.reason;
    const detail = typeof why === 'string' ? `run cancelled (${why})` : 'run cancelled';
    stop ??= { reason: 'cancelled', detail };
    for (const controller of running.values()) controller.abort(detail);
  };
  if (deps.signal?.aborted) cancelRun();
  deps.signal?.addEventListener('abort', cancelRun, { once: true });

  const runGate = async (planned: PlannedGate): Promise<void> => {
    const { gate } = planned;
    const controller = new AbortController();
    running.set(gate.id, controller);
    const startedAt = deps.now();
    // Tool output becomes file:line findings; probes print no tool output.
    const findings =
      gate.kind === 'run'
        ? new FindingParser({
            workspace: deps.workspace,
            cwd: path.resolve(deps.workspace, gate.workingDirectory),
          })
        : undefined;
    const log = new GateLog(
      path.join(deps.logDir, `${gate.id}.log`),
      () => redaction.stream(),
      findings ? (line) => findings.push(line) : undefined,
    );
    const runner = runners[gate.kind];
    let outcome: GateOutcome;
    try {
      if (!runner) {
        outcome = notAvailable(gate);
        log.note(`release-gates: ${outcome.detail}`);
      } else {
        outcome = await runner(gate, {
          workspace: deps.workspace,
          env: deps.env,
          spawn: deps.spawn,
          now: deps.now,
          signal: controller.signal,
          killGraceMs: deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
          log,
          redact,
          onAttemptStart: (attempt) =>
            emit({ type: 'gate-start', id: gate.id, name: gate.name, stage: gate.stage, attempt }),
          onRetry: (previous) =>
            emit({ type: 'gate-retry', id: gate.id, attempt: previous.attempt + 1, previous }),
        });
      }
    } catch (error) {
      // A runner bug must not lose the run: the gate fails and says why.
      const message = error instanceof Error ? error.message : String(error);
      outcome = {
        status: 'failed',
        exitCode: null,
        detail: `internal error: ${message}`,
        attemptHistory: [],
      };
      log.note(`release-gates: ${outcome.detail}`);
    } finally {
      running.delete(gate.id);
    }
    await log.close();
    const finishedAt = deps.now();
    const tail = log.readTail();
    const result: GateResult = {
      ...identity(planned),
      status: outcome.status,
      exitCode: outcome.exitCode,
      durationMs: finishedAt - startedAt,
      attempts: Math.max(outcome.attemptHistory.length, 1),
      attemptHistory: outcome.attemptHistory,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      tail: tail.text,
      tailTruncated: tail.truncated,
      logPath: log.path,
    };
    if (log.writeError) {
      const code = (log.writeError as NodeJS.ErrnoException).code ?? log.writeError.message;
      result.logError = `the log file is incomplete (${code})`;
    }
    if (outcome.probe) result.probe = outcome.probe;
    if (outcome.findings && outcome.findings.length > 0) {
      result.findings = outcome.findings.slice(0, MAX_FINDINGS_PER_GATE);
      result.findingCount = outcome.findings.length;
    } else if (findings) {
      const parsed = findings.finish();
      if (parsed.total > 0) {
        result.findings = parsed.findings;
        result.findingCount = parsed.total;
      }
    }
    if (outcome.status === 'cancelled') {
      result.reason = 'cancelled';
      const why = controller.signal.reason;
      if (typeof why === 'string') result.detail = why;
    } else if (outcome.detail !== undefined) {
      result.detail = outcome.detail;
    }
    results.set(gate.id, result);
    emit({ type: 'gate-end', gate: result });

    if (isFailure(result.status) && !stop) {
      const trigger = `${gate.priority} gate ${gate.id} ${result.status}`;
      if (planned.action === 'abort') {
        stoppedBy = { id: gate.id, priority: gate.priority, action: 'abort' };
        stop = { reason: 'policy', detail: `${trigger}; policy abort stopped the run` };
        for (const other of running.values()) {
          other.abort(`cancelled: ${trigger}; policy abort stopped the run`);
        }
      } else if (planned.action === 'block' && !blockAfterStage) {
        stoppedBy ??= { id: gate.id, priority: gate.priority, action: 'block' };
        blockAfterStage = {
          reason: 'policy',
          detail: `${trigger}; policy block skips later stages`,
        };
      }
    }
  };

  const skipGate = (planned: PlannedGate, why: Stop) => {
    const result = idleResult(planned, 'skipped');
    result.reason = why.reason;
    result.detail = why.detail;
    results.set(planned.gate.id, result);
    emit({ type: 'gate-end', gate: result });
  };

  for (const { stage, gates } of plan.stages) {
    if (gates.length === 0) continue;
    const halted = stop ?? blockAfterStage;
    if (halted) {
      gates.forEach((planned) => skipGate(planned, planned.skip ?? halted));
      continue;
    }
    emit({ type: 'stage-start', stage, gates: gates.map((g) => g.gate.id) });
    // Concurrency bounds processes; http probes are only I/O and never wait for a slot.
    const processes = new Set<Promise<void>>();
    const probes = new Set<Promise<void>>();
    for (const planned of gates) {
      if (planned.skip) {
        skipGate(planned, planned.skip);
        continue;
      }
      const pool = planned.gate.kind === 'http' ? probes : processes;
      if (pool === processes) {
        while (processes.size >= plan.concurrency && !stop) await Promise.race(processes);
      }
      if (stop) {
        skipGate(planned, stop);
        continue;
      }
      const task = runGate(planned).finally(() => pool.delete(task));
      pool.add(task);
    }
    await Promise.all([...processes, ...probes]);
    emit({ type: 'stage-end', stage });
  }
  deps.signal?.removeEventListener('abort', cancelRun);

  const ordered = plan.stages.flatMap((s) => s.gates.map((g) => results.get(g.gate.id)!));
  const failed = ordered.filter((g) => isFailure(g.status));
  const cancelled = deps.signal?.aborted ?? false;

  const hookDeps = {
    workspace: deps.workspace,
    env: deps.env,
    spawn: deps.spawn,
    now: deps.now,
    logDir: deps.logDir,
    killGraceMs: deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    ...(cancelled ? { budgetMs: CANCELLED_HOOK_BUDGET_MS } : {}),
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
  const finished = deps.now();
  const result: RunResult = {
    verdict: computeVerdict(ordered, cancelled),
    mode: plan.mode,
    configFile: plan.config.file,
    event: plan.event,
    policy: plan.config.policy,
    concurrency: plan.concurrency,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    cancelled,
    gates: ordered,
    hooks,
    failedGates: failed.map((g) => g.id),
  };
  if (plan.branch !== undefined) result.branch = plan.branch;
  if (stoppedBy) result.stoppedBy = stoppedBy;
  const highest = highestPriority(failed.map((g) => g.priority));
  if (highest) result.highestFailedPriority = highest;
  emit({ type: 'run-end', result });
  return result;
}

function notAvailable(gate: GateSpec): GateOutcome {
  return {
    status: 'failed',
    exitCode: null,
    detail: `${gate.kind} gates are not available in this version of release-gates`,
    attemptHistory: [],
  };
}
