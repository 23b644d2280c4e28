import {
  isFailure,
  PRIORITIES,
  type GateResult,
  type Priority,
  type RunResult,
} from '../engine/index.js';
import { formatDuration } from './format.js';

/*
 * What a tech lead would say about a run, built once from the result and rendered by
 * every reporter (summary, CLI, PR comment) so they never disagree.
 */

export interface Finding {
  gateId: string;
  gateName: string;
  priority: Priority;
  action: string;
  stage: string;
  /** Why it failed, in one line. */
  text: string;
  /** The first file:line problems parsed from its output, as `path:line:col rule message`. */
  locations: string[];
  /** How many more were found than listed. */
  moreLocations: number;
}

const LOCATIONS_PER_FINDING = 5;

export interface Insights {
  headline: string;
  executive: string[];
  findings: Record<Priority, Finding[]>;
  nextStep: string;
}

const MAX_EXECUTIVE_POINTS = 10;

export function verdictHeadline(result: RunResult): string {
  switch (result.verdict) {
    case 'passed':
      return 'Release gates passed';
    case 'passed-with-warnings':
      return 'Release gates passed with warnings';
    case 'failed':
      return result.cancelled ? 'Release gates cancelled' : 'Release gates failed';
    case 'planned':
      return 'Release gates plan';
  }
}

export function buildInsights(result: RunResult): Insights {
  const failed = result.gates.filter((g) => isFailure(g.status));
  const counts = countStatuses(result.gates);
  const executive: string[] = [];

  if (result.verdict === 'planned') {
    const willRun = result.gates.filter((g) => g.status === 'planned').length;
    executive.push(
      `${willRun} of ${result.gates.length} gates would run in ${result.mode} mode on ${result.event}.`,
    );
  } else {
    executive.push(
      `${verdictHeadline(result)}: ${counts.passed} passed, ${failed.length} failed, ` +
        `${counts.skipped} skipped${counts.cancelled ? `, ${counts.cancelled} cancelled` : ''} ` +
        `in ${formatDuration(result.durationMs)} (${result.mode} mode).`,
    );
  }
  if (result.cancelled) {
    executive.push(
      'The run was cancelled before it finished: gates that did not finish prove nothing.',
    );
  }
  if (result.stoppedBy) {
    const { id, priority, action } = result.stoppedBy;
    executive.push(
      action === 'abort'
        ? `${priority} gate ${id} failed and stopped the pipeline (abort): later gates did not run.`
        : `${priority} gate ${id} failed and blocked the later stages (block).`,
    );
  }
  for (const priority of PRIORITIES) {
    const atLevel = failed.filter((g) => g.priority === priority);
    if (atLevel.length === 0) continue;
    const names = nameList(atLevel.map((g) => g.name));
    executive.push(`${priority}: ${atLevel.length} failing (${names}).`);
  }
  const policySkips = result.gates.filter((g) => g.status === 'skipped' && g.reason === 'policy');
  if (policySkips.length > 0) {
    executive.push(`${policySkips.length} gate(s) skipped by policy after a failure.`);
  }
  const rollbacks = result.hooks.filter((h) => h.kind === 'rollback');
  if (rollbacks.length > 0) {
    const bad = rollbacks.filter((h) => h.status !== 'passed');
    executive.push(
      bad.length === 0
        ? `Rollback ran after the deploy/health failure and succeeded (${rollbacks.length} command(s)).`
        : `Rollback ran after the deploy/health failure and did NOT succeed: ${bad.map((h) => `${h.name} ${h.status}`).join(', ')}.`,
    );
  }
  const badCleanups = result.hooks.filter((h) => h.kind === 'cleanup' && h.status !== 'passed');
  if (badCleanups.length > 0) {
    executive.push(
      `Cleanup did not finish cleanly: ${badCleanups.map((h) => `${h.name} ${h.status}`).join(', ')}.`,
    );
  }
  if (result.mode === 'audit' && result.verdict !== 'planned') {
    executive.push(
      'Audit mode: every selected gate ran and the step does not fail on the verdict.',
    );
  }

  const findings: Record<Priority, Finding[]> = { P0: [], P1: [], P2: [], P3: [] };
  for (const gate of failed) {
    findings[gate.priority].push({
      gateId: gate.id,
      gateName: gate.name,
      priority: gate.priority,
      action: gate.action,
      stage: gate.stage,
      text: gate.detail ?? gate.status,
      locations: (gate.findings ?? []).slice(0, LOCATIONS_PER_FINDING).map((f) => {
        const where = `${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
        return `${where} ${f.ruleId ? `${f.ruleId} ` : ''}${f.message}`;
      }),
      moreLocations: Math.max(
        0,
        (gate.findingCount ?? gate.findings?.length ?? 0) - LOCATIONS_PER_FINDING,
      ),
    });
  }

  return {
    headline: verdictHeadline(result),
    executive: executive.slice(0, MAX_EXECUTIVE_POINTS),
    findings,
    nextStep: nextStep(result, failed),
  };
}

function nextStep(result: RunResult, failed: GateResult[]): string {
  if (result.verdict === 'planned') {
    return 'Run with mode enforce (or `release-gates run`) to execute this plan.';
  }
  const blockingFailures = failed.filter((g) => ['abort', 'block', 'fail'].includes(g.action));
  if (result.cancelled && blockingFailures.length === 0) {
    return 'Re-run the workflow: the run was cancelled before the gates finished.';
  }
  const bySeverity = [...failed].sort(
    (a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority),
  );
  const worst = bySeverity[0];
  if (!worst) {
    return 'Nothing blocks this release.';
  }
  const blocking = bySeverity.filter((g) => ['abort', 'block', 'fail'].includes(g.action));
  const target = blocking[0] ?? worst;
  const where = target.logPath ? ` Its full log: ${target.logPath}.` : '';
  if (blocking.length === 0) {
    return `Nothing blocks this release; fix ${target.priority} gate ${target.id} (${target.detail ?? target.status}) when you can.${where}`;
  }
  const more =
    blocking.length > 1 ? `, then the other ${blocking.length - 1} blocking gate(s)` : '';
  return `Fix ${target.priority} gate ${target.id} first (${target.detail ?? target.status})${more}, then re-run.${where}`;
}

/** At most five names, each at most 60 characters: an executive point stays one line. */
function nameList(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => (n.length > 60 ? `${n.slice(0, 59)}…` : n));
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

export function countStatuses(gates: readonly GateResult[]) {
  const counts = { passed: 0, failed: 0, 'timed-out': 0, cancelled: 0, skipped: 0, planned: 0 };
  for (const gate of gates) counts[gate.status]++;
  return counts;
}
