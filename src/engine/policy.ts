import type { Policy } from './config/types.js';
import { priorityRank, type Mode, type PolicyAction, type Priority } from './stages.js';

export type Verdict = 'passed' | 'passed-with-warnings' | 'failed';

/** In audit mode nothing is skipped for policy: abort and block act as fail. */
export function effectiveAction(policy: Policy, priority: Priority, mode: Mode): PolicyAction {
  const action = policy[priority];
  if (mode === 'audit' && (action === 'abort' || action === 'block')) return 'fail';
  return action;
}

export function isFailure(status: string): boolean {
  return status === 'failed' || status === 'timed-out';
}

export interface VerdictInput {
  status: string;
  action: PolicyAction;
}

/**
 * abort, block and fail make the run fail; warn gives warnings; notice passes (see README,
 * section 'Verdict and outputs').
 */
export function computeVerdict(gates: readonly VerdictInput[], cancelled: boolean): Verdict {
  let warnings = false;
  for (const gate of gates) {
    if (!isFailure(gate.status)) continue;
    if (gate.action === 'abort' || gate.action === 'block' || gate.action === 'fail') {
      return 'failed';
    }
    if (gate.action === 'warn') warnings = true;
  }
  // A cancelled run has not proven anything: it never passes.
  if (cancelled) return 'failed';
  return warnings ? 'passed-with-warnings' : 'passed';
}

export function highestPriority(priorities: readonly Priority[]): Priority | undefined {
  let best: Priority | undefined;
  for (const priority of priorities) {
    if (best === undefined || priorityRank(priority) < priorityRank(best)) best = priority;
  }
  return best;
}
