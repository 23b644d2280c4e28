import type { GateKind, Policy } from './config/types.js';
import type { Finding } from './findings/resolve.js';
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

/** One request of an http probe, as report.json records it. */
export interface ProbeAttempt {
  attempt: number;
  at: string;
  /** HTTP status, or null when no response came. */
  status: number | null;
  latencyMs: number;
  ok: boolean;
  failure?:
    'refused' | 'dns' | 'tls' | 'timeout' | 'status' | 'body' | 'json' | 'latency' | 'error';
  message?: string;
}

export interface ProbeRecord {
  url: string;
  method: string;
  attempts: ProbeAttempt[];
}

export interface GateResult {
  id: string;
  name: string;
  stage: Stage;
  priority: Priority;
  kind: GateKind;
  /** `preset:<name>` when a preset brought the gate in; absent for the config file's own. */
  origin?: string;
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
  /** Set when the log file could not be written whole (a full disk, say). */
  logError?: string;
  /** http gates: every request made. */
  probe?: ProbeRecord;
  /**
   * file:line problems from the gate's output or its check, at most MAX_FINDINGS_PER_GATE,
   * with paths from the repository root and their level and rule decided.
   */
  findings?: Finding[];
  /** How many findings were seen in all, kept or not. */
  findingCount?: number;
}

/** A rollback or cleanup command and how it went. */
export interface HookResult {
  kind: 'rollback' | 'cleanup';
  name: string;
  status: 'passed' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  durationMs: number;
  detail?: string;
  tail: string;
  logPath: string;
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
  /** Rollback (after a failed deploy or health gate) and cleanup commands that ran. */
  hooks: HookResult[];
  failedGates: string[];
  highestFailedPriority?: Priority;
}

export type EngineEvent =
  | { type: 'stage-start'; stage: Stage; gates: string[] }
  | { type: 'gate-start'; id: string; name: string; stage: Stage; attempt: number }
  | { type: 'gate-retry'; id: string; attempt: number; previous: AttemptRecord }
  | { type: 'gate-end'; gate: GateResult }
  | { type: 'stage-end'; stage: Stage }
  | { type: 'hook-end'; hook: HookResult }
  | { type: 'run-end'; result: RunResult };
