import type { GateSpec } from '../config/types.js';
import type { GateLog } from '../output/gate-log.js';
import type { Spawner } from '../process.js';
import type { ToolFinding } from '../findings/types.js';
import type { AttemptRecord, ProbeRecord } from '../types.js';

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
  /** Masks secret values in anything a runner writes itself. */
  redact: (text: string) => string;
  onAttemptStart: (attempt: number) => void;
  onRetry: (previous: AttemptRecord) => void;
}

export interface GateOutcome {
  status: 'passed' | 'failed' | 'timed-out' | 'cancelled';
  exitCode: number | null;
  detail?: string;
  attemptHistory: AttemptRecord[];
  probe?: ProbeRecord;
  /** Built-in checks report their findings directly rather than as tool output. */
  findings?: ToolFinding[];
}

export type GateRunner = (gate: GateSpec, context: GateRunContext) => Promise<GateOutcome>;
