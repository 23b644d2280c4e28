import { describe, expect, it } from '@jest/globals';
import AjvModule from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { USAGE } from '../../src/cli/args.js';
import { BUILTIN_CATALOGUE } from '../../src/engine/checks/builtin.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import {
  configJsonSchema,
  presetJsonSchema,
  SCHEMA_BASE_URL,
  waiversJsonSchema,
} from '../../src/engine/config/json-schema.js';
import { parseConfig } from '../../src/engine/config/parse.js';
import {
  DEFAULT_POLICY,
  DEFAULT_SHELL,
  DEFAULT_TIMEOUT_MINUTES,
} from '../../src/engine/config/types.js';
import { presetNames } from '../../src/engine/presets/index.js';
import { PROBE_DEFAULTS } from '../../src/engine/runners/http-probe.js';

/*
 * The editor schemas in schema/ (draft-07): current, valid in ajv's strict mode, documented
 * field by field, and in agreement with the parser on every config this repository ships.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const catalogue = { checks: BUILTIN_CATALOGUE.ids(), presets: presetNames() };

type Schema = Record<string, unknown>;
const SCHEMAS: [file: string, generated: Schema][] = [
  ['release-gates.schema.json', configJsonSchema(catalogue)],
  ['preset.schema.json', presetJsonSchema(catalogue)],
  ['waivers.schema.json', waiversJsonSchema()],
];
const committed = (file: string) => JSON.parse(read(`schema/${file}`)) as Schema;

// A CommonJS module: its class is the default export's `default`.
const Ajv = AjvModule.default;
/** ajv in strict mode; markdownDescription is the one keyword outside draft-07. */
function strictAjv() {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addKeyword('markdownDescription');
  for (const [file] of SCHEMAS) ajv.addSchema(committed(file));
  return ajv;
}
const ajv = strictAjv();
const validator = (file: string, pointer = '') => {
  const validate = ajv.getSchema(`${SCHEMA_BASE_URL}${file}#${pointer}`);
  if (!validate) throw new Error(`no schema ${file}#${pointer}`);
  return (data: unknown) => {
    const ok = validate(data) as boolean;
    return { ok, errors: ajv.errorsText(validate.errors) };
  };
};
const validConfig = validator('release-gates.schema.json');
const validPreset = validator('preset.schema.json');
const validGate = validator('release-gates.schema.json', '/properties/gates/items');
const validWaivers = validator('waivers.schema.json');

/** Every subschema with the path of the field it describes. */
function* fields(node: Schema, at = ''): Generator<[string, Schema]> {
  const properties = (node.properties ?? {}) as Record<string, Schema>;
  for (const [key, child] of Object.entries(properties)) {
    const next = at ? `${at}.${key}` : key;
    yield [next, child];
    yield* fields(child, next);
  }
  if (typeof node.items === 'object') yield* fields(node.items as Schema, `${at}[]`);
  const values = node.additionalProperties;
  if (typeof values === 'object' && values !== null) yield* fields(values as Schema, `${at}.*`);
}

describe('schema/*.schema.json', () => {
  it.each(SCHEMAS)('%s is the schema generated from the zod schema', (file, generated) => {
    expect(committed(file)).toEqual(generated);
    expect(read(`schema/${file}`)).toBe(`${JSON.stringify(generated, null, 2)}\n`);
  });

  it.each(SCHEMAS)('%s is draft-07 and compiles in ajv strict mode', (file) => {
    const schema = committed(file);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() =>
      new Ajv({ strict: true }).addKeyword('markdownDescription').compile(schema),
    ).not.toThrow();
    // Without declaring it, strict mode names the one extra keyword and nothing else.
    expect(() => new Ajv({ strict: true }).compile(schema)).toThrow(
      /unknown keyword: "markdownDescription"/,
    );
  });

  it.each(SCHEMAS)('%s has a $id that is the raw URL of the file', (file) => {
    expect(committed(file).$id).toBe(
      `https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/${file}`,
    );
  });

  it.each(SCHEMAS)('%s: every property has a description and a markdownDescription', (file) => {
    const undocumented = [...fields(committed(file))]
      .filter(([at]) => !at.endsWith('.*') && !at.endsWith('[]'))
      .filter(([, node]) => typeof node.description !== 'string' || !node.markdownDescription)
      .map(([at]) => at);
    expect(undocumented).toEqual([]);
  });

  it.each(SCHEMAS)('%s: every default and example is valid where it stands', (file) => {
    const problems: string[] = [];
    const local = new Ajv({ strict: true }).addKeyword('markdownDescription');
    for (const [at, node] of fields(committed(file))) {
      const { description, markdownDescription, default: value, examples, ...rest } = node;
      void description;
      void markdownDescription;
      const check = local.compile(rest);
      const samples = [...(value === undefined ? [] : [value]), ...((examples as []) ?? [])];
      for (const sample of samples) {
        if (!check(sample)) problems.push(`${at}: ${JSON.stringify(sample)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the config schema', () => {
  const schema = committed('release-gates.schema.json') as {
    properties: Record<string, Schema> & {
      gates: { items: { properties: Record<string, Schema>; oneOf: unknown[] } };
      extends: { items: { enum: string[] } };
    };
  };
  const gate = schema.properties.gates.items;

  it('has examples for run, http, uses and when', () => {
    for (const key of ['run', 'http', 'uses', 'when']) {
      expect((gate.properties[key]!.examples as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it("has the code's defaults", () => {
    const policy = schema.properties.policy!.properties as Record<string, Schema>;
    for (const [priority, action] of Object.entries(DEFAULT_POLICY)) {
      expect(policy[priority]!.default).toBe(action);
    }
    const defaults = schema.properties.defaults!.properties as Record<string, Schema>;
    for (const scope of [defaults, gate.properties]) {
      expect(scope['timeout-minutes']!.default).toBe(DEFAULT_TIMEOUT_MINUTES);
      expect(scope.shell!.default).toBe(DEFAULT_SHELL.join(' '));
      expect(scope['working-directory']!.default).toBe('.');
    }
    expect(gate.properties.retries!.default).toBe(0);
    const http = gate.properties.http!.properties as Record<string, Schema>;
    expect({
      method: http.method!.default,
      timeoutSeconds: http['timeout-seconds']!.default,
      intervalSeconds: http['interval-seconds']!.default,
      attempts: http.attempts!.default,
      successThreshold: http['success-threshold']!.default,
      initialDelaySeconds: http['initial-delay-seconds']!.default,
    }).toEqual({
      method: PROBE_DEFAULTS.method,
      timeoutSeconds: PROBE_DEFAULTS.timeoutSeconds,
      intervalSeconds: PROBE_DEFAULTS.intervalSeconds,
      attempts: PROBE_DEFAULTS.attempts,
      successThreshold: PROBE_DEFAULTS.successThreshold,
      initialDelaySeconds: PROBE_DEFAULTS.initialDelaySeconds,
    });
  });

  it('lists the check catalogue for uses and the presets for extends', () => {
    expect(gate.properties.uses!.enum).toEqual(BUILTIN_CATALOGUE.ids());
    expect(schema.properties.extends.items.enum).toEqual(presetNames());
  });

  const base = { id: 'g', stage: 'lint', priority: 'P1' };
  it.each<[string, Schema, boolean]>([
    ['run', { ...base, run: 'true' }, true],
    ['http', { ...base, http: { url: 'https://x.test/health' } }, true],
    ['uses', { ...base, uses: 'secrets' }, true],
    ['no kind', base, false],
    ['run and http', { ...base, run: 'true', http: { url: 'https://x.test/' } }, false],
    ['run and uses', { ...base, run: 'true', uses: 'secrets' }, false],
    ['an unknown check', { ...base, uses: 'no-such-check' }, false],
    ['an unknown key', { ...base, run: 'true', colour: 'blue' }, false],
    ['a priority P5', { ...base, priority: 'P5', run: 'true' }, false],
  ])('a gate with %s: valid %p', (_name, data, valid) => {
    expect(validGate(data).ok).toBe(valid);
  });

  it('refuses an unknown preset, and a config with neither gates nor extends', () => {
    expect(validConfig({ version: 1, extends: ['coffeestudio'] }).ok).toBe(true);
    expect(validConfig({ version: 1, extends: ['no-such-preset'] }).ok).toBe(false);
    expect(validConfig({ version: 1 }).ok).toBe(false);
  });
});

/** Whether the parser accepts a config: the schema must agree on every config that it does. */
function parserAccepts(text: string, file: string): boolean {
  try {
    parseConfig(text, file, { checks: BUILTIN_CATALOGUE });
    return true;
  } catch (error) {
    if (error instanceof ConfigurationError) return false;
    throw error;
  }
}

const configFiles = [
  ...readdirSync(path.join(root, 'examples')).map((dir) => `examples/${dir}`),
  ...readdirSync(path.join(root, '__tests__/fixtures')).map((dir) => `__tests__/fixtures/${dir}`),
]
  .map((dir) => `${dir}/.github/release-gates.yml`)
  .filter((file) => {
    try {
      read(file);
      return true;
    } catch {
      return false;
    }
  });

describe('every config, preset and README snippet validates', () => {
  it('finds the examples and fixtures', () => {
    expect(configFiles).toContain('examples/coffeestudio/.github/release-gates.yml');
    expect(configFiles.length).toBeGreaterThan(20);
  });

  it.each(configFiles)('%s (when the parser accepts it)', (file) => {
    const text = read(file);
    if (!parserAccepts(text, file)) return;
    expect(validConfig(parse(text)).errors).toBe('No errors');
  });

  it('the invalid-config fixture is refused by the schema too', () => {
    const file = '__tests__/fixtures/invalid-config/.github/release-gates.yml';
    expect(parserAccepts(read(file), file)).toBe(false);
    expect(validConfig(parse(read(file))).ok).toBe(false);
  });

  const presets = readdirSync(path.join(root, 'checks/presets')).filter((f) => f.endsWith('.yml'));
  it.each(presets)('checks/presets/%s', (file) => {
    expect(validPreset(parse(read(`checks/presets/${file}`))).errors).toBe('No errors');
  });

  /** The YAML blocks of README.md that are a config (or its gates), with their line. */
  const snippets = [...read('README.md').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match) => ({
    line: read('README.md').slice(0, match.index).split('\n').length,
    data: parse(match[1]!) as unknown,
  }));
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const configs = snippets.filter(
    ({ data }) => isRecord(data) && ('version' in data || 'gates' in data),
  );
  const gateLists = snippets.filter(
    ({ data }) =>
      Array.isArray(data) && data.every((g) => isRecord(g) && 'id' in g && 'stage' in g),
  );

  it('finds the README configs and gate lists', () => {
    expect(configs.length).toBeGreaterThanOrEqual(2);
    expect(gateLists.length).toBeGreaterThanOrEqual(1);
  });

  it.each(configs.map((s) => [s.line, s.data]))(
    'the config at README.md:%d (a fragment without version gets version: 1)',
    (_line, data) => {
      expect(validConfig({ version: 1, ...(data as object) }).errors).toBe('No errors');
    },
  );

  it.each(gateLists.map((s) => [s.line, s.data]))('the gates at README.md:%d', (_line, data) => {
    for (const gate of data as unknown[]) expect(validGate(gate).errors).toBe('No errors');
  });
});

describe('the waivers file schema', () => {
  // SPEC section 10's example, as a file of its own.
  const spec = `waivers:
  - gate: api-audit
    finding: { rule: pip-audit/GHSA-xxxx, file: apps/api/requirements.txt }
    reason: "No fixed release yet; not reachable from our code paths"
    owner: "@coffeestudio/backend"
    expires: 2027-01-31
    issue: "#142"
`;

  it('accepts the SPEC example', () => {
    expect(validWaivers(parse(spec)).errors).toBe('No errors');
  });

  it.each<[string, string, string]>([
    [
      'a short reason',
      'reason: "No fixed release yet; not reachable from our code paths"',
      'reason: too short',
    ],
    ['no owner', '    owner: "@coffeestudio/backend"\n', ''],
    ['a date that is not ISO', 'expires: 2027-01-31', 'expires: 31.01.2027'],
    ['an unknown key', 'issue: "#142"', 'ticket: "#142"'],
  ])('refuses %s', (_name, from, to) => {
    expect(validWaivers(parse(spec.replace(from, to))).ok).toBe(false);
  });
});

describe('the CLI', () => {
  it('README.md shows the usage text of release-gates --help', () => {
    expect(read('README.md')).toContain(`\`\`\`text\n${USAGE}\n\`\`\``);
  });
});
