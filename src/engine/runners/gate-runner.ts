import type { GateSpec } from '../config/types.js';
import type { GateLog } from '../output/gate-log.js';
import type { Spawner } from '../process.js';
import type { AttemptRecord } from '../types.js';

/** Everything a gate runner may use; nothing comes from globals. */
export interface GateRunContext {
  workspace: string;
  /** The base environment (the adapter passes process.env); gate env is added on top. */
  env: Record<string, string>;
  spawn: Spawner;
  now: () => number;
  signal: AbortSignal;
  killGraceMs: number;
  log: GateLog;
  onAttemptStart: (attempt: number) => void;
  onRetry: (previous: AttemptRecord) => void;
}

export interface GateOutcome {
  status: 'passed' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  detail?: string;
  attemptHistory: AttemptRecord[];
}

export type GateRunner = (gate: GateSpec, context: GateRunContext) => Promise<GateOutcome>;
