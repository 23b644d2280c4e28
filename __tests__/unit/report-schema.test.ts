import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv2020Module from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../src/engine/pipeline.js';
import { buildPlan } from '../../src/engine/plan.js';
import { buildReport } from '../../src/reporters/report-json.js';
import { reportJsonSchema } from '../../src/reporters/report-schema.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { catalogueWith, parserWith } from '../helpers/checks.js';
import { failingLookup } from '../helpers/http-servers.js';

/*
 * schema/report.schema.json is generated from the zod schema report.json's type is inferred
 * from: the committed file must be current, and real reports must validate against it.
 */

const root = new URL('../../', import.meta.url);
const committed = JSON.parse(readFileSync(new URL('schema/report.schema.json', root), 'utf8'));
// A CommonJS module: its class is the default export's `default`.
const Ajv2020 = Ajv2020Module.default;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(committed);

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-report-schema-'));
});
afterAll(() => rm(ws, { recursive: true, force: true }));

async function reportOf(yaml: string) {
  const config = parserWith(catalogueWith())(yaml, '.github/release-gates.yml');
  const plan = buildPlan(config, { mode: 'enforce', event: 'push', defaultConcurrency: 2 });
  const result = await runPipeline(plan, {
    workspace: ws,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws },
    spawn: spawnInProcessGroup,
    now: Date.now,
    logDir: path.join(ws, 'logs'),
    killGraceMs: 200,
    checks: catalogueWith(),
    lookup: failingLookup().lookup,
  });
  // As written to disk: through JSON.
  return JSON.parse(JSON.stringify(buildReport(result, { version: '0.0.0-test' })));
}

describe('schema/report.schema.json', () => {
  it('equals the schema generated from the zod schema of the report', () => {
    expect(committed).toEqual(reportJsonSchema());
  });

  it('accepts a report with every kind of gate, findings, a failed probe, skips and hooks', async () => {
    const report = await reportOf(`version: 1
gates:
  - { id: ok, stage: lint, priority: P2, run: 'true' }
  - id: tsc
    stage: typecheck
    priority: P2
    retries: 1
    run: "echo 'src/a.ts(3,7): error TS2322: Type string is not number.'; exit 2"
  - id: env
    stage: lint
    priority: P3
    uses: env-example
  - id: api
    stage: health
    priority: P1
    http: { url: "http://unknown.invalid/health", attempts: 2, interval-seconds: 0 }
  - { id: later, stage: health, priority: P3, run: 'true', when: { events: [schedule] } }
cleanup:
  - run: 'true'
`);
    const valid = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The report exercised what the schema describes.
    const byId = Object.fromEntries(report.gates.map((g: any) => [g.id, g]));
    expect(byId.tsc.findings[0]).toMatchObject({ rule: 'tsc/TS2322', level: 'warning' });
    expect(byId.tsc.attempts).toBe(2);
    expect(byId.api.probe.attempts).toHaveLength(2);
    expect(byId.later.status).toBe('skipped');
    expect(report.hooks).toHaveLength(1);
  });

  it('rejects a report that misses a field or carries one it does not describe', async () => {
    const report = await reportOf(
      `version: 1\ngates:\n  - { id: ok, stage: lint, priority: P1, run: 'true' }\n`,
    );
    expect(validate(report)).toBe(true);
    const missing = { ...report };
    delete missing.verdict;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...report, gates: [{ ...report.gates[0], surprise: 1 }] })).toBe(false);
  });
});
