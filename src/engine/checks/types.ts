import type { z } from 'zod';
import type { HttpProbeConfig } from '../config/schema.js';
import type { ToolFinding } from '../findings/types.js';
import type { Spawner } from '../process.js';
import type { Priority, Stage } from '../stages.js';
import type { RuleInfo } from './rule.js';

/** What a built-in check may use; like gate runners, nothing comes from globals. */
export interface CheckContext {
  /** Absolute workspace root. */
  workspace: string;
  /** Absolute working directory of the gate (the workspace unless the gate sets one). */
  cwd: string;
  env: Record<string, string>;
  /** The engine's process spawner: a check never starts a process by itself. */
  spawn: Spawner;
  signal: AbortSignal;
  now: () => number;
  /** A line in the gate's log (and so in its tail). */
  log: (line: string) => void;
}

export interface CheckResult {
  passed: boolean;
  /** One sentence for the report: what was checked, or why it failed. */
  summary: string;
  /** Problems with file and line where there is one; they become annotations and SARIF. */
  findings: ToolFinding[];
}

/**
 * A ready-made check, used in a config as `uses: <id>` with `with:` options. The options
 * schema is validated when the config is loaded, so mistakes name the gate and option.
 */
export interface CheckDefinition<Options = unknown> {
  id: string;
  title: string;
  /** Shown in docs and used by presets; the config's own priority and stage win. */
  defaultPriority: Priority;
  defaultStage: Stage;
  options: z.ZodType<Options>;
  run(options: Options, context: CheckContext): Promise<CheckResult>;
  /** The named rules whose ids its findings carry (checks/<id>/README.md lists them). */
  rules?: readonly RuleInfo[];
  /** Checks that are HTTP probes (health) hand their options to the probe runner. */
  asHttpProbe?: (options: Options) => HttpProbeConfig;
}
