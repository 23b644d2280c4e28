import type { Plan, PlannedGate } from './plan.js';
import type { GateResult, RunResult } from './types.js';

/*
 * Results of gates that do not run. Apart from the pipeline, so that a plan does not load
 * the runners, the findings parsers and the checks (start-up time, see npm run bench).
 */

export function identity(planned: PlannedGate) {
  const { gate, action } = planned;
  return {
    id: gate.id,
    name: gate.name,
    stage: gate.stage,
    priority: gate.priority,
    kind: gate.kind,
    ...(gate.origin !== undefined ? { origin: gate.origin } : {}),
    action,
  };
}

/** A gate that did not run: skipped, or only planned. */
export function idleResult(planned: PlannedGate, status: 'skipped' | 'planned'): GateResult {
  return {
    ...identity(planned),
    status,
    exitCode: null,
    durationMs: 0,
    attempts: 0,
    attemptHistory: [],
    tail: '',
    tailTruncated: false,
  };
}

/** The result of plan mode: the same shape, nothing run. */
export function planResult(plan: Plan, now: number): RunResult {
  const at = new Date(now).toISOString();
  const gates: GateResult[] = plan.stages.flatMap((s) =>
    s.gates.map((planned) => {
      const result = idleResult(planned, planned.skip ? 'skipped' : 'planned');
      if (planned.skip) {
        result.reason = planned.skip.reason;
        result.detail = planned.skip.detail;
      }
      return result;
    }),
  );
  const result: RunResult = {
    verdict: 'planned',
    mode: plan.mode,
    configFile: plan.config.file,
    event: plan.event,
    policy: plan.config.policy,
    concurrency: plan.concurrency,
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
    cancelled: false,
    gates,
    hooks: [],
    failedGates: [],
  };
  if (plan.branch !== undefined) result.branch = plan.branch;
  return result;
}
