import { PRESET_SOURCES } from './presets.generated.js';

/*
 * Presets: partial configs (gates, optional defaults, policy and redact) that a config pulls
 * in with `extends: [name]`. Their source of truth is checks/presets/<name>.yml; the YAML text
 * is compiled into the engine (presets.generated.ts) so the bundles need no files beside them.
 */

/** Preset name -> YAML text. parseConfig takes another map in tests. */
export type PresetSources = Readonly<Record<string, string>>;

export const BUILTIN_PRESETS: PresetSources = PRESET_SOURCES;

export function presetNames(sources: PresetSources = BUILTIN_PRESETS): string[] {
  return Object.keys(sources).sort();
}

/** How a gate's origin is written: `preset:<name>`, or the config file's own name. */
export function presetOrigin(name: string): string {
  return `preset:${name}`;
}
