import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { ConfigurationError } from './errors.js';
import { formatFieldPath, describeValue } from './field-path.js';
import { formatIssues } from './format-issues.js';
import { checkIds, findCheck } from '../checks/registry.js';
import { configSchema, type RawConfig } from './schema.js';
import {
  DEFAULT_POLICY,
  DEFAULT_SHELL,
  DEFAULT_TIMEOUT_MINUTES,
  type GateSpec,
  type HookSpec,
  type ReleaseGatesConfig,
} from './types.js';

const KINDS = ['run', 'http', 'uses'] as const;

/**
 * Parses and validates config text. Pure: `file` is only used to name the source in
 * messages. Throws ConfigurationError listing every problem of the file at once.
 */
export function parseConfig(text: string, file: string): ReleaseGatesConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigurationError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        const message =
          error.code === 'DUPLICATE_KEY'
            ? `duplicate key ${duplicateKeyName(text, error.pos[0])}`
            : error.message.split('\n')[0];
        return `${file}:${pos.line}:${pos.col}: YAML syntax error: ${message}`;
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved aliases and alias bombs surface only here, as plain errors.
    throw new ConfigurationError(`${file}: YAML error: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) {
    throw new ConfigurationError(
      `${file}: (top level): the file is empty; expected a mapping with version: 1 and gates`,
    );
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigurationError(
      `${file}: (top level): expected a mapping with version: 1 and gates, got ${describeValue(data)}`,
    );
  }

  const problems: string[] = [];
  const parsed = configSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) problems.push(...formatIssues(file, parsed.error.issues));
  problems.push(...crossFieldProblems(file, data as Record<string, unknown>));
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigurationError([...new Set(problems)]);
  }
  return normalize(parsed.data, file);
}

/** Rules zod cannot express field by field; checked on the raw data so they add to zod's list. */
function crossFieldProblems(file: string, data: Record<string, unknown>): string[] {
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
      else at(['gates', index, 'id'], `duplicate id "${id}" (first used by gates[${first}])`);
    }
    const kinds = KINDS.filter((kind) => gate[kind] !== undefined);
    if (kinds.length === 0) {
      at(['gates', index], 'expected exactly one of run, http, uses; got none');
    } else if (kinds.length > 1) {
      at(['gates', index], `expected exactly one of run, http, uses; got ${kinds.join(' and ')}`);
    }
    if (gate.with !== undefined && gate.uses === undefined) {
      at(['gates', index, 'with'], 'only allowed together with uses');
    }
    if (typeof gate.uses === 'string') problems.push(...checkProblems(file, index, gate));
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
function checkProblems(file: string, index: number, gate: Record<string, unknown>): string[] {
  const id = gate.uses as string;
  const check = findCheck(id);
  if (!check) {
    const known = checkIds();
    return [
      `${file}: ${formatFieldPath(['gates', index, 'uses'])}: unknown check "${id}"; expected one of ${known.length > 0 ? known.join(', ') : '(none)'}`,
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
  return key ? JSON.stringify(key.replace(/^["']|["']$/g, '')) : '(unknown)';
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

function normalize(raw: RawConfig, file: string): ReleaseGatesConfig {
  const defaults = raw.defaults ?? {};
  const defaultEnv = stringifyEnv(defaults.env);
  const defaultTimeout = defaults['timeout-minutes'] ?? DEFAULT_TIMEOUT_MINUTES;
  const defaultDir = defaults['working-directory'];

  const gates: GateSpec[] = raw.gates.map((gate) => {
    const kind = gate.run !== undefined ? 'run' : gate.http !== undefined ? 'http' : 'uses';
    const spec: GateSpec = {
      id: gate.id,
      name: gate.name ?? gate.id,
      stage: gate.stage,
      priority: gate.priority,
      kind,
      shell: splitShell(gate.shell ?? defaults.shell),
      workingDirectory: normalizeDir(gate['working-directory'] ?? defaultDir),
      timeoutMs: Math.round((gate['timeout-minutes'] ?? defaultTimeout) * 60_000),
      retries: gate.retries ?? 0,
      env: { ...defaultEnv, ...stringifyEnv(gate.env) },
    };
    if (gate.run !== undefined) spec.run = gate.run;
    if (gate.http !== undefined) spec.http = gate.http;
    if (gate.uses !== undefined) spec.uses = gate.uses;
    if (gate.with !== undefined) spec.with = gate.with;
    if (gate.when !== undefined) spec.when = gate.when;
    return spec;
  });

  const hooks = (list: RawConfig['rollback'], kind: string): HookSpec[] =>
    (list ?? []).map((hook, index) => ({
      name: hook.name ?? `${kind} #${index + 1}`,
      run: hook.run,
      shell: splitShell(hook.shell ?? defaults.shell),
      workingDirectory: normalizeDir(hook['working-directory'] ?? defaultDir),
      timeoutMs: Math.round((hook['timeout-minutes'] ?? defaultTimeout) * 60_000),
      env: { ...defaultEnv, ...stringifyEnv(hook.env) },
    }));

  const config: ReleaseGatesConfig = {
    file,
    version: 1,
    policy: { ...DEFAULT_POLICY, ...raw.policy },
    redact: raw.redact ?? [],
    gates,
    rollback: hooks(raw.rollback, 'rollback'),
    cleanup: hooks(raw.cleanup, 'cleanup'),
  };
  if (raw.concurrency !== undefined) config.concurrency = raw.concurrency;
  return config;
}
