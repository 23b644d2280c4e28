import path from 'node:path';
import { isScalar, parseDocument, LineCounter, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigurationError } from './errors.js';
import { formatFieldPath, describeValue, oneLine, quote } from './field-path.js';
import { formatIssues } from './format-issues.js';
import {
  BUILTIN_PRESETS,
  presetNames,
  presetOrigin,
  type PresetSources,
} from '../presets/index.js';
import {
  configSchema,
  GATE_KINDS,
  presetSchema,
  type RawConfig,
  type RawDefaults,
  type RawGate,
  type RawPreset,
} from './schema.js';
import {
  DEFAULT_POLICY,
  DEFAULT_SHELL,
  DEFAULT_TIMEOUT_MINUTES,
  type GateSpec,
  type HookSpec,
  type ReleaseGatesConfig,
} from './types.js';

const KINDS_TEXT = GATE_KINDS.join(', ');

/**
 * 1 MiB of text: ten times the largest real config, and small enough that parsing (which
 * blocks signals while it runs) ends in about a second, well inside a cancel's grace.
 */
export const MAX_CONFIG_CHARS = 1024 * 1024;

/**
 * The checks `uses:` may name, as config parsing needs them: an id and an options schema.
 * Passed in (the engine's catalogue, or a test's), never imported: config depends on nothing
 * above it.
 */
export interface KnownChecks {
  find(id: string): { options: z.ZodType } | undefined;
  ids(): string[];
}

export interface ParseOptions {
  /** Preset name -> YAML text; the presets of checks/presets/ unless a test passes others. */
  presets?: PresetSources;
  /** Without it, every `uses:` gate names an unknown check. */
  checks?: KnownChecks;
}

const NO_CHECKS: KnownChecks = { find: () => undefined, ids: () => [] };

/**
 * Parses and validates config text, merging the presets it extends. Pure: `file` is only
 * used to name the source in messages. Throws ConfigurationError listing every problem of
 * the file (and of the presets it extends) at once.
 */
export function parseConfig(
  text: string,
  file: string,
  options: ParseOptions = {},
): ReleaseGatesConfig {
  const data = readYamlMapping(text, file);
  const problems: string[] = [];
  const parsed = configSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) problems.push(...formatIssues(file, parsed.error.issues));
  problems.push(...crossFieldProblems(file, data, options.checks ?? NO_CHECKS));
  if (data.gates === undefined && data.extends === undefined) {
    problems.push(`${file}: gates: required: expected a list`);
  }
  const layers: PresetLayer[] = [];
  if (Array.isArray(data.extends)) {
    const sources = options.presets ?? BUILTIN_PRESETS;
    resolvePresets(data.extends, file, {
      sources,
      checks: options.checks ?? NO_CHECKS,
      layers,
      problems,
      seen: new Set(),
      chain: [],
    });
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigurationError([...new Set(problems)]);
  }
  const merged = mergeLayers(parsed.data, layers, file);
  if (merged.problems.length > 0) throw new ConfigurationError(merged.problems);
  return normalize(parsed.data, merged, file);
}

/** Parses YAML text into a mapping, or throws ConfigurationError naming `label` and the line. */
function readYamlMapping(text: string, label: string): Record<string, unknown> {
  if (text.length > MAX_CONFIG_CHARS) {
    throw new ConfigurationError(
      `${label}: the file has ${text.length} characters; a config may have at most ${MAX_CONFIG_CHARS} (1 MiB)`,
    );
  }
  const lineCounter = new LineCounter();
  // yaml's own uniqueKeys check compares every key with every other: quadratic in a map's
  // size (26 s for 20,000 keys). duplicateKeys does it in one pass.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const syntax = doc.errors.map((error) => ({
    offset: error.pos[0],
    message: oneLine(error.message.split('\n')[0]!),
  }));
  const problems = syntax.length > 0 ? syntax : duplicateKeys(doc, text);
  if (problems.length > 0) {
    throw new ConfigurationError(
      problems.map(({ offset, message }) => {
        const pos = lineCounter.linePos(offset);
        return `${label}:${pos.line}:${pos.col}: YAML syntax error: ${message}`;
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved aliases and alias bombs surface only here, as plain errors without a place:
    // point at the first unresolved alias, or else at the first alias.
    const offset = aliasOffset(doc);
    const where = offset === undefined ? ': (top level)' : linePosition(lineCounter, offset);
    const message = (error as Error).message.split('\n')[0];
    throw new ConfigurationError(`${label}${where}: YAML error: ${message}`);
  }
  if (data === null || data === undefined) {
    throw new ConfigurationError(
      `${label}: (top level): the file is empty; expected a mapping with version: 1 and gates`,
    );
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigurationError(
      `${label}: (top level): expected a mapping with version: 1 and gates, got ${describeValue(data)}`,
    );
  }
  return data as Record<string, unknown>;
}

/** Scalar keys repeated within one mapping, in document order. */
function duplicateKeys(doc: Document, text: string): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const offset = pair.key.range?.[0] ?? 0;
        found.push({ offset, message: `duplicate key ${duplicateKeyName(text, offset)}` });
      }
    },
  });
  return found;
}

function aliasOffset(doc: Document): number | undefined {
  let unresolved: number | undefined;
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const start = node.range?.[0];
      if (start === undefined) return;
      first ??= start;
      if (unresolved === undefined && node.resolve(doc) === undefined) unresolved = start;
    },
  });
  return unresolved ?? first;
}

function linePosition(lineCounter: LineCounter, offset: number): string {
  const pos = lineCounter.linePos(offset);
  return `:${pos.line}:${pos.col}`;
}

/** One preset, validated; its own presets come before it in the layer list. */
interface PresetLayer {
  name: string;
  preset: RawPreset;
}

interface PresetWalk {
  sources: PresetSources;
  checks: KnownChecks;
  layers: PresetLayer[];
  problems: string[];
  /** Presets already applied: one that two others extend is applied once, where first met. */
  seen: Set<string>;
  /** The presets being resolved, outermost first, to catch a preset that extends itself. */
  chain: string[];
}

/**
 * Resolves `extends` depth first into `walk.layers`. Problems inside a preset are reported
 * against `preset:<name>`, the way gate origins are written.
 */
function resolvePresets(names: unknown[], owner: string, walk: PresetWalk): void {
  names.forEach((name, index) => {
    if (typeof name !== 'string' || name === '') return; // zod reported it
    const at = `${owner}: ${formatFieldPath(['extends', index])}`;
    if (!Object.hasOwn(walk.sources, name)) {
      const known = presetNames(walk.sources);
      walk.problems.push(
        `${at}: unknown preset ${quote(name)}; expected one of ${known.length > 0 ? known.join(', ') : '(none)'}`,
      );
      return;
    }
    if (walk.chain.includes(name)) {
      walk.problems.push(
        `${at}: preset "${name}" extends itself (${[...walk.chain, name].join(' -> ')})`,
      );
      return;
    }
    if (walk.seen.has(name)) return;
    walk.seen.add(name);
    const label = presetOrigin(name);
    const source = walk.sources[name]!;
    let data: Record<string, unknown>;
    try {
      data = typeof source === 'string' ? readYamlMapping(source, label) : { ...source };
    } catch (error) {
      if (error instanceof ConfigurationError) walk.problems.push(...error.problems);
      else throw error;
      return;
    }
    const parsed = presetSchema.safeParse(data, { reportInput: true });
    if (!parsed.success) walk.problems.push(...formatIssues(label, parsed.error.issues));
    walk.problems.push(...crossFieldProblems(label, data, walk.checks));
    if (Array.isArray(data.extends)) {
      resolvePresets(data.extends, label, { ...walk, chain: [...walk.chain, name] });
    }
    if (parsed.success) walk.layers.push({ name, preset: parsed.data });
  });
}

interface MergedConfig {
  gates: { gate: RawGate; origin?: string; replaces?: string }[];
  policy: RawConfig['policy'];
  defaults: RawDefaults;
  redact: string[];
  presets: string[];
  disabled: string[];
  problems: string[];
}

/**
 * Presets in order, then the file: a later gate with the same id replaces an earlier one in
 * its place; `disable` drops preset gates; policy, defaults and redact of the file win.
 */
function mergeLayers(raw: RawConfig, layers: PresetLayer[], file: string): MergedConfig {
  const problems: string[] = [];
  const byId = new Map<string, { gate: RawGate; origin?: string; replaces?: string }>();
  let policy: RawConfig['policy'] = {};
  let defaults: RawDefaults = {};
  const redact: string[] = [];
  const mergeDefaults = (next: RawDefaults | undefined) => {
    if (!next) return;
    const env = defaults.env || next.env ? { ...defaults.env, ...next.env } : undefined;
    defaults = { ...defaults, ...next };
    if (env) defaults.env = env;
  };
  for (const { name, preset } of layers) {
    for (const gate of preset.gates ?? []) byId.set(gate.id, { gate, origin: presetOrigin(name) });
    policy = { ...policy, ...preset.policy };
    mergeDefaults(preset.defaults);
    redact.push(...(preset.redact ?? []));
  }

  const presetIds = [...byId.keys()].sort();
  const ownIndex = new Map((raw.gates ?? []).map((gate, index) => [gate.id, index]));
  const disabled: string[] = [];
  const firstListed = new Map<string, number>();
  (raw.disable ?? []).forEach((id, index) => {
    const at = `${file}: ${formatFieldPath(['disable', index])}`;
    const first = firstListed.get(id);
    if (first !== undefined) {
      problems.push(`${at}: duplicate id ${quote(id)} (first listed at disable[${first}])`);
      return;
    }
    firstListed.set(id, index);
    const own = ownIndex.get(id);
    if (own !== undefined) {
      problems.push(
        `${at}: ${quote(id)} is a gate of this file (gates[${own}]), not of a preset; delete it there instead`,
      );
    } else if (!byId.has(id)) {
      problems.push(
        `${at}: unknown gate id ${quote(id)}; expected one of the preset gates: ${presetIds.length > 0 ? presetIds.join(', ') : '(none: add presets with extends)'}`,
      );
    } else {
      byId.delete(id);
      disabled.push(id);
    }
  });

  for (const gate of raw.gates ?? []) {
    const replaced = byId.get(gate.id)?.origin;
    byId.set(gate.id, replaced === undefined ? { gate } : { gate, replaces: replaced });
  }
  policy = { ...policy, ...raw.policy };
  mergeDefaults(raw.defaults);
  redact.push(...(raw.redact ?? []));

  if (problems.length === 0 && byId.size === 0) {
    problems.push(
      `${file}: gates: no gates left: the presets' gates are all disabled and the file defines none`,
    );
  }
  return {
    gates: [...byId.values()],
    policy,
    defaults,
    redact: [...new Set(redact)],
    presets: layers.map((layer) => layer.name),
    disabled,
    problems,
  };
}

/** Rules zod cannot express field by field; checked on the raw data so they add to zod's list. */
function crossFieldProblems(
  file: string,
  data: Record<string, unknown>,
  checks: KnownChecks,
): string[] {
  const problems: string[] = [];
  const at = (p: PropertyKey[], message: string) =>
    problems.push(`${file}: ${formatFieldPath(p)}: ${message}`);

  const defaults = data.defaults;
  if (isRecord(defaults)) checkInsideWorkspace(defaults['working-directory'], ['defaults'], at);

  const gates = data.gates;
  if (!Array.isArray(gates)) return problems;
  const firstIndexById = new Map<string, number>();
  gates.forEach((gate, index) => {
    if (!isRecord(gate)) return;
    const id = gate.id;
    if (typeof id === 'string') {
      const first = firstIndexById.get(id);
      if (first === undefined) firstIndexById.set(id, index);
      else at(['gates', index, 'id'], `duplicate id ${quote(id)} (first used by gates[${first}])`);
    }
    const kinds = GATE_KINDS.filter((kind) => gate[kind] !== undefined);
    if (kinds.length === 0) {
      at(['gates', index], `expected exactly one of ${KINDS_TEXT}; got none`);
    } else if (kinds.length > 1) {
      at(['gates', index], `expected exactly one of ${KINDS_TEXT}; got ${kinds.join(' and ')}`);
    }
    if (gate.with !== undefined && gate.uses === undefined) {
      at(['gates', index, 'with'], 'only allowed together with uses');
    }
    // With two kinds the gate is wrong before its check is: only a `uses:` gate's check is checked.
    if (typeof gate.uses === 'string' && kinds.length === 1) {
      problems.push(...checkProblems(file, index, gate, checks));
    }
    checkInsideWorkspace(gate['working-directory'], ['gates', index], at);
  });
  for (const hookList of ['rollback', 'cleanup'] as const) {
    const hooks = data[hookList];
    if (!Array.isArray(hooks)) continue;
    hooks.forEach((hook, index) => {
      if (isRecord(hook)) checkInsideWorkspace(hook['working-directory'], [hookList, index], at);
    });
  }
  return problems;
}

/** `uses:` names a built-in check; `with:` is validated by that check's own schema. */
function checkProblems(
  file: string,
  index: number,
  gate: Record<string, unknown>,
  checks: KnownChecks,
): string[] {
  const id = gate.uses as string;
  const check = checks.find(id);
  if (!check) {
    const known = checks.ids();
    return [
      `${file}: ${formatFieldPath(['gates', index, 'uses'])}: unknown check ${quote(id)}; expected one of ${known.length > 0 ? known.join(', ') : '(none)'}`,
    ];
  }
  const options = gate.with === undefined ? {} : gate.with;
  const parsed = check.options.safeParse(options, { reportInput: true });
  if (parsed.success) return [];
  return formatIssues(
    file,
    parsed.error.issues.map((issue) => ({
      ...issue,
      path: ['gates', index, 'with', ...issue.path],
    })),
  ).map((line) => `${line} (check ${id})`);
}

function checkInsideWorkspace(
  value: unknown,
  owner: PropertyKey[],
  at: (p: PropertyKey[], message: string) => void,
): void {
  if (typeof value !== 'string' || value === '') return;
  if (!isInsideWorkspace(value)) {
    at(
      [...owner, 'working-directory'],
      `expected a path inside the workspace, got ${describeValue(value)}`,
    );
  }
}

export function isInsideWorkspace(relative: string): boolean {
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) return false;
  const normalized = path.posix.normalize(relative.replaceAll('\\', '/'));
  return normalized !== '..' && !normalized.startsWith('../');
}

/** yaml points at the repeated key; name it, since the library's message does not. */
function duplicateKeyName(text: string, offset: number): string {
  const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(offset))?.[1]?.trim();
  return key ? quote(key.replace(/^["']|["']$/g, '')) : '(unknown)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringifyEnv(env: Record<string, string | number | boolean> | undefined) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env ?? {})) out[key] = String(value);
  return out;
}

function splitShell(shell: string | undefined): string[] {
  return shell === undefined ? [...DEFAULT_SHELL] : shell.trim().split(/\s+/);
}

function normalizeDir(dir: string | undefined): string {
  if (dir === undefined) return '.';
  const normalized = path.posix.normalize(dir.replaceAll('\\', '/'));
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

function normalize(raw: RawConfig, merged: MergedConfig, file: string): ReleaseGatesConfig {
  const defaults = merged.defaults;
  const defaultEnv = stringifyEnv(defaults.env);
  const defaultTimeout = defaults['timeout-minutes'] ?? DEFAULT_TIMEOUT_MINUTES;
  const defaultDir = defaults['working-directory'];

  const gates: GateSpec[] = merged.gates.map(({ gate, origin, replaces }) => {
    const kind = gate.run !== undefined ? 'run' : gate.http !== undefined ? 'http' : 'uses';
    const spec: GateSpec = {
      id: gate.id,
      name: gate.name ?? gate.id,
      stage: gate.stage,
      priority: gate.priority,
      kind,
      shell: splitShell(gate.shell ?? defaults.shell),
      workingDirectory: normalizeDir(gate['working-directory'] ?? defaultDir),
      timeoutMs: minutesToMs(gate['timeout-minutes'] ?? defaultTimeout),
      retries: gate.retries ?? 0,
      env: { ...defaultEnv, ...stringifyEnv(gate.env) },
    };
    if (gate.run !== undefined) spec.run = gate.run;
    if (gate.http !== undefined) spec.http = gate.http;
    if (gate.uses !== undefined) spec.uses = gate.uses;
    if (gate.with !== undefined) spec.with = gate.with;
    if (gate.when !== undefined) spec.when = gate.when;
    if (origin !== undefined) spec.origin = origin;
    if (replaces !== undefined) spec.replaces = replaces;
    return spec;
  });

  const hooks = (list: RawConfig['rollback'], kind: string): HookSpec[] =>
    (list ?? []).map((hook, index) => ({
      name: hook.name ?? `${kind} #${index + 1}`,
      run: hook.run,
      shell: splitShell(hook.shell ?? defaults.shell),
      workingDirectory: normalizeDir(hook['working-directory'] ?? defaultDir),
      timeoutMs: minutesToMs(hook['timeout-minutes'] ?? defaultTimeout),
      env: { ...defaultEnv, ...stringifyEnv(hook.env) },
    }));

  const config: ReleaseGatesConfig = {
    file,
    version: 1,
    policy: { ...DEFAULT_POLICY, ...merged.policy },
    redact: merged.redact,
    gates,
    rollback: hooks(raw.rollback, 'rollback'),
    cleanup: hooks(raw.cleanup, 'cleanup'),
  };
  if (raw.extends !== undefined) config.extends = raw.extends;
  if (merged.presets.length > 0) config.presets = merged.presets;
  if (merged.disabled.length > 0) config.disabled = merged.disabled;
  if (raw.concurrency !== undefined) config.concurrency = raw.concurrency;
  return config;
}

/** Whole milliseconds, at least 1: a tiny positive timeout must not round to none at all. */
function minutesToMs(minutes: number): number {
  return Math.max(1, Math.round(minutes * 60_000));
}
