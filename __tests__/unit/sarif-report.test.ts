import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ToolFinding } from '../../src/engine/findings/types.js';
import { POLICY_ACTIONS } from '../../src/engine/stages.js';
import {
  artifactLocation,
  renderSarif,
  SARIF_SCHEMA_URI,
  sarifLevel,
  type SarifLog,
  type SarifResult,
} from '../../src/reporters/sarif.js';
import { failed, gate, result } from '../helpers/results.js';

/*
 * results.sarif on hand-built results, validated against the OASIS SARIF 2.1.0 schema
 * (errata01, JSON Schema draft-04) kept in __tests__/fixtures/schemas/sarif-schema-2.1.0.json.
 */

const SCHEMA_PATH = fileURLToPath(
  new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url),
);

// Both packages are CommonJS whose module.exports also carries itself as .default.
const Ajv = AjvDraft04.default;
const addFormats = addFormatsModule.default;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const validateSarif = ajv.compile(schema);

/** Validates as a consumer would see the file: serialized, then parsed. */
function expectValidSarif(log: SarifLog): any {
  const parsed = JSON.parse(JSON.stringify(log));
  const ok = validateSarif(parsed);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
  return parsed;
}

const finding = (partial: Partial<ToolFinding> & { tool: string }): ToolFinding => ({
  file: 'src/app.ts',
  line: 1,
  message: 'problem',
  ...partial,
});

const OPTIONS = { version: '1.2.3', informationUri: 'https://example.com/release-gates' };

const run = result([
  failed('eslint', 'P1', {
    name: 'ESLint',
    stage: 'lint',
    findings: [
      finding({
        tool: 'eslint',
        file: 'src/a.ts',
        line: 3,
        column: 7,
        message: "'x' is assigned a value but never used.",
        ruleId: 'no-unused-vars',
        severity: 'error',
      }),
      finding({
        tool: 'eslint',
        file: 'src/b.ts',
        line: 9,
        message: 'Unexpected console statement.',
        ruleId: 'no-console',
        severity: 'warning',
      }),
    ],
    findingCount: 2,
  }),
  failed('ruff', 'P2', {
    stage: 'lint',
    findings: [
      finding({
        tool: 'ruff',
        file: 'app/main.py',
        line: 1,
        column: 8,
        message: '`os` imported but unused',
        ruleId: 'F401',
      }),
    ],
  }),
  failed('types', 'P1', {
    stage: 'typecheck',
    findings: [
      finding({
        tool: 'tsc',
        file: 'src/app.ts',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 12,
        message: "Type 'string' is not assignable to type 'number'.",
        ruleId: 'TS2322',
      }),
      finding({
        tool: 'tsc',
        file: 'src/other.ts',
        line: 10,
        column: 1,
        message: "Type 'null' is not assignable to type 'number'.",
        ruleId: 'TS2322',
      }),
    ],
  }),
  failed('pytest', 'P3', {
    stage: 'test',
    findings: [
      finding({
        tool: 'pytest',
        file: 'tests/test_api.py',
        line: 42,
        message: 'assert 500 == 200',
        ruleId: 'tests/test_api.py::test_get',
        severity: 'error',
      }),
    ],
  }),
  failed('build-log', 'P2', {
    stage: 'build',
    findings: [finding({ tool: 'generic', file: 'Makefile', line: 12, message: 'missing rule' })],
  }),
  failed('api-tests', 'P0', { stage: 'test', detail: 'exited with code 3', exitCode: 3 }),
  failed('slow-e2e', 'P1', {
    stage: 'test',
    status: 'timed-out',
    detail: 'timed out after 30 s',
    exitCode: null,
  }),
  gate({ id: 'passed-one', stage: 'security' }),
  gate({ id: 'cancelled-one', stage: 'test', status: 'cancelled', exitCode: null }),
  gate({ id: 'skipped-one', stage: 'deploy', status: 'skipped', reason: 'policy' }),
]);

const ruleOf = (log: any, res: SarifResult) => log.runs[0].tool.driver.rules[res.ruleIndex];

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0 with one run and the tool described', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({
      name: 'release-gates',
      version: '1.2.3',
      informationUri: 'https://example.com/release-gates',
    });
    expect(log.runs[0].invocations).toEqual([
      expect.objectContaining({
        executionSuccessful: false,
        startTimeUtc: '2024-05-01T10:00:00.000Z',
        endTimeUtc: '2024-05-01T10:01:00.000Z',
      }),
    ]);
  });

  it('names rules per tool and lists each rule once, with a short description', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual([
      'eslint/no-unused-vars',
      'eslint/no-console',
      'ruff/F401',
      'tsc/TS2322',
      'pytest/failure',
      'release-gates/P0',
      'release-gates/P1',
      'generic/finding',
    ]);
    for (const rule of rules) expect(rule.shortDescription.text).toEqual(expect.any(String));
    expect(rules.find((r: any) => r.id === 'tsc/TS2322').shortDescription.text).toBe('tsc TS2322');
    // Every result points at its own rule.
    for (const res of log.runs[0].results) expect(ruleOf(log, res).id).toBe(res.ruleId);
    expect(log.runs[0].results.filter((r: any) => r.ruleId === 'tsc/TS2322')).toHaveLength(2);
  });

  it('turns findings into results with locations relative to %SRCROOT%', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    const results: any[] = log.runs[0].results;
    const tsc = results.find((r) => r.ruleId === 'tsc/TS2322');
    expect(tsc).toEqual({
      ruleId: 'tsc/TS2322',
      ruleIndex: 3,
      level: 'error',
      message: { text: "Type 'string' is not assignable to type 'number'." },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 12 },
          },
        },
      ],
      properties: {
        gateId: 'types',
        gateName: 'types',
        stage: 'typecheck',
        priority: 'P1',
        action: 'block',
        status: 'failed',
        tool: 'tsc',
      },
    });
    // No column known: startLine only.
    const eslintWarning = results.find((r) => r.ruleId === 'eslint/no-console');
    expect(eslintWarning.locations[0].physicalLocation.region).toEqual({ startLine: 9 });
    const pytest = results.find((r) => r.ruleId === 'pytest/failure');
    expect(pytest.properties).toMatchObject({
      test: 'tests/test_api.py::test_get',
      priority: 'P3',
    });
    expect(pytest.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'tests/test_api.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 42 },
    });
  });

  it('takes the level from the policy, never above what the tool printed', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    const level = (ruleId: string) =>
      log.runs[0].results.find((r: any) => r.ruleId === ruleId).level;
    expect(level('eslint/no-unused-vars')).toBe('error'); // P1 block
    expect(level('eslint/no-console')).toBe('warning'); // the tool said warning
    expect(level('ruff/F401')).toBe('warning'); // P2 warn
    expect(level('pytest/failure')).toBe('note'); // P3 notice
    expect(level('generic/finding')).toBe('warning');
    expect(level('release-gates/P0')).toBe('error');

    expect(POLICY_ACTIONS.map((action) => [action, sarifLevel(action)])).toEqual([
      ['abort', 'error'],
      ['block', 'error'],
      ['fail', 'error'],
      ['warn', 'warning'],
      ['notice', 'note'],
    ]);
  });

  it('adds one result per failed gate without findings, at the config file', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    const gateResults = log.runs[0].results.filter((r: any) =>
      r.ruleId.startsWith('release-gates/'),
    );
    expect(gateResults.map((r: any) => [r.ruleId, r.level, r.message.text])).toEqual([
      ['release-gates/P0', 'error', 'P0 gate api-tests failed: exited with code 3'],
      ['release-gates/P1', 'error', 'P1 gate slow-e2e timed out: timed out after 30 s'],
    ]);
    expect(gateResults[0].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: '.github/release-gates.yml', uriBaseId: '%SRCROOT%' },
        },
      },
    ]);
    expect(gateResults[0].properties).toMatchObject({
      gateId: 'api-tests',
      stage: 'test',
      priority: 'P0',
    });
    expect(gateResults[0].partialFingerprints).toEqual({ 'releaseGatesGate/v1': 'test/api-tests' });
    // Every failed gate shows: through its findings or its own result.
    const shown = new Set(log.runs[0].results.map((r: any) => r.properties.gateId));
    expect([...shown].sort()).toEqual([...run.failedGates].sort());
    // Every result has a physical location: GitHub rejects a whole upload otherwise.
    for (const res of log.runs[0].results) {
      expect(res.locations[0].physicalLocation.artifactLocation.uri).not.toBe('');
    }
  });

  it('lists results in pipeline order', () => {
    const log = expectValidSarif(renderSarif(run, OPTIONS));
    const stages = log.runs[0].results.map((r: any) => r.properties.stage);
    expect(stages).toEqual([
      'lint',
      'lint',
      'lint',
      'typecheck',
      'typecheck',
      'test',
      'test',
      'test',
      'build',
    ]);
  });

  it('is valid for a run with no failures, and for an empty run', () => {
    const clean = expectValidSarif(
      renderSarif(result([gate({ id: 'a' }), gate({ id: 'b', stage: 'build' })]), {
        version: '0.1.0',
      }),
    );
    expect(clean.runs[0].results).toEqual([]);
    expect(clean.runs[0].tool.driver.rules).toEqual([]);
    expect(clean.runs[0].tool.driver.informationUri).toBeUndefined();
    expect(clean.runs[0].invocations[0].executionSuccessful).toBe(true);

    const empty = expectValidSarif(renderSarif(result([]), { version: '0.1.0' }));
    expect(empty.runs[0].results).toEqual([]);

    const planned = expectValidSarif(
      renderSarif(
        result([gate({ id: 'p', status: 'planned' })], { verdict: 'planned', mode: 'plan' }),
        { version: '0.1.0' },
      ),
    );
    expect(planned.runs[0].results).toEqual([]);
    expect(planned.runs[0].invocations[0].properties.verdict).toBe('planned');
  });

  it('marks a cancelled or warning-only run correctly', () => {
    const cancelled = expectValidSarif(
      renderSarif(
        result([gate({ id: 'x', status: 'cancelled' })], { verdict: 'failed', cancelled: true }),
        {
          version: '0.1.0',
        },
      ),
    );
    expect(cancelled.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(cancelled.runs[0].results).toEqual([]);

    const warnOnly = expectValidSarif(
      renderSarif(result([failed('drift', 'P2')], { verdict: 'passed-with-warnings' }), {
        version: '0.1.0',
      }),
    );
    expect(warnOnly.runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(warnOnly.runs[0].results[0]).toMatchObject({
      ruleId: 'release-gates/P2',
      level: 'warning',
      message: { text: 'P2 gate drift failed: exited with code 1' },
    });
  });

  it('never reports a passed gate’s findings as errors', () => {
    const log = expectValidSarif(
      renderSarif(
        result([
          gate({
            id: 'lint-ok',
            findings: [finding({ tool: 'eslint', ruleId: 'eqeqeq', severity: 'error' })],
          }),
        ]),
        { version: '0.1.0' },
      ),
    );
    expect(log.runs[0].results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['eslint/eqeqeq', 'warning'],
    ]);
  });

  it('says when a gate kept fewer findings than it saw', () => {
    const findings = Array.from({ length: 3 }, (_, i) =>
      finding({ tool: 'tsc', line: i + 1, ruleId: 'TS2304' }),
    );
    const log = expectValidSarif(
      renderSarif(result([failed('types', 'P1', { findings, findingCount: 2500 })]), {
        version: '0.1.0',
      }),
    );
    expect(log.runs[0].results).toHaveLength(3);
    expect(log.runs[0].tool.driver.rules).toHaveLength(1);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: {
          text: 'Gate types: 3 of 2500 findings are listed; the full output is in its log.',
        },
      },
    ]);
  });
});

describe('renderSarif with hostile input', () => {
  const hostile = result([
    failed('markup', 'P1', {
      detail: 'exited <script>\u0000 \ud800 "quoted"',
      findings: [
        finding({
          tool: 'generic',
          file: 'dir with space/a#b?c%d.ts',
          line: 2,
          column: 0,
          message: '\u001b[31mred\u001b[0m <b>bold</b> & \u0000nul \udc00lone ]]>',
        }),
        finding({ tool: 'tsc', file: 'C:\\work\\src\\win.ts', line: 4, message: 'windows' }),
        finding({ tool: 'mypy', file: '/abs/outside/x.py', line: 0, message: '' }),
        finding({ tool: 'eslint', file: './src/dot.ts', line: 5, endLine: 4, message: 'x' }),
        finding({ tool: '', file: '', line: 1, message: 'no tool, no file', ruleId: '  ' }),
      ],
    }),
    failed('plain', 'P1', { detail: 'bad \ud800 detail' }),
  ]);
  const log = expectValidSarif(renderSarif(hostile, { version: '0.1.0' }));
  const results: any[] = log.runs[0].results;

  it('keeps text readable and free of control characters and lone surrogates', () => {
    const json = JSON.stringify(renderSarif(hostile, { version: '0.1.0' }));
    expect(json).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f])/);
    expect(json).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    expect(results[0].message.text).toBe('red <b>bold</b> & nul lone ]]>');
    expect(results.at(-1).message.text).toBe('P1 gate plain failed: bad  detail');
  });

  it('writes file paths as valid URI references', () => {
    const uri = (i: number) => results[i].locations[0].physicalLocation.artifactLocation;
    expect(uri(0)).toEqual({ uri: 'dir%20with%20space/a%23b%3Fc%25d.ts', uriBaseId: '%SRCROOT%' });
    expect(uri(1)).toEqual({ uri: 'file:///C:/work/src/win.ts' });
    expect(uri(2)).toEqual({ uri: 'file:///abs/outside/x.py' });
    expect(uri(3)).toEqual({ uri: 'src/dot.ts', uriBaseId: '%SRCROOT%' });
    // No file at all: the config file keeps the result uploadable.
    expect(uri(4)).toEqual({ uri: '.github/release-gates.yml', uriBaseId: '%SRCROOT%' });
  });

  it('drops region parts that are not valid positions', () => {
    const region = (i: number) => results[i].locations[0].physicalLocation.region;
    expect(region(0)).toEqual({ startLine: 2 }); // column 0 is not a column
    expect(region(2)).toBeUndefined(); // line 0
    expect(region(3)).toEqual({ startLine: 5 }); // end before start
    expect(results[2].message.text).toBe('mypy/finding'); // empty message
    expect(results[4].ruleId).toBe('generic/finding');
  });

  it('maps absolute and relative paths', () => {
    expect(artifactLocation('a/b.ts')).toEqual({ uri: 'a/b.ts', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a\\b.ts')).toEqual({ uri: 'a/b.ts', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/x/y z.ts')).toEqual({ uri: 'file:///x/y%20z.ts' });
    expect(artifactLocation('../up.ts')).toEqual({ uri: '../up.ts', uriBaseId: '%SRCROOT%' });
  });
});

describe('the SARIF schema check itself', () => {
  it('rejects what SARIF 2.1.0 does not allow', () => {
    const good = JSON.parse(JSON.stringify(renderSarif(run, OPTIONS)));
    expect(validateSarif(good)).toBe(true);
    const badLevel = structuredClone(good);
    badLevel.runs[0].results[0].level = 'fatal';
    expect(validateSarif(badLevel)).toBe(false);
    const badRegion = structuredClone(good);
    badRegion.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validateSarif(badRegion)).toBe(false);
    const unknownProperty = structuredClone(good);
    unknownProperty.runs[0].results[0].severity = 'high';
    expect(validateSarif(unknownProperty)).toBe(false);
    const noVersion = structuredClone(good);
    delete noVersion.version;
    expect(validateSarif(noVersion)).toBe(false);
    const badUri = structuredClone(good);
    badUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b';
    expect(validateSarif(badUri)).toBe(false);
  });
});
