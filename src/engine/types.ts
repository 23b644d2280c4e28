import type { GateKind, Policy } from './config/types.js';
import type { SkipReason } from './plan.js';
import type { Verdict } from './policy.js';
import type { Mode, PolicyAction, Priority, Stage } from './stages.js';

export type GateStatus = 'passed' | 'failed' | 'timed-out' | 'cancelled' | 'skipped' | 'planned';
export type RunVerdict = Verdict | 'planned';

export interface AttemptRecord {
  attempt: number;
  status: 'passed' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  durationMs: number;
}

export interface GateResult {
  id: string;
  name: string;
  stage: Stage;
  priority: Priority;
  kind: GateKind;
  action: PolicyAction;
  status: GateStatus;
  /** Why a gate was skipped (or cancelled): policy, condition, filter, cancelled. */
  reason?: SkipReason;
  /** One human sentence: why it failed or was skipped. */
  detail?: string;
  exitCode: number | null;
  durationMs: number;
  attempts: number;
  attemptHistory: AttemptRecord[];
  startedAt?: string;
  finishedAt?: string;
  tail: string;
  tailTruncated: boolean;
  logPath?: string;
}

export interface RunResult {
  verdict: RunVerdict;
  mode: Mode;
  configFile: string;
  event: string;
  branch?: string;
  policy: Policy;
  concurrency: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** True when a signal stopped the run. */
  cancelled: boolean;
  /** The gate whose failure stopped the pipeline (abort) or later stages (block). */
  stoppedBy?: { id: string; priority: Priority; action: 'abort' | 'block' };
  gates: GateResult[];
  failedGates: string[];
  highestFailedPriority?: Priority;
}

export type EngineEvent =
  | { type: 'stage-start'; stage: Stage; gates: string[] }
  | { type: 'gate-start'; id: string; name: string; stage: Stage; attempt: number }
  | { type: 'gate-retry'; id: string; attempt: number; previous: AttemptRecord }
  | { type: 'gate-end'; gate: GateResult }
  | { type: 'stage-end'; stage: Stage }
  | { type: 'run-end'; result: RunResult };
