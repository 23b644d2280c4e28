import { isFailure, priorityRank, type PolicyAction, type RunResult } from '../engine/index.js';
import type { ToolFinding } from '../engine/findings/types.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  /** Set for findings parsed from tool output: where the problem is. */
  file?: string;
  line?: number;
  column?: number;
}

const RANK: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** A tool's own "warning" or "note" is never raised to an error by the gate's policy. */
export function findingLevel(
  action: PolicyAction,
  severity?: ToolFinding['severity'],
): AnnotationLevel {
  const byPolicy = annotationLevel(action);
  const byTool: AnnotationLevel | undefined =
    severity === 'warning' ? 'warning' : severity === 'note' ? 'notice' : undefined;
  return byTool && RANK[byTool] > RANK[byPolicy] ? byTool : byPolicy;
}

/** The runner shows at most this many annotations of one level from one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export function annotationLevel(action: PolicyAction): AnnotationLevel {
  if (action === 'warn') return 'warning';
  if (action === 'notice') return 'notice';
  return 'error';
}

/**
 * One annotation per failed gate, each followed by the file:line findings of its output,
 * P0 first. Past the runner's limit the last slot of a level says how many more there
 * are, so nothing disappears silently.
 */
export function buildAnnotations(
  result: RunResult,
  /** Error slots kept free, e.g. for the step's own failure message. */
  reservedErrors = 0,
): Annotation[] {
  const failed = result.gates
    .filter((g) => isFailure(g.status))
    .sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority));
  const byLevel = new Map<AnnotationLevel, Annotation[]>();
  for (const gate of failed) {
    const level = annotationLevel(gate.action);
    const list = byLevel.get(level) ?? [];
    list.push({
      level,
      title: `${gate.priority} ${gate.name}`,
      message: `${gate.stage} gate ${gate.id} ${gate.status}${gate.detail ? `: ${gate.detail}` : ''} (policy: ${gate.action})`,
    });
    byLevel.set(level, list);
    for (const finding of gate.findings ?? []) {
      const findingLevelOf = findingLevel(gate.action, finding.severity);
      const atLevel = byLevel.get(findingLevelOf) ?? [];
      const annotation: Annotation = {
        level: findingLevelOf,
        title: `${gate.priority} ${gate.name}: ${finding.tool}${finding.ruleId ? ` ${finding.ruleId}` : ''}`,
        message: finding.message,
        file: finding.file,
        line: finding.line,
      };
      if (finding.column !== undefined) annotation.column = finding.column;
      atLevel.push(annotation);
      byLevel.set(findingLevelOf, atLevel);
    }
  }
  const out: Annotation[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const list = byLevel.get(level) ?? [];
    const limit = ANNOTATIONS_PER_LEVEL - (level === 'error' ? reservedErrors : 0);
    if (list.length <= limit) {
      out.push(...list);
      continue;
    }
    const shown = list.slice(0, limit - 1);
    const more = list.length - shown.length;
    out.push(...shown, {
      level,
      title: `${more} more`,
      message: `${more} more failed gate(s) and finding(s) at this level; see the job summary and report.json.`,
    });
  }
  return out;
}
