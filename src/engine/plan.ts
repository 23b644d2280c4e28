import { ConfigurationError } from './config/errors.js';
import type { GateSpec, ReleaseGatesConfig } from './config/types.js';
import { matchesGlobs } from './glob.js';
import { effectiveAction } from './policy.js';
import { STAGES, stageIndex, type Mode, type PolicyAction, type Stage } from './stages.js';

export type SkipReason = 'policy' | 'condition' | 'filter' | 'cancelled';

export interface PlannedGate {
  gate: GateSpec;
  /** The policy action after the mode is applied. */
  action: PolicyAction;
  /** Set when the gate will not run whatever happens. */
  skip?: { reason: SkipReason; detail: string };
}

export interface StagePlan {
  stage: Stage;
  gates: PlannedGate[];
}

export interface Plan {
  config: ReleaseGatesConfig;
  mode: Mode;
  concurrency: number;
  event: string;
  branch?: string;
  /** All eight stages in pipeline order, empty ones included. */
  stages: StagePlan[];
}

export interface PlanOptions {
  mode: Mode;
  event: string;
  /** Branch name without refs/heads/; undefined for tags or detached runs. */
  branch?: string;
  only?: readonly string[];
  skip?: readonly string[];
  /** From the input or CLI; wins over the config's value. */
  concurrency?: number;
  /** Used when neither input nor config sets concurrency: the machine's CPU count. */
  defaultConcurrency: number;
}

/** Splits a comma- or newline-separated list as the inputs and CLI flags take it. */
export function parseList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function buildPlan(config: ReleaseGatesConfig, options: PlanOptions): Plan {
  const only = options.only ?? [];
  const skip = options.skip ?? [];
  validateSelectors(config, 'only', only);
  validateSelectors(config, 'skip', skip);

  const ordered = [...config.gates].sort((a, b) => stageIndex(a.stage) - stageIndex(b.stage));
  const stages: StagePlan[] = STAGES.map((stage) => ({ stage, gates: [] }));
  for (const gate of ordered) {
    const planned: PlannedGate = {
      gate,
      action: effectiveAction(config.policy, gate.priority, options.mode),
    };
    const skipped =
      filterSkip(gate, only, skip) ?? conditionSkip(gate, options.event, options.branch);
    if (skipped) planned.skip = skipped;
    stages[stageIndex(gate.stage)]!.gates.push(planned);
  }
  const plan: Plan = {
    config,
    mode: options.mode,
    concurrency: options.concurrency ?? config.concurrency ?? options.defaultConcurrency,
    event: options.event,
    stages,
  };
  if (options.branch !== undefined) plan.branch = options.branch;
  return plan;
}

function matchesSelector(gate: GateSpec, selector: string): boolean {
  return selector.startsWith('stage:') ? selector.slice(6) === gate.stage : selector === gate.id;
}

function filterSkip(gate: GateSpec, only: readonly string[], skip: readonly string[]) {
  if (only.length > 0 && !only.some((s) => matchesSelector(gate, s))) {
    return { reason: 'filter' as const, detail: 'not selected by only' };
  }
  const skippedBy = skip.find((s) => matchesSelector(gate, s));
  if (skippedBy !== undefined) {
    return { reason: 'filter' as const, detail: `skipped by skip: ${skippedBy}` };
  }
  return undefined;
}

function conditionSkip(gate: GateSpec, event: string, branch: string | undefined) {
  const when = gate.when;
  if (!when) return undefined;
  if (when.events && !when.events.includes(event)) {
    return {
      reason: 'condition' as const,
      detail: `runs on ${when.events.join(', ')}; this run is ${event}`,
    };
  }
  if (when.branches) {
    if (branch === undefined) {
      return {
        reason: 'condition' as const,
        detail: `runs on branches ${when.branches.join(', ')}; this run has no branch`,
      };
    }
    if (!matchesGlobs(branch, when.branches)) {
      return {
        reason: 'condition' as const,
        detail: `runs on branches ${when.branches.join(', ')}; this run is on ${branch}`,
      };
    }
  }
  return undefined;
}

function validateSelectors(
  config: ReleaseGatesConfig,
  field: string,
  selectors: readonly string[],
) {
  const ids = new Set(config.gates.map((gate) => gate.id));
  const problems: string[] = [];
  for (const selector of selectors) {
    if (selector.startsWith('stage:')) {
      const stage = selector.slice(6);
      if (!(STAGES as readonly string[]).includes(stage)) {
        problems.push(`${field}: unknown stage "${stage}"; expected one of ${STAGES.join(', ')}`);
      }
    } else if (!ids.has(selector)) {
      problems.push(
        `${field}: unknown gate id "${selector}"; ${config.file} defines ${[...ids].join(', ')}`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
}

export function plannedGates(plan: Plan): PlannedGate[] {
  return plan.stages.flatMap((stage) => stage.gates);
}
