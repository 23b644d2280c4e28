import type { Plan, PlannedGate, SkipReason } from '../plan.js';
import { idleResult } from '../plan-result.js';
import { isFailure } from '../policy.js';
import type { EngineEvent, GateResult, RunResult } from '../types.js';

/**
 * The stage scheduler: stages in pipeline order, a stage's gates in parallel up to the
 * concurrency, and the policy's effect on what runs next (abort stops everything at once,
 * block skips later stages). How a single gate runs is execute-gate's.
 */
export interface SchedulerDeps {
  execute: (planned: PlannedGate, signal: AbortSignal) => Promise<GateResult>;
  /** Masks what is emitted for gates that never ran (their details name other gates). */
  mask: <T>(value: T) => T;
  emit: (event: EngineEvent) => void;
  /** Aborting it cancels the run: running gates are stopped, the rest skipped. */
  signal?: AbortSignal;
}

export interface ScheduledRun {
  /** Every planned gate's result, in plan order. */
  gates: GateResult[];
  stoppedBy?: RunResult['stoppedBy'];
}

interface Stop {
  reason: SkipReason;
  detail: string;
}

export async function runStages(plan: Plan, deps: SchedulerDeps): Promise<ScheduledRun> {
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

  const finished = (result: GateResult) => {
    results.set(result.id, result);
    deps.emit({ type: 'gate-end', gate: result });
  };

  const runGate = async (planned: PlannedGate): Promise<void> => {
    const { gate } = planned;
    const controller = new AbortController();
    running.set(gate.id, controller);
    let result: GateResult;
    try {
      result = await deps.execute(planned, controller.signal);
    } finally {
      running.delete(gate.id);
    }
    finished(result);
    if (!isFailure(result.status) || stop) return;
    const trigger = `${gate.priority} gate ${gate.id} ${result.status}`;
    if (planned.action === 'abort') {
      stoppedBy = { id: gate.id, priority: gate.priority, action: 'abort' };
      stop = { reason: 'policy', detail: `${trigger}; policy abort stopped the run` };
      for (const other of running.values()) {
        other.abort(`cancelled: ${trigger}; policy abort stopped the run`);
      }
    } else if (planned.action === 'block' && !blockAfterStage) {
      stoppedBy ??= { id: gate.id, priority: gate.priority, action: 'block' };
      blockAfterStage = { reason: 'policy', detail: `${trigger}; policy block skips later stages` };
    }
  };

  const skipGate = (planned: PlannedGate, why: Stop) => {
    const result = idleResult(planned, 'skipped');
    result.reason = why.reason;
    result.detail = why.detail;
    finished(deps.mask(result));
  };

  for (const { stage, gates } of plan.stages) {
    if (gates.length === 0) continue;
    const halted = stop ?? blockAfterStage;
    if (halted) {
      gates.forEach((planned) => skipGate(planned, planned.skip ?? halted));
      continue;
    }
    deps.emit({ type: 'stage-start', stage, gates: gates.map((g) => g.gate.id) });
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
    deps.emit({ type: 'stage-end', stage });
  }
  deps.signal?.removeEventListener('abort', cancelRun);

  const ordered = plan.stages.flatMap((s) => s.gates.map((g) => results.get(g.gate.id)!));
  return stoppedBy ? { gates: ordered, stoppedBy } : { gates: ordered };
}
