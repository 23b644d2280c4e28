import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { z } from 'zod';
import { catalogueWith, parserWith, standInCheck } from '../helpers/checks.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { isInsideWorkspace } from '../../src/engine/config/parse.js';
import { GATE_ID_PATTERN } from '../../src/engine/config/schema.js';
import type { ReleaseGatesConfig } from '../../src/engine/config/types.js';
import { POLICY_ACTIONS, PRIORITIES, STAGES } from '../../src/engine/stages.js';

/*
 * Property-based tests of parseConfig (see README, sections 'Config reference' and 'Errors'):
 * whatever the text, it returns a valid config or throws a ConfigurationError whose every
 * problem is one line that starts with the file name and names a field path or a line:col, in
 * bounded time, never any other exception and never a stack trace. Inputs: valid configs built
 * by arbitraries, the same configs mutated (as data and as YAML text), raw random strings and
 * random bytes.
 */

// `uses:` must name a known check: two stand-ins, one taking any options, one strict.
const ANY_CHECK = 'fuzz/any-options';
const STRICT_CHECK = 'fuzz/strict-options';
const parse = parserWith(
  catalogueWith(
    standInCheck(ANY_CHECK),
    standInCheck(
      STRICT_CHECK,
      z.strictObject({
        url: z.string().min(1),
        attempts: z.number().int().min(1).max(10).optional(),
      }),
    ),
  ),
);

const FILES = ['.github/release-gates.yml', 'ci/gates (v2).yaml', 'C:\\repo\\gates.yml'];
/**
 * A parse that takes longer has hung (runaway backtracking, a loop), whatever the machine: the
 * fuzzers' inputs parse in well under 100 ms. "Never a hang" is part of the contract they check;
 * how fast parseConfig is, is for `npm run bench`.
 */
const MAX_PARSE_MS = 2_000;
/** A problem is meant to be read in an annotation: a key or value is shown shortened. */
const MAX_PROBLEM_CHARS = 2_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const IDENT = '[A-Za-z_][A-Za-z0-9_-]*';
const QUOTED = String.raw`\["(?:[^"\\\n\r]|\\.)*"\]`;
const SEGMENT = `(?:\\.${IDENT}|\\[\\d+\\]|${QUOTED})`;
/** gates[2].priority, (top level), ["odd key"].x, as formatFieldPath writes them. */
const FIELD_PATH = `(?:\\(top level\\)|(?:${IDENT}|\\[\\d+\\]|${QUOTED})${SEGMENT}*)`;

/** The part of a problem after the file name: `:line:col: ...` or ` path: ...`. */
function problemShape(file: string): RegExp {
  return new RegExp(`^${escapeRegExp(file)}(?::\\d+:\\d+: \\S|: ${FIELD_PATH}: \\S)`);
}

type Outcome =
  | { kind: 'config'; config: ReleaseGatesConfig; ms: number }
  | { kind: 'error'; error: unknown; ms: number };

function attempt(text: string, file: string): Outcome {
  const started = performance.now();
  try {
    const config = parse(text, file);
    return { kind: 'config', config, ms: performance.now() - started };
  } catch (error) {
    return { kind: 'error', error, ms: performance.now() - started };
  }
}

/**
 * Why an outcome breaks the contract, or undefined when it keeps it. `robust`: a config or a
 * ConfigurationError whose problems start with the file name, no stack trace, in bounded time.
 * `strict` adds: every problem is one line naming a field path or a line:col.
 */
function contractBreach(
  outcome: Outcome,
  file: string,
  level: 'robust' | 'strict',
): string | undefined {
  if (outcome.ms > MAX_PARSE_MS) return `took ${Math.round(outcome.ms)} ms`;
  if (outcome.kind === 'config') return validConfigBreach(outcome.config, file);
  const { error } = outcome;
  if (!(error instanceof ConfigurationError)) {
    const name = error instanceof Error ? error.name : typeof error;
    return `threw ${name}: ${String((error as Error)?.message ?? error).slice(0, 300)}`;
  }
  if (error.problems.length === 0) return 'ConfigurationError without problems';
  if (error.message !== error.problems.join('\n')) return 'message is not the problems';
  const shape = problemShape(file);
  for (const problem of error.problems) {
    if (typeof problem !== 'string') return `problem is a ${typeof problem}`;
    if (/\n\s+at |\bat .*\.(?:ts|js):\d+:\d+/.test(problem)) return `stack trace: ${problem}`;
    if (!problem.startsWith(file)) return `problem without the file name: ${problem.slice(0, 300)}`;
    if (level === 'robust') continue;
    if (/[\r\n\u2028\u2029]/.test(problem)) {
      return `problem spans lines: ${JSON.stringify(problem.slice(0, 300))}`;
    }
    if (!shape.test(problem)) {
      return `problem names no field path or line:col: ${JSON.stringify(problem.slice(0, 300))}`;
    }
  }
  return undefined;
}

/** What a config that parseConfig accepted must be (the engine relies on it). */
function validConfigBreach(config: ReleaseGatesConfig, file: string): string | undefined {
  if (config.file !== file) return 'file not kept';
  if (config.version !== 1) return `version ${String(config.version)}`;
  if (config.gates.length === 0) return 'no gates';
  const ids = new Set<string>();
  for (const gate of config.gates) {
    if (!GATE_ID_PATTERN.test(gate.id)) return `bad id ${JSON.stringify(gate.id)}`;
    if (ids.has(gate.id)) return `duplicate id ${gate.id}`;
    ids.add(gate.id);
    if (!(STAGES as readonly string[]).includes(gate.stage)) return `bad stage ${gate.stage}`;
    if (!(PRIORITIES as readonly string[]).includes(gate.priority)) return 'bad priority';
    const kinds = [gate.run, gate.http, gate.uses].filter((k) => k !== undefined).length;
    if (kinds !== 1) return `gate ${gate.id} has ${kinds} kinds`;
    if (!(gate.timeoutMs > 0) || !Number.isFinite(gate.timeoutMs)) return 'bad timeout';
    if (!Number.isInteger(gate.retries) || gate.retries < 0) return 'bad retries';
    if (!isInsideWorkspace(gate.workingDirectory)) return 'working-directory outside';
    if (gate.shell.length === 0 || gate.shell.some((part) => part === '')) return 'bad shell';
    for (const value of Object.values(gate.env)) {
      if (typeof value !== 'string') return 'env value not a string';
    }
  }
  for (const priority of PRIORITIES) {
    if (!(POLICY_ACTIONS as readonly string[]).includes(config.policy[priority])) {
      return `bad policy for ${priority}`;
    }
  }
  if (
    config.concurrency !== undefined &&
    (!Number.isInteger(config.concurrency) || config.concurrency < 1)
  ) {
    return 'bad concurrency';
  }
  return undefined;
}

function expectContract(text: string, file: string, level: 'robust' | 'strict'): void {
  const breach = contractBreach(attempt(text, file), file, level);
  if (breach !== undefined) {
    throw new Error(`${breach}\n--- input (first 500 chars) ---\n${text.slice(0, 500)}`);
  }
}

// ---------------------------------------------------------------- valid configs as data

const idArb = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);
const envNameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
// Any text a process can take: a NUL byte is a config error (it cannot reach argv or env).
const textArb = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('yes', 'no', 'null', '~', '1', '0x10', '.nan', '- x', '#x', '*a'),
    },
  )
  .filter((text) => !text.includes('\0'));
const envMapArb = fc.dictionary(
  envNameArb,
  fc.oneof(textArb, fc.integer(), fc.boolean(), fc.constant('')),
  { maxKeys: 2 },
);
const relativeDirArb = fc.oneof(
  fc.constantFrom('.', './', 'apps/api', 'a/../b', './x/y/', 'packages\\shared'),
  fc
    .array(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('/')),
);
const minutesArb = fc.oneof(
  fc.integer({ min: 1, max: 1440 }),
  fc.double({ min: 0.01, max: 1440, noNaN: true, noDefaultInfinity: true }),
);
const shellArb = fc.constantFrom('bash -e -c', 'sh -c', 'pwsh -Command', '  zsh  -c ');

const whenArb = fc.record(
  {
    events: fc.array(fc.constantFrom('push', 'pull_request', 'workflow_dispatch'), {
      minLength: 1,
      maxLength: 3,
    }),
    // At least one positive pattern: a list of only `!` patterns is refused (it matches nothing).
    branches: fc
      .tuple(
        fc.constantFrom('main', 'release/*', 'feature/**', 'v[0-9].[0-9]+'),
        fc.array(fc.constantFrom('main', 'release/*', 'feature/**', '!wip'), { maxLength: 2 }),
      )
      .map(([first, rest]) => [first, ...rest]),
  },
  { requiredKeys: [] },
);

const httpArb = fc.record(
  {
    url: fc.constantFrom(
      'https://api.example.com/health',
      'http://127.0.0.1:8080/ready',
      'https://${HOST}/health?t=${TOKEN}',
    ),
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    headers: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,15}$/), textArb, {
      maxKeys: 3,
    }),
    body: textArb,
    expect: fc.record(
      {
        status: fc.array(fc.integer({ min: 100, max: 599 }), { minLength: 1, maxLength: 3 }),
        'body-contains': textArb,
        json: fc.dictionary(
          fc.stringMatching(/^[a-z][a-z.]{0,10}$/),
          fc.oneof(textArb, fc.integer(), fc.boolean()),
          { maxKeys: 3 },
        ),
        'max-latency-ms': fc.integer({ min: 1, max: 60_000 }),
      },
      { requiredKeys: [] },
    ),
    'timeout-seconds': fc.integer({ min: 1, max: 3600 }),
    'interval-seconds': fc.integer({ min: 0, max: 3600 }),
    attempts: fc.integer({ min: 1, max: 1000 }),
    'success-threshold': fc.integer({ min: 1, max: 100 }),
    'initial-delay-seconds': fc.integer({ min: 0, max: 3600 }),
    'follow-redirects': fc.boolean(),
    'insecure-tls': fc.boolean(),
  },
  { requiredKeys: ['url'] },
);

const kindArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ run: textArb }) },
  { weight: 2, arbitrary: fc.record({ http: httpArb }) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        uses: fc.constant(ANY_CHECK),
        with: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 3,
        }),
      },
      { requiredKeys: ['uses'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        uses: fc.constant(STRICT_CHECK),
        with: fc.record(
          { url: textArb, attempts: fc.integer({ min: 1, max: 10 }) },
          { requiredKeys: ['url'] },
        ),
      },
      { requiredKeys: ['uses', 'with'] },
    ),
  },
);

const gateArb = fc
  .tuple(
    fc.record(
      {
        id: idArb,
        name: textArb,
        stage: fc.constantFrom(...STAGES),
        priority: fc.constantFrom(...PRIORITIES),
        shell: shellArb,
        'working-directory': relativeDirArb,
        'timeout-minutes': minutesArb,
        retries: fc.integer({ min: 0, max: 10 }),
        env: envMapArb,
        when: whenArb,
      },
      { requiredKeys: ['id', 'stage', 'priority'] },
    ),
    kindArb,
  )
  .map(([gate, kind]) => ({ ...gate, ...kind }));

const hookArb = fc.record(
  {
    name: textArb,
    run: textArb,
    shell: shellArb,
    'working-directory': relativeDirArb,
    'timeout-minutes': minutesArb,
    env: envMapArb,
  },
  { requiredKeys: ['run'] },
);

const configArb = fc.record(
  {
    version: fc.constant(1),
    policy: fc.record(
      {
        P0: fc.constantFrom(...POLICY_ACTIONS),
        P1: fc.constantFrom(...POLICY_ACTIONS),
        P2: fc.constantFrom(...POLICY_ACTIONS),
        P3: fc.constantFrom(...POLICY_ACTIONS),
      },
      { requiredKeys: [] },
    ),
    concurrency: fc.integer({ min: 1, max: 256 }),
    defaults: fc.record(
      {
        'timeout-minutes': minutesArb,
        'working-directory': relativeDirArb,
        shell: shellArb,
        env: envMapArb,
      },
      { requiredKeys: [] },
    ),
    redact: fc.array(envNameArb, { maxLength: 3 }),
    gates: fc.uniqueArray(gateArb, { minLength: 1, maxLength: 4, selector: (g) => g.id }),
    rollback: fc.array(hookArb, { maxLength: 1 }),
    cleanup: fc.array(hookArb, { maxLength: 1 }),
  },
  { requiredKeys: ['version', 'gates'] },
);

// ---------------------------------------------------------------- mutations

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every position in a value: the root, each key's value and each item. */
function positions(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...positions(item, [...at, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push(...positions(item, [...at, key]));
  }
  return out;
}

function containerAt(root: any, path: Path): { parent: any; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let parent = root;
  for (const key of path.slice(0, -1)) parent = parent[key];
  return { parent, key: path[path.length - 1]! };
}

const BAD_ENUMS = ['P5', 'p1', 'Lint', 'tests', 'ABORT', 'warning', 'get', '', ' P1', 'P1 '];
const ODD_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1.5,
  257,
  1441,
  1e308,
  -1e308,
  2 ** 53 + 1,
  3601,
  1001,
  NaN,
  Infinity,
  -Infinity,
];
/** YAML spellings whose meaning is not what a reader may think, or that need a tag. */
const YAML_VALUES = [
  '.nan',
  '.NaN',
  '.inf',
  '-.inf',
  '~',
  'null',
  'Null',
  '',
  'yes',
  'off',
  '0x1F',
  '0o17',
  '1e3',
  '+1',
  '1_000',
  '2001-12-14t21:59:43.10-05:00',
  '!!binary aGVsbG8gd29ybGQ=',
  '!!str 1',
  '!!int "1"',
  '!!int x',
  '!!float abc',
  '!!bool maybe',
  '!!null x',
  '!!map {a: 1}',
  '!!seq [1]',
  '!!set {a, b}',
  '!!omap [a: 1, b: 2]',
  '!!pairs [a: 1, a: 2]',
  '!!timestamp 2001-12-14',
  '!custom x',
  '!<tag:example.com,2000:x> y',
  '*undefined_alias',
  '*anchored',
  '&dangling x',
  '"\\u0000\\x07\\e"',
  "'it''s'",
  '|\n  block text',
  '>-\n  folded',
  '{a: [b, {c: d}]}',
  '[1, [2, [3, [4]]]]',
  '{? [complex]: key}',
  '"\\uD800"',
  '@reserved',
  '`reserved',
  '%TAG',
  '- not a list',
  '? x',
];
const YAML_KEYS = [
  '1',
  '~',
  'null',
  'true',
  '.nan',
  '[a, b]',
  '{a: 1}',
  '!!binary aGVsbG8=',
  '*anchored',
  '"a\\nb"',
  '"__proto__"',
  'constructor',
  'toString',
  '"<<"',
  '""',
  '" "',
  '"\\u0000"',
  '"x".y',
];

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'unknown-key'; at: number; key: string; value: Json }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'yaml-value'; at: number; snippet: string }
  | { op: 'yaml-key'; at: number; snippet: string }
  | { op: 'duplicate-gate'; from: number }
  | { op: 'same-id'; a: number; b: number };

const deepValue = fc
  .tuple(fc.integer({ min: 20, max: 200 }), fc.boolean())
  .map(([depth, asList]) => {
    let value: Json = 'bottom';
    for (let i = 0; i < depth; i++) value = asList ? [value] : { k: value };
    return value;
  });

const swapValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(...BAD_ENUMS),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  deepValue,
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('unknown-key' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('id ', 'Stage', 'timeout_minutes', 'runs', 'on', 'y', 'x'.repeat(5000)),
      fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }),
    ),
    value: swapValue,
  }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: swapValue }),
  fc.record({
    op: fc.constant('yaml-value' as const),
    at: fc.nat(),
    snippet: fc.constantFrom(...YAML_VALUES),
  }),
  fc.record({
    op: fc.constant('yaml-key' as const),
    at: fc.nat(),
    snippet: fc.constantFrom(...YAML_KEYS),
  }),
  fc.record({ op: fc.constant('duplicate-gate' as const), from: fc.nat() }),
  fc.record({ op: fc.constant('same-id' as const), a: fc.nat(), b: fc.nat() }),
);

interface Slots {
  values: Map<string, string>;
  keys: Map<string, string>;
}

/** Applies a mutation to a deep copy's data; YAML snippets go in as placeholders. */
function applyMutation(root: { value: any }, mutation: Mutation, slots: Slots): void {
  const all = positions(root.value);
  const pick = (n: number) => all[n % all.length]!;
  const objects = all.filter((p) => {
    const v = valueAt(root.value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  switch (mutation.op) {
    case 'delete': {
      const where = containerAt(root.value, pick(mutation.at));
      if (!where) return;
      if (Array.isArray(where.parent)) where.parent.splice(Number(where.key), 1);
      else delete where.parent[where.key];
      return;
    }
    case 'unknown-key': {
      if (objects.length === 0) return;
      const target = valueAt(root.value, objects[mutation.at % objects.length]!);
      // A copy: the same generated value inserted twice could otherwise end up inside itself.
      if (target !== undefined) target[mutation.key] = structuredClone(mutation.value);
      return;
    }
    case 'replace':
    case 'yaml-value': {
      const replacement =
        mutation.op === 'replace'
          ? structuredClone(mutation.value)
          : slot(slots.values, mutation.snippet, 'rgval');
      const path = pick(mutation.at);
      const where = containerAt(root.value, path);
      if (!where) root.value = replacement;
      else where.parent[where.key] = replacement;
      return;
    }
    case 'yaml-key': {
      if (objects.length === 0) return;
      const target = valueAt(root.value, objects[mutation.at % objects.length]!);
      if (target !== undefined) target[slot(slots.keys, mutation.snippet, 'rgkey')] = 'v';
      return;
    }
    case 'duplicate-gate':
    case 'same-id': {
      const gates = root.value?.gates;
      if (!Array.isArray(gates) || gates.length === 0) return;
      if (mutation.op === 'duplicate-gate') {
        gates.push(structuredClone(gates[mutation.from % gates.length]));
      } else {
        const a = gates[mutation.a % gates.length];
        const b = gates[mutation.b % gates.length];
        if (isObject(a) && isObject(b)) b.id = a.id;
      }
      return;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: any, path: Path): any {
  let value = root;
  for (const key of path) value = value?.[key];
  return value;
}

/** A placeholder no generated text contains, and none a prefix of another. */
function slot(map: Map<string, string>, snippet: string, prefix: string): string {
  const name = `${prefix}${map.size}q`;
  map.set(name, snippet);
  return name;
}

/**
 * Writes data as YAML, block or flow style, with each placeholder replaced by its snippet.
 * Hand-written because the yaml library's stringify costs more than the parse under test:
 * strings are double-quoted (JSON escapes are YAML escapes) unless plainly safe.
 */
function toYaml(value: unknown, slots: Slots, flow: boolean): string {
  const scalar = (item: unknown, indent: number, asKey: boolean): string => {
    if (typeof item === 'string') {
      const snippet = (asKey ? slots.keys : slots.values).get(item);
      if (snippet !== undefined) {
        if (!snippet.includes('\n')) return snippet;
        // A block scalar needs its own lines; in flow style only its first line fits.
        return flow
          ? snippet.split('\n')[0]!
          : snippet.replace(/\n/g, `\n${' '.repeat(indent + 2)}`);
      }
      const plain =
        /^[A-Za-z_][A-Za-z0-9_/.-]*$/.test(item) && !/^(?:null|true|false)$/i.test(item);
      return plain ? item : JSON.stringify(item);
    }
    if (typeof item === 'number') {
      if (Number.isNaN(item)) return '.nan';
      if (item === Infinity) return '.inf';
      if (item === -Infinity) return '-.inf';
      return Object.is(item, -0) ? '-0' : String(item);
    }
    if (item === null || item === undefined) return 'null';
    return String(item);
  };
  const isEmpty = (item: unknown) =>
    item === null ||
    typeof item !== 'object' ||
    (Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0);
  const inline = (item: unknown, indent: number): string => {
    if (Array.isArray(item)) return `[${item.map((v) => inline(v, indent)).join(', ')}]`;
    if (item !== null && typeof item === 'object') {
      const pairs = Object.entries(item).map(
        ([k, v]) => `${scalar(k, indent, true)}: ${inline(v, indent)}`,
      );
      return `{${pairs.join(', ')}}`;
    }
    return scalar(item, indent, false);
  };
  const block = (item: unknown, indent: number): string => {
    const pad = ' '.repeat(indent);
    const entries: [string, unknown][] = Array.isArray(item)
      ? item.map((v) => ['-', v])
      : Object.entries(item as object).map(([k, v]) => [`${scalar(k, indent, true)}:`, v]);
    return entries
      .map(([lead, v]) =>
        isEmpty(v)
          ? `${pad}${lead} ${inline(v, indent)}\n`
          : `${pad}${lead}\n${block(v, indent + 2)}`,
      )
      .join('');
  };
  if (flow || isEmpty(value)) return `${inline(value, 0)}\n`;
  return block(value, 0);
}

const NO_SLOTS: Slots = { values: new Map(), keys: new Map() };

const ANCHOR_PRELUDES = [
  '',
  'x-shared: &anchored { stage: lint, priority: P1 }\n',
  'x-bomb-a: &ba [x, x, x, x, x, x, x, x, x, x]\nx-bomb-b: &bb [*ba, *ba, *ba, *ba, *ba, *ba, *ba, *ba, *ba, *ba]\nx-bomb-c: [*bb, *bb, *bb, *bb, *bb, *bb, *bb, *bb, *bb, *bb]\n',
  '%YAML 1.1\n---\n',
  '%TAG !e! tag:example.com,2000:\n---\n',
  '---\n',
  '\ufeff',
];

/** Text edits on the YAML itself: cut, insert, duplicate lines, break indentation. */
type TextEdit = { at: number; cut: number; insert: string };
const textEditArb: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.constantFrom('', ':', '- ', '\n', '\n  ', '\t', '"', "'", '{', ']', '&a ', '*a', '!!', '#'),
    fc.string({ maxLength: 6, unit: 'binary' }),
  ),
});

function applyTextEdit(text: string, edit: TextEdit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  return text.slice(0, at) + edit.insert + text.slice(at + edit.cut);
}

const mutatedTextArb = fc
  .record({
    config: configArb,
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
    prelude: fc.constantFrom(...ANCHOR_PRELUDES),
    flow: fc.boolean(),
    edits: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as TextEdit[]) },
      { weight: 1, arbitrary: fc.array(textEditArb, { minLength: 1, maxLength: 3 }) },
    ),
    file: fc.constantFrom(...FILES),
  })
  .map(({ config, mutations, prelude, flow, edits, file }) => {
    const slots: Slots = { values: new Map(), keys: new Map() };
    const root = { value: structuredClone(config) as any };
    for (const mutation of mutations) applyMutation(root, mutation, slots);
    let text = prelude + toYaml(root.value, slots, flow);
    for (const edit of edits) text = applyTextEdit(text, edit);
    return { text, file };
  });

// ---------------------------------------------------------------- properties

describe('parseConfig under fuzzing', () => {
  it('accepts every valid config the arbitraries build, keeping ids, stages and priorities', () => {
    fc.assert(
      fc.property(configArb, fc.nat(2), fc.constantFrom(...FILES), (config, style, file) => {
        // The yaml library's own writer too: its quoting choices are what users copy.
        const text =
          style === 2 ? stringify(config, { lineWidth: 0 }) : toYaml(config, NO_SLOTS, style === 1);
        const outcome = attempt(text, file);
        if (outcome.kind === 'error') {
          throw new Error(
            `rejected a valid config: ${String((outcome.error as Error).message)}\n${text}`,
          );
        }
        expect(validConfigBreach(outcome.config, file)).toBeUndefined();
        expect(outcome.config.gates.map((g) => [g.id, g.stage, g.priority])).toEqual(
          config.gates.map((g) => [g.id, g.stage, g.priority]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('mutated configs: a config or a ConfigurationError, never a crash, stack trace or hang', () => {
    fc.assert(
      fc.property(mutatedTextArb, ({ text, file }) => expectContract(text, file, 'robust')),
      { numRuns: 2000 },
    );
  });

  it('mutated configs: every problem is one line naming the file and a field path or line:col', () => {
    fc.assert(
      fc.property(mutatedTextArb, ({ text, file }) => expectContract(text, file, 'strict')),
      { numRuns: 500 },
    );
  });

  it('a bad enum names its field path and the allowed values (the SPEC example)', () => {
    const FIELDS = {
      stage: `one of ${STAGES.join(', ')}`,
      priority: 'one of P0, P1, P2, P3',
    } as const;
    fc.assert(
      fc.property(
        configArb,
        fc.nat(),
        fc.constantFrom('stage', 'priority'),
        fc.constantFrom(...BAD_ENUMS.filter((v) => v !== '')),
        (config, n, field, bad) => {
          const gates = structuredClone(config.gates) as Record<string, unknown>[];
          const index = n % gates.length;
          gates[index]![field] = bad;
          const file = FILES[0]!;
          const outcome = attempt(toYaml({ ...config, gates }, NO_SLOTS, false), file);
          expect(outcome.kind).toBe('error');
          const problems = (outcome as { error: ConfigurationError }).error.problems;
          expect(problems).toContain(
            `${file}: gates[${index}].${field}: expected ${FIELDS[field]}, got ${JSON.stringify(bad)}`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an unknown key is reported at its own path, whatever object it is added to', () => {
    fc.assert(
      fc.property(configArb, fc.nat(), (config, n) => {
        const copy = structuredClone(config) as any;
        const objects = positions(copy).filter((p) => {
          const v = valueAt(copy, p);
          // `with` and the maps (env, headers, json) take any key by design.
          return (
            isObject(v) && !p.some((k) => ['with', 'env', 'headers', 'json'].includes(String(k)))
          );
        });
        const path = objects[n % objects.length]!;
        valueAt(copy, path)['unexpected-key'] = 1;
        const outcome = attempt(toYaml(copy, NO_SLOTS, false), FILES[0]!);
        expect(outcome.kind).toBe('error');
        const shown = path
          .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
          .join('')
          .replace(/^\./, '');
        const where = shown === '' ? 'unexpected-key' : `${shown}.unexpected-key`;
        expect((outcome as { error: ConfigurationError }).error.problems).toContain(
          `${FILES[0]}: ${where}: unknown key "unexpected-key"`,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('duplicate ids are reported at the later gate, naming the first', () => {
    fc.assert(
      fc.property(configArb, fc.nat(), (config, n) => {
        const gates = [...config.gates];
        const first = n % gates.length;
        gates.push({ ...gates[first]! });
        const outcome = attempt(toYaml({ ...config, gates }, NO_SLOTS, true), FILES[0]!);
        expect(outcome.kind).toBe('error');
        expect((outcome as { error: ConfigurationError }).error.problems).toContain(
          `${FILES[0]}: gates[${gates.length - 1}].id: duplicate id "${gates[first]!.id}" (first used by gates[${first}])`,
        );
      }),
      { numRuns: 100 },
    );
  });

  const yamlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'version: 1\n',
          'gates:\n',
          '  - ',
          'id: a\n',
          'stage: lint\n',
          'priority: P1\n',
          'run: x\n',
          ': ',
          '- ',
          '? ',
          '&a ',
          '*a ',
          '!!str ',
          '|\n',
          '>\n',
          '"',
          "'",
          '{',
          '}',
          '[',
          ']',
          ',',
          '#',
          '\t',
          '\n',
          '  ',
          '---\n',
          '...\n',
          '%YAML 1.2\n',
          '<<: *a\n',
        ),
        fc.string({ maxLength: 10, unit: 'binary' }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));
  const rawTextArb = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ maxLength: 400, unit: 'binary' }),
    fc.string({ maxLength: 400, unit: 'grapheme' }),
    yamlish,
  );
  /** Random bytes decoded as UTF-8 (invalid sequences become U+FFFD) or as latin1. */
  const bytesTextArb = fc
    .tuple(fc.uint8Array({ maxLength: 600 }), fc.boolean(), fc.boolean())
    .map(([bytes, utf8, insideGate]) => {
      const text = Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1');
      return insideGate ? `version: 1\ngates:\n  - ${text}\n` : text;
    });

  describe.each(['robust', 'strict'] as const)('%s', (level) => {
    it('raw random strings as the YAML text', () => {
      fc.assert(
        fc.property(rawTextArb, fc.constantFrom(...FILES), (text, file) =>
          expectContract(text, file, level),
        ),
        { numRuns: 1000 },
      );
    });

    it('random bytes as the YAML text', () => {
      fc.assert(
        fc.property(bytesTextArb, fc.constantFrom(...FILES), (text, file) =>
          expectContract(text, file, level),
        ),
        { numRuns: 1000 },
      );
    });
  });
});

describe('parseConfig: edge cases the fuzzers found or aim at', () => {
  const FILE = FILES[0]!;
  const BASE = 'version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x }\n';
  const problems = (text: string): readonly string[] => {
    const outcome = attempt(text, FILE);
    if (outcome.kind === 'config') throw new Error('expected a ConfigurationError');
    expect(outcome.error).toBeInstanceOf(ConfigurationError);
    return (outcome.error as ConfigurationError).problems;
  };

  it.each([
    ['an unresolved alias', `${BASE}x: *nowhere\n`],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
        `c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n${BASE}`,
    ],
    ['20,000 nested flow lists', `version: 1\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    ['a key with a newline', `${BASE}"a\\nb": 1\n`],
    [
      'a duplicate id with a newline',
      'version: 1\ngates:\n' + '  - { id: "a\\nb", stage: lint, priority: P1, run: x }\n'.repeat(2),
    ],
    ['a key with a carriage return', `${BASE}"a\\rb": 1\n`],
    [
      'a uses: with a newline',
      'version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, uses: "x\\ny" }\n',
    ],
    [
      'a gate key with U+2028',
      'version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x, "x\\u2028y": 1 }\n',
    ],
    ['an unknown tag', 'version: 1\ngates: !nope x\n'],
    ['a !!binary gates list', 'version: 1\ngates: !!binary aGVsbG8=\n'],
    ['.nan everywhere', 'version: .nan\nconcurrency: .nan\ngates: ~\n'],
  ])('%s: one well-formed line per problem', (_label, text) => {
    for (const problem of problems(text)) {
      expect({
        problem,
        ok: problemShape(FILE).test(problem) && !/[\r\n\u2028\u2029]/.test(problem),
      }).toEqual({
        problem,
        ok: true,
      });
    }
  });

  it.each([
    ['an unknown key', `${BASE}? ${'k'.repeat(200_000)}\n: 1\n`],
    ['a duplicate key', `${BASE}? ${'k'.repeat(200_000)}\n: 1\n? ${'k'.repeat(200_000)}\n: 2\n`],
    [
      'a duplicate id',
      `version: 1\ngates:\n${`  - { id: ${'i'.repeat(200_000)}, stage: lint, priority: P1, run: x }\n`.repeat(2)}`,
    ],
    [
      'an unknown env name',
      `version: 1\ndefaults: { env: { "${'-'.repeat(200_000)}": x } }\n${BASE.slice(11)}`,
    ],
  ])('%s 200,000 characters long: problems stay short', (_label, text) => {
    // How long these take is for npm run bench (parseConfig on 200,000-character names).
    const list = problems(text);
    for (const problem of list) expect(problem.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS);
  });
});
