import { DEFAULT_POLICY } from '../../src/engine/config/types.js';
import { resolveFindings, type Finding } from '../../src/engine/findings/resolve.js';
import type { ToolFinding } from '../../src/engine/findings/types.js';
import { isFailure } from '../../src/engine/policy.js';
import type { Priority } from '../../src/engine/stages.js';
import type { GateResult, RunResult } from '../../src/engine/types.js';

/* Hand-built gate and run results for reporter tests: no engine, no processes. */

export type GatePartial = Partial<Omit<GateResult, 'findings'>> & {
  id: string;
  /** Tool findings get their rule and level as the engine decides them for this gate. */
  findings?: (ToolFinding | Finding)[];
};

export function gate(partial: GatePartial): GateResult {
  const built: GateResult = {
    name: partial.id,
    stage: 'lint',
    priority: 'P1',
    kind: 'run',
    action: 'block',
    status: 'passed',
    exitCode: 0,
    durationMs: 1234,
    attempts: 1,
    attemptHistory: [{ attempt: 1, status: 'passed', exitCode: 0, durationMs: 1234 }],
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:00:01.234Z',
    tail: '',
    tailTruncated: false,
    logPath: `/tmp/logs/${partial.id}.log`,
    ...partial,
    findings: undefined,
  };
  if (partial.findings) {
    built.findings = partial.findings.map((finding) =>
      'rule' in finding && 'level' in finding
        ? finding
        : resolveFindings([finding], {
            action: built.action,
            gateFailed: isFailure(built.status),
            workspace: '/repo',
            repositoryRoot: '/repo',
          })[0]!,
    );
  } else delete built.findings;
  return built;
}

export const failed = (
  id: string,
  priority: Priority,
  extra: Omit<GatePartial, 'id'> = {},
): GateResult =>
  gate({
    id,
    priority,
    action: DEFAULT_POLICY[priority],
    status: 'failed',
    exitCode: 1,
    detail: 'exited with code 1',
    tail: `error in ${id}`,
    attemptHistory: [{ attempt: 1, status: 'failed', exitCode: 1, durationMs: 1234 }],
    ...extra,
  });

export function result(gates: GateResult[], partial: Partial<RunResult> = {}): RunResult {
  const failing = gates.filter((g) => g.status === 'failed' || g.status === 'timed-out');
  return {
    verdict: failing.length > 0 ? 'failed' : 'passed',
    mode: 'enforce',
    configFile: '.github/release-gates.yml',
    event: 'push',
    branch: 'main',
    policy: DEFAULT_POLICY,
    concurrency: 4,
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:01:00.000Z',
    durationMs: 60_000,
    cancelled: false,
    gates,
    hooks: [],
    failedGates: failing.map((g) => g.id),
    ...partial,
  };
}
