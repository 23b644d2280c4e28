import path from 'node:path';
import type { GateSpec } from '../config/types.js';
import { FindingParser } from '../findings/parser.js';
import { resolveFindings } from '../findings/resolve.js';
import { MAX_FINDINGS_PER_GATE, type ToolFinding } from '../findings/types.js';
import { GateLog } from '../output/gate-log.js';
import type { PlannedGate } from '../plan.js';
import { identity } from '../plan-result.js';
import { isFailure } from '../policy.js';
import type { Spawner } from '../process.js';
import type { Redaction } from '../redact.js';
import type { AttemptOutcome, GateRunner } from '../runners/gate-runner.js';
import type { AttemptRecord, EngineEvent, GateResult } from '../types.js';
import { formatTimeout, startDeadline } from './deadline.js';
import { directoryExists } from './directory.js';

/**
 * One gate, whatever its kind: the rules every gate obeys live here once. The deadline
 * (`timeout-minutes`, per attempt), the cancel signal, retries, attempt records, the mapping
 * to a status, the log and its masking, and the findings. A runner only does its kind's work.
 */
export interface GateExecutionDeps {
  workspace: string;
  /** Where findings' paths are made relative to; the workspace unless said otherwise. */
  repositoryRoot: string;
  env: Record<string, string>;
  spawn: Spawner;
  now: () => number;
  logDir: string;
  killGraceMs: number;
  runners: Partial<Record<GateSpec['kind'], GateRunner>>;
  redaction: Redaction;
  emit: (event: EngineEvent) => void;
}

/**
 * How long a runner that ignores its aborted signal is waited for, past its kill grace:
 * a built-in check doing slow work in-process cannot be killed, only left behind.
 */
const ABANDON_AFTER_MS = 1000;

export function gateEnv(gate: GateSpec, base: Record<string, string>): Record<string, string> {
  return {
    ...base,
    ...gate.env,
    RELEASE_GATES_GATE_ID: gate.id,
    RELEASE_GATES_STAGE: gate.stage,
    RELEASE_GATES_PRIORITY: gate.priority,
  };
}

/** Runs a gate to its end; never throws. `signal` is the run's (cancel, policy abort). */
export async function executeGate(
  planned: PlannedGate,
  signal: AbortSignal,
  deps: GateExecutionDeps,
): Promise<GateResult> {
  const { gate } = planned;
  const startedAt = deps.now();
  const cwd = path.resolve(deps.workspace, gate.workingDirectory);
  const runner = deps.runners[gate.kind];
  const parser = runner?.parsesOutput
    ? new FindingParser({ workspace: deps.workspace, cwd })
    : undefined;
  const log = new GateLog(
    path.join(deps.logDir, `${gate.id}.log`),
    () => deps.redaction.stream(),
    parser ? (line) => parser.push(line) : undefined,
  );
  const history: AttemptRecord[] = [];
  let last: AttemptOutcome | undefined;
  let detail: string | undefined;
  let stoppedAs: 'timed-out' | 'cancelled' | undefined;

  const fail = (why: string) => {
    detail = why;
    log.note(`release-gates: ${why}`);
  };
  if (!runner) {
    fail(`${gate.kind} gates are not available in this version of release-gates`);
  } else if (runner.needsWorkingDirectory && !(await directoryExists(cwd))) {
    fail(`working-directory ${gate.workingDirectory} does not exist (${cwd})`);
  } else {
    const env = gateEnv(gate, deps.env);
    const maxAttempts = gate.retries + 1;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        deps.emit({ type: 'gate-retry', id: gate.id, attempt, previous: history.at(-1)! });
        log.startAttempt();
        log.note(`release-gates: attempt ${attempt} of ${maxAttempts}`);
      }
      deps.emit({ type: 'gate-start', id: gate.id, name: gate.name, stage: gate.stage, attempt });
      const started = deps.now();
      const deadline = startDeadline(signal, gate.timeoutMs);
      try {
        last = await untilSettledOrAbandoned(
          runner.run(gate, {
            workspace: deps.workspace,
            cwd,
            env,
            spawn: deps.spawn,
            now: deps.now,
            signal: deadline.signal,
            killGraceMs: deps.killGraceMs,
            log,
          }),
          deadline.signal,
          deps.killGraceMs + ABANDON_AFTER_MS,
        );
      } catch (error) {
        // A runner bug must not lose the run: the gate fails and says why.
        last = { passed: false, exitCode: null, final: true };
        fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        deadline.dispose();
      }
      stoppedAs = deadline.cause;
      const record: AttemptRecord = {
        attempt,
        status: stoppedAs ?? (last?.passed ? 'passed' : 'failed'),
        exitCode: last?.exitCode ?? null,
        durationMs: deps.now() - started,
      };
      history.push(record);
      if (stoppedAs === 'timed-out') {
        detail = `timed out after ${formatTimeout(gate.timeoutMs)}${runner.timeoutWording ? ` ${runner.timeoutWording}` : ''}`;
        log.note(`release-gates: ${detail}${runner.stopNote ? `; ${runner.stopNote}` : ''}`);
      } else if (stoppedAs === 'cancelled') {
        detail = typeof signal.reason === 'string' ? signal.reason : undefined;
      } else if (last && !last.passed && last.detail !== undefined) {
        detail = last.detail;
      } else if (last?.passed) {
        detail = undefined;
      }
      // Passed, cancelled, or a failure another attempt cannot mend: no more attempts.
      if (record.status === 'passed' || stoppedAs === 'cancelled' || last?.final) break;
    }
  }

  await log.close();
  const finishedAt = deps.now();
  const tail = log.readTail();
  const lastRecord = history.at(-1);
  const status = lastRecord?.status ?? 'failed';
  const result: GateResult = {
    ...identity(planned),
    status,
    exitCode: lastRecord?.exitCode ?? null,
    durationMs: finishedAt - startedAt,
    attempts: Math.max(history.length, 1),
    attemptHistory: history,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    tail: tail.text,
    tailTruncated: tail.truncated,
    logPath: log.path,
  };
  if (status === 'cancelled') result.reason = 'cancelled';
  if (detail !== undefined) result.detail = detail;
  if (log.writeError) {
    const code = (log.writeError as NodeJS.ErrnoException).code ?? log.writeError.message;
    result.logError = `the log file is incomplete (${code})`;
  }
  if (last?.probe) result.probe = last.probe;
  const found = collectFindings(last?.findings, parser);
  if (found.total > 0) {
    result.findings = resolveFindings(found.findings, {
      action: planned.action,
      gateFailed: isFailure(status),
      workspace: deps.workspace,
      repositoryRoot: deps.repositoryRoot,
    });
    result.findingCount = found.total;
  }
  // Everything the engine emits is masked here, once: reporters and adapters never see a secret.
  return deps.redaction.value(result);
}

function collectFindings(
  reported: ToolFinding[] | undefined,
  parser: FindingParser | undefined,
): { findings: ToolFinding[]; total: number } {
  if (reported && reported.length > 0) {
    return { findings: reported.slice(0, MAX_FINDINGS_PER_GATE), total: reported.length };
  }
  if (parser) return parser.finish();
  return { findings: [], total: 0 };
}

/**
 * The runner's outcome, or, when it has not settled `graceMs` after `signal` aborted, an
 * outcome that gives up on it: the gate must end by its deadline whatever the runner does.
 */
function untilSettledOrAbandoned(
  work: Promise<AttemptOutcome>,
  signal: AbortSignal,
  graceMs: number,
): Promise<AttemptOutcome> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<AttemptOutcome>((resolve) => {
    onAbort = () => {
      // Final: a runner still at work must not run beside a retry of itself.
      timer = setTimeout(() => resolve({ passed: false, exitCode: null, final: true }), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, abandoned]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
}
