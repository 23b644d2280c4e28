import type { RunResult } from '../engine/index.js';
import { countStatuses } from './insights.js';
import type { Report } from './report-schema.js';

export type { Report } from './report-schema.js';

export const REPORT_SCHEMA = 'release-gates/report@1';

/** report.json: the machine-readable record of a run (see README, section 'report.json'). */
export function buildReport(result: RunResult, tool: { version: string }): Report {
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'release-gates', version: tool.version },
    verdict: result.verdict,
    mode: result.mode,
    config: result.configFile,
    event: result.event,
    branch: result.branch ?? null,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: result.durationMs,
    cancelled: result.cancelled,
    stoppedBy: result.stoppedBy ?? null,
    policy: result.policy,
    concurrency: result.concurrency,
    failedGates: result.failedGates,
    highestFailedPriority: result.highestFailedPriority ?? null,
    counts: countStatuses(result.gates),
    gates: result.gates.map((gate) => ({
      id: gate.id,
      name: gate.name,
      stage: gate.stage,
      priority: gate.priority,
      kind: gate.kind,
      origin: gate.origin ?? result.configFile,
      action: gate.action,
      status: gate.status,
      reason: gate.reason ?? null,
      detail: gate.detail ?? null,
      exitCode: gate.exitCode,
      durationMs: gate.durationMs,
      attempts: gate.attempts,
      attemptHistory: gate.attemptHistory,
      startedAt: gate.startedAt ?? null,
      finishedAt: gate.finishedAt ?? null,
      outputTail: gate.tail,
      outputTailTruncated: gate.tailTruncated,
      logPath: gate.logPath ?? null,
      ...(gate.logError ? { logError: gate.logError } : {}),
      ...(gate.probe ? { probe: gate.probe } : {}),
      ...(gate.findings ? { findings: gate.findings, findingCount: gate.findingCount } : {}),
    })),
    hooks: result.hooks.map((hook) => ({
      kind: hook.kind,
      name: hook.name,
      status: hook.status,
      detail: hook.detail ?? null,
      exitCode: hook.exitCode,
      durationMs: hook.durationMs,
      outputTail: hook.tail,
      logPath: hook.logPath,
    })),
  };
}
