import type { PolicyAction, Priority, Stage } from '../stages.js';
import type { GateKind, HttpProbeConfig } from './schema.js';

export type Policy = Record<Priority, PolicyAction>;

export const DEFAULT_POLICY: Policy = { P0: 'abort', P1: 'block', P2: 'warn', P3: 'notice' };
export const DEFAULT_TIMEOUT_MINUTES = 15;
export const DEFAULT_SHELL = ['bash', '-e', '-o', 'pipefail', '-c'] as const;

export type { GateKind };

export interface WhenCondition {
  events?: string[];
  branches?: string[];
}

/** A gate with the config's defaults applied: what the engine runs. */
export interface GateSpec {
  id: string;
  name: string;
  stage: Stage;
  priority: Priority;
  kind: GateKind;
  run?: string;
  http?: HttpProbeConfig;
  uses?: string;
  with?: Record<string, unknown>;
  shell: string[];
  /** Posix path relative to the workspace; '.' is the workspace itself. */
  workingDirectory: string;
  timeoutMs: number;
  retries: number;
  env: Record<string, string>;
  when?: WhenCondition;
  /**
   * Where the gate was defined: `preset:<name>` for a gate a preset brought in (through
   * `extends`). Absent for a gate of the config file itself; gateOrigin() resolves both.
   */
  origin?: string;
  /** For a gate of the config file with the id of a preset gate: that gate's origin. */
  replaces?: string;
}

/** `preset:<name>`, or the config file for a gate it defines itself. */
export function gateOrigin(gate: Pick<GateSpec, 'origin'>, configFile: string): string {
  return gate.origin ?? configFile;
}

export interface HookSpec {
  name: string;
  run: string;
  shell: string[];
  workingDirectory: string;
  timeoutMs: number;
  env: Record<string, string>;
}

export interface ReleaseGatesConfig {
  /** The file it came from, as the user named it: used in every message. */
  file: string;
  version: 1;
  policy: Policy;
  concurrency?: number;
  redact: string[];
  /** `extends` as written; absent without it. */
  extends?: string[];
  /** Presets in the order they were applied, nested ones first; absent without `extends`. */
  presets?: string[];
  /** Preset gates the config's `disable:` left out. */
  disabled?: string[];
  gates: GateSpec[];
  rollback: HookSpec[];
  cleanup: HookSpec[];
}
