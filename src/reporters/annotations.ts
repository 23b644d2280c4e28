import {
  isFailure,
  priorityRank,
  type FindingLevel,
  type PolicyAction,
  type RunResult,
} from '../engine/index.js';
import { findingSource, policyLevel } from '../engine/findings/resolve.js';

export type AnnotationLevel = FindingLevel;

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  /** Set for findings parsed from tool output: where the problem is. */
  file?: string;
  line?: number;
  column?: number;
}

/** The runner shows at most this many annotations of one level from one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** A gate's own annotation: the level its policy action gives a failure. */
export function annotationLevel(action: PolicyAction): AnnotationLevel {
  return policyLevel(action);
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
      const atLevel = byLevel.get(finding.level) ?? [];
      const annotation: Annotation = {
        level: finding.level,
        title: `${gate.priority} ${gate.name}: ${findingSource(finding)}`,
        message: finding.message,
        file: finding.file,
        line: finding.line,
      };
      if (finding.column !== undefined) annotation.column = finding.column;
      atLevel.push(annotation);
      byLevel.set(finding.level, atLevel);
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
