import { PRESETS } from './presets.generated.js';

/*
 * Presets: partial configs (gates, optional defaults, policy and redact) that a config pulls
 * in with `extends: [name]`. Their source of truth is checks/presets/<name>.yml; it is parsed at
 * build time into the engine (presets.generated.ts), so the bundles need no files beside them
 * and a run parses no preset YAML.
 */

/** Preset name -> its parsed data, or YAML text (tests pass presets as text). */
export type PresetSources = Readonly<Record<string, string | Readonly<Record<string, unknown>>>>;

export const BUILTIN_PRESETS: PresetSources = PRESETS;

export function presetNames(sources: PresetSources = BUILTIN_PRESETS): string[] {
  return Object.keys(sources).sort();
}

/** How a gate's origin is written: `preset:<name>`, or the config file's own name. */
export function presetOrigin(name: string): string {
  return `preset:${name}`;
}
