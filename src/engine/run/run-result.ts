import type { Plan } from '../plan.js';
import { computeVerdict, highestPriority, isFailure } from '../policy.js';
import type { GateResult, HookResult, RunResult } from '../types.js';

export interface RunFacts {
  startedAt: number;
  finishedAt: number;
  cancelled: boolean;
  gates: GateResult[];
  hooks: HookResult[];
  stoppedBy?: RunResult['stoppedBy'];
}

/** The run's result from what happened: the verdict and its summary fields are derived here. */
export function buildRunResult(plan: Plan, facts: RunFacts): RunResult {
  const failed = facts.gates.filter((g) => isFailure(g.status));
  const result: RunResult = {
    verdict: computeVerdict(facts.gates, facts.cancelled),
    mode: plan.mode,
    configFile: plan.config.file,
    event: plan.event,
    policy: plan.config.policy,
    concurrency: plan.concurrency,
    startedAt: new Date(facts.startedAt).toISOString(),
    finishedAt: new Date(facts.finishedAt).toISOString(),
    durationMs: facts.finishedAt - facts.startedAt,
    cancelled: facts.cancelled,
    gates: facts.gates,
    hooks: facts.hooks,
    failedGates: failed.map((g) => g.id),
  };
  if (plan.branch !== undefined) result.branch = plan.branch;
  if (facts.stoppedBy) result.stoppedBy = facts.stoppedBy;
  const highest = highestPriority(failed.map((g) => g.priority));
  if (highest) result.highestFailedPriority = highest;
  return result;
}
