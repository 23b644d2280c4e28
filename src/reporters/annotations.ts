import { isFailure, priorityRank, type PolicyAction, type RunResult } from '../engine/index.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
}

/** The runner shows at most this many annotations of one level from one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export function annotationLevel(action: PolicyAction): AnnotationLevel {
  if (action === 'warn') return 'warning';
  if (action === 'notice') return 'notice';
  return 'error';
}

/**
 * One annotation per failed gate, P0 first. Past the runner's limit the last slot of a
 * level says how many more there are, so nothing disappears silently.
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
      message: `${more} more failed gate(s) at this level; see the job summary and report.json.`,
    });
  }
  return out;
}
