/** The fixed pipeline order. Config order never changes it. */
export const STAGES = [
  'lint',
  'typecheck',
  'test',
  'security',
  'build',
  'image',
  'deploy',
  'health',
] as const;

export type Stage = (typeof STAGES)[number];

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const POLICY_ACTIONS = ['abort', 'block', 'fail', 'warn', 'notice'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export const MODES = ['enforce', 'audit', 'plan'] as const;
export type Mode = (typeof MODES)[number];

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** Lower index = more severe. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
