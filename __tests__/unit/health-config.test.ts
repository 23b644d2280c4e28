import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { healthConfig, type HealthInputs } from '../../src/app/health-config.js';
import { ConfigurationError, isConfigurationError } from '../../src/engine/config/errors.js';
import { parseConfig } from '../../src/engine/config/parse.js';

/*
 * src/app/health-config.ts: the inputs of the checks/health composite action (RG_* variables)
 * turned into a release-gates config. The composite action itself, bundled, is run in
 * __tests__/e2e/health-action.test.ts.
 */

const URL_A = 'https://api.coffeestudio.example/health';
const URL_B = 'https://coffeestudio.example/';

interface Step {
  id: string;
  env?: Record<string, string>;
}
const action = parse(
  readFileSync(new URL('../../checks/health/action.yml', import.meta.url), 'utf8'),
) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Step[] };
};

/** The mistakes healthConfig reports for these inputs. */
function problems(env: HealthInputs): readonly string[] {
  try {
    healthConfig(env);
  } catch (error) {
    if (isConfigurationError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** The `http:` block of the only gate. */
const probe = (env: HealthInputs) => healthConfig({ RG_URLS: URL_A, ...env }).gates[0]!.http;

describe('healthConfig: urls', () => {
  it('makes one P0 health gate named after its URL, and nothing else', () => {
    expect(healthConfig({ RG_URLS: URL_A })).toEqual({
      version: 1,
      gates: [
        {
          id: 'health',
          name: `health ${URL_A}`,
          stage: 'health',
          priority: 'P0',
          http: { url: URL_A, expect: {} },
        },
      ],
    });
  });

  it('makes one gate per URL, comma or newline separated, numbered from 1', () => {
    const config = healthConfig({ RG_URLS: ` ${URL_A} ,\n\n${URL_B}\n,http://127.0.0.1:8080/ ` });
    expect(config.gates.map((gate) => [gate.id, gate.name, gate.http.url])).toEqual([
      ['health-1', `health ${URL_A}`, URL_A],
      ['health-2', `health ${URL_B}`, URL_B],
      ['health-3', 'health http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
    ]);
  });

  it('keeps ${NAME} for the engine to replace when the probe runs', () => {
    expect(probe({ RG_URLS: 'https://${API_HOST}/health' }).url).toBe('https://${API_HOST}/health');
  });

  it('gives every gate the same probe, each its own copy', () => {
    const config = healthConfig({ RG_URLS: `${URL_A}\n${URL_B}`, RG_JSON: 'status=ok' });
    const [first, second] = config.gates;
    expect(first!.http).toEqual({ ...second!.http, url: URL_A });
    first!.http.expect.json!.status = 'changed';
    expect(second!.http.expect.json).toEqual({ status: 'ok' });
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['only separators and spaces', ' , \n ,'],
  ])('is required: %s is a mistake', (_, urls) => {
    expect(problems({ RG_URLS: urls })).toEqual(['input urls: expected at least one URL']);
  });
});

describe('healthConfig: expectations', () => {
  it('expect-status: codes, comma or newline separated', () => {
    expect(probe({ RG_EXPECT_STATUS: '200, 204\n301' }).expect).toEqual({
      status: [200, 204, 301],
    });
    expect(probe({ RG_EXPECT_STATUS: ' , ' }).expect).toEqual({});
    expect(problems({ RG_URLS: URL_A, RG_EXPECT_STATUS: '200,2xx' })).toEqual([
      'input expect-status: expected a number, got "2xx"',
    ]);
  });

  it('body-contains: the text as given, spaces included', () => {
    expect(probe({ RG_BODY_CONTAINS: ' CoffeeStudio ' }).expect).toEqual({
      'body-contains': ' CoffeeStudio ',
    });
    expect(probe({ RG_BODY_CONTAINS: '' }).expect).toEqual({});
  });

  it('json: one path=value per line, trimmed, split at the first =', () => {
    const json = 'status=ok\n  version = ${GITHUB_SHA}  \n\nchecks.db=up=1\nitems.0.id=';
    expect(probe({ RG_JSON: json }).expect).toEqual({
      json: { status: 'ok', version: '${GITHUB_SHA}', 'checks.db': 'up=1', 'items.0.id': '' },
    });
    expect(probe({ RG_JSON: ' \n ' }).expect).toEqual({});
  });

  it.each(['status', '=ok', ' = ok'])('json: %j is not a path=value line', (line) => {
    expect(problems({ RG_URLS: URL_A, RG_JSON: `status=ok\n${line}` })).toEqual([
      `input json: expected path=value lines, got ${JSON.stringify(line.trim())}`,
    ]);
  });

  it('max-latency-ms: a number of milliseconds', () => {
    expect(probe({ RG_MAX_LATENCY_MS: '2000' }).expect).toEqual({ 'max-latency-ms': 2000 });
    expect(probe({ RG_MAX_LATENCY_MS: ' ' }).expect).toEqual({});
    expect(problems({ RG_URLS: URL_A, RG_MAX_LATENCY_MS: '2s' })).toEqual([
      'input max-latency-ms: expected a number, got "2s"',
    ]);
  });

  it('puts every expectation in one expect block', () => {
    const expectations = probe({
      RG_EXPECT_STATUS: '200',
      RG_BODY_CONTAINS: 'ok',
      RG_JSON: 'status=ok',
      RG_MAX_LATENCY_MS: '500',
    }).expect;
    expect(expectations).toEqual({
      status: [200],
      'body-contains': 'ok',
      json: { status: 'ok' },
      'max-latency-ms': 500,
    });
  });
});

describe('healthConfig: the probe', () => {
  const NUMBERS = [
    ['attempts', 'RG_ATTEMPTS', '3', 3],
    ['interval-seconds', 'RG_INTERVAL_SECONDS', '0.05', 0.05],
    ['timeout-seconds', 'RG_TIMEOUT_SECONDS', ' 2 ', 2],
    ['success-threshold', 'RG_SUCCESS_THRESHOLD', '2', 2],
    ['initial-delay-seconds', 'RG_INITIAL_DELAY_SECONDS', '10', 10],
  ] as const;

  it.each(NUMBERS)('%s comes from %s as a number', (key, variable, value, parsed) => {
    expect(probe({ [variable]: value })).toEqual({ url: URL_A, expect: {}, [key]: parsed });
    expect(probe({ [variable]: '' })).toEqual({ url: URL_A, expect: {} });
    expect(probe({ [variable]: '  ' })).toEqual({ url: URL_A, expect: {} });
  });

  it.each(NUMBERS.map(([key, variable]) => [key, variable] as const))(
    '%s: a value that is not a finite number is a mistake',
    (key, variable) => {
      for (const bad of ['five', '1e999', 'NaN']) {
        expect(problems({ RG_URLS: URL_A, [variable]: bad })).toEqual([
          `input ${key}: expected a number, got ${JSON.stringify(bad)}`,
        ]);
      }
    },
  );

  it.each([
    ['insecure-tls', 'RG_INSECURE_TLS'],
    ['follow-redirects', 'RG_FOLLOW_REDIRECTS'],
  ])('%s is on only for "true"', (key, variable) => {
    expect(probe({ [variable]: 'true' })).toEqual({ url: URL_A, expect: {}, [key]: true });
    for (const off of ['false', '', 'TRUE', 'yes', '1']) {
      expect(probe({ [variable]: off })).toEqual({ url: URL_A, expect: {} });
    }
  });

  it('writes the keys in a fixed order: url, expect, then the probe settings', () => {
    const env = {
      RG_FOLLOW_REDIRECTS: 'true',
      RG_INSECURE_TLS: 'true',
      RG_INITIAL_DELAY_SECONDS: '1',
      RG_SUCCESS_THRESHOLD: '1',
      RG_TIMEOUT_SECONDS: '5',
      RG_INTERVAL_SECONDS: '5',
      RG_ATTEMPTS: '12',
    };
    expect(Object.keys(probe(env))).toEqual([
      'url',
      'expect',
      'attempts',
      'interval-seconds',
      'timeout-seconds',
      'success-threshold',
      'initial-delay-seconds',
      'insecure-tls',
      'follow-redirects',
    ]);
  });
});

describe('healthConfig: priority and redact', () => {
  it('priority: P0 unless given; any value is passed on for the engine to check', () => {
    expect(healthConfig({ RG_URLS: URL_A, RG_PRIORITY: '' }).gates[0]!.priority).toBe('P0');
    const config = healthConfig({ RG_URLS: `${URL_A},${URL_B}`, RG_PRIORITY: 'P2' });
    expect(config.gates.map((gate) => gate.priority)).toEqual(['P2', 'P2']);
    expect(healthConfig({ RG_URLS: URL_A, RG_PRIORITY: 'P9' }).gates[0]!.priority).toBe('P9');
  });

  it('redact: names, comma or newline separated; left out when empty', () => {
    const config = healthConfig({ RG_URLS: URL_A, RG_REDACT: 'HEALTH_TOKEN,\n API_KEY ' });
    expect(config.redact).toEqual(['HEALTH_TOKEN', 'API_KEY']);
    expect(healthConfig({ RG_URLS: URL_A, RG_REDACT: ' , ' })).not.toHaveProperty('redact');
  });
});

describe('healthConfig: mistakes', () => {
  it('throws a ConfigurationError', () => {
    expect(() => healthConfig({})).toThrow(ConfigurationError);
    expect(() => healthConfig({})).toThrow('input urls: expected at least one URL');
  });

  it('reports every mistake at once, in the order of the inputs', () => {
    expect(
      problems({
        RG_URLS: '',
        RG_EXPECT_STATUS: 'ok',
        RG_JSON: 'status',
        RG_MAX_LATENCY_MS: 'fast',
        RG_ATTEMPTS: 'a',
        RG_INTERVAL_SECONDS: 'b',
        RG_TIMEOUT_SECONDS: 'c',
        RG_SUCCESS_THRESHOLD: 'd',
        RG_INITIAL_DELAY_SECONDS: 'e',
      }),
    ).toEqual([
      'input urls: expected at least one URL',
      'input expect-status: expected a number, got "ok"',
      'input json: expected path=value lines, got "status"',
      'input max-latency-ms: expected a number, got "fast"',
      'input attempts: expected a number, got "a"',
      'input interval-seconds: expected a number, got "b"',
      'input timeout-seconds: expected a number, got "c"',
      'input success-threshold: expected a number, got "d"',
      'input initial-delay-seconds: expected a number, got "e"',
    ]);
  });

  it('reads only the record it is given, never process.env', () => {
    process.env.RG_URLS = URL_A;
    try {
      expect(problems({})).toEqual(['input urls: expected at least one URL']);
    } finally {
      delete process.env.RG_URLS;
    }
  });
});

describe('healthConfig and checks/health/action.yml', () => {
  const configStep = action.runs.steps.find((step) => step.id === 'config')!;
  /** The env the runner gives the config step for these inputs (the rest at their defaults). */
  const stepEnv = (inputs: Record<string, string>): HealthInputs =>
    Object.fromEntries(
      Object.entries(configStep.env!).map(([name, value]) => {
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)![1]!;
        return [name, inputs[input] ?? action.inputs[input]!.default ?? ''];
      }),
    );

  it('passes every input but mode and report-dir as RG_<INPUT>', () => {
    const expected = Object.keys(action.inputs)
      .filter((input) => input !== 'mode' && input !== 'report-dir')
      .map((input) => [
        `RG_${input.toUpperCase().replaceAll('-', '_')}`,
        `\${{ inputs.${input} }}`,
      ]);
    expect(Object.entries(configStep.env!)).toEqual(expected);
  });

  it("writes the action's defaults into the probe", () => {
    expect(healthConfig(stepEnv({ urls: URL_A })).gates[0]).toEqual({
      id: 'health',
      name: `health ${URL_A}`,
      stage: 'health',
      priority: 'P0',
      http: {
        url: URL_A,
        expect: {},
        attempts: 12,
        'interval-seconds': 5,
        'timeout-seconds': 5,
        'success-threshold': 1,
        'initial-delay-seconds': 0,
      },
    });
  });

  it('is a config the engine loads as it is: JSON is YAML', () => {
    const config = healthConfig(
      stepEnv({
        urls: `${URL_A}\n${URL_B}`,
        'expect-status': '200,204',
        'body-contains': 'ok',
        json: 'status=ok\nversion=${GITHUB_SHA}',
        'max-latency-ms': '2000',
        'insecure-tls': 'true',
        'follow-redirects': 'true',
        priority: 'P1',
        redact: 'HEALTH_TOKEN',
      }),
    );
    const loaded = parseConfig(`${JSON.stringify(config, null, 2)}\n`, 'release-gates-health.yml');
    expect(loaded.redact).toEqual(['HEALTH_TOKEN']);
    expect(loaded.gates.map((gate) => [gate.id, gate.kind, gate.stage, gate.priority])).toEqual([
      ['health-1', 'http', 'health', 'P1'],
      ['health-2', 'http', 'health', 'P1'],
    ]);
    expect(loaded.gates[0]!.http).toMatchObject({
      url: URL_A,
      expect: {
        status: [200, 204],
        'body-contains': 'ok',
        json: { status: 'ok', version: '${GITHUB_SHA}' },
        'max-latency-ms': 2000,
      },
      attempts: 12,
      'insecure-tls': true,
      'follow-redirects': true,
    });
  });

  it('leaves a wrong priority to the engine, which names the field', () => {
    const config = healthConfig(stepEnv({ urls: URL_A, priority: 'P5' }));
    expect(() => parseConfig(JSON.stringify(config), 'health.yml')).toThrow(
      /health\.yml: gates\[0\]\.priority: expected one of P0, P1, P2, P3, got "P5"/,
    );
  });
});
