import type { GateSpec } from '../config/types.js';
import type { GateLog } from '../output/gate-log.js';
import type { Spawner } from '../process.js';
import type { ToolFinding } from '../findings/types.js';
import type { ProbeRecord } from '../types.js';

/**
 * What one attempt of a gate may use; nothing comes from globals. The gate execution
 * (run/execute-gate.ts) owns the deadline, cancel, retries and masking: a runner only does
 * its kind's work and stops when `signal` aborts.
 */
export interface AttemptContext {
  workspace: string;
  /** The gate's working directory, absolute; it exists when the runner needs one. */
  cwd: string;
  /** The environment of this gate: the base, the gate's `env` and RELEASE_GATES_*. */
  env: Record<string, string>;
  spawn: Spawner;
  now: () => number;
  /** Aborts on the gate's deadline, a policy abort or a cancel of the run. */
  signal: AbortSignal;
  /** How long a process group gets between SIGTERM and SIGKILL once `signal` aborts. */
  killGraceMs: number;
  /** Everything written here is masked on its way to the log file and the tail. */
  log: GateLog;
}

/** How one attempt ended, as the runner saw it; the gate execution maps it to a status. */
export interface AttemptOutcome {
  passed: boolean;
  exitCode: number | null;
  /** One sentence: why it failed. */
  detail?: string;
  /** A failure another attempt cannot mend (the program could not start). */
  final?: boolean;
  probe?: ProbeRecord;
  /** Built-in checks report their findings directly rather than as tool output. */
  findings?: ToolFinding[];
}

export interface GateRunner {
  run(gate: GateSpec, context: AttemptContext): Promise<AttemptOutcome>;
  /** Whether the gate works in its working directory (which must then exist). */
  needsWorkingDirectory: boolean;
  /** Whether the output is tool output to parse into file:line findings. */
  parsesOutput: boolean;
  /** Words after "timed out after 5 s", e.g. "of probing". */
  timeoutWording?: string;
  /** A log line saying what a stop did, e.g. that the process group was killed. */
  stopNote?: string;
}
