import '../engine/zod-config.js';
import { z } from 'zod';
import { MODES, POLICY_ACTIONS, PRIORITIES, STAGES } from '../engine/stages.js';

/*
 * The shape of report.json, as a schema: `Report` (what buildReport returns) is inferred from
 * it, and schema/report.schema.json is generated from it, so the type, the file and the
 * published schema cannot drift apart. Only the type is used at run time; the schema is
 * built by `release-gates schema --report` and the tests.
 */

const priority = z.enum(PRIORITIES);
const stage = z.enum(STAGES);
const action = z.enum(POLICY_ACTIONS);
const timestamp = z.string().describe('ISO 8601 time');
const attemptStatus = z.enum(['passed', 'failed', 'timed-out', 'cancelled']);
const gateStatus = z.enum(['passed', 'failed', 'timed-out', 'cancelled', 'skipped', 'planned']);

const attemptRecord = z.object({
  attempt: z.number().int().min(1),
  status: attemptStatus,
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0),
});

const probeAttempt = z.object({
  attempt: z.number().int().min(1),
  at: timestamp,
  status: z.number().int().nullable().describe('HTTP status; null when no response came'),
  latencyMs: z.number().min(0),
  ok: z.boolean(),
  failure: z
    .enum(['refused', 'dns', 'tls', 'timeout', 'status', 'body', 'json', 'latency', 'error'])
    .optional(),
  message: z.string().optional(),
});

const probe = z
  .object({ url: z.string(), method: z.string(), attempts: z.array(probeAttempt) })
  .describe('An http probe: every request it made');

const finding = z
  .object({
    tool: z.string(),
    file: z.string().describe('From the repository root when inside it; otherwise as printed'),
    line: z.number().int(),
    column: z.number().int().optional(),
    endLine: z.number().int().optional(),
    endColumn: z.number().int().optional(),
    message: z.string(),
    ruleId: z.string().optional().describe("The tool's own code, e.g. TS2322"),
    severity: z.enum(['error', 'warning', 'note']).optional(),
    rule: z.string().describe('<tool>/<code>, e.g. tsc/TS2322'),
    level: z.enum(['error', 'warning', 'notice']),
  })
  .describe('A file:line problem, with its level and rule decided once for every output');

const gate = z.object({
  id: z.string(),
  name: z.string(),
  stage,
  priority,
  kind: z.enum(['run', 'http', 'uses']),
  origin: z.string().describe('preset:<name>, or the config file'),
  action,
  status: gateStatus,
  reason: z.enum(['policy', 'condition', 'filter', 'cancelled']).nullable(),
  detail: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0),
  attempts: z.number().int().min(0),
  attemptHistory: z.array(attemptRecord),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  outputTail: z.string(),
  outputTailTruncated: z.boolean(),
  logPath: z.string().nullable(),
  logError: z.string().optional(),
  probe: probe.optional(),
  findings: z.array(finding).optional(),
  findingCount: z.number().int().min(0).optional(),
});

const hook = z.object({
  kind: z.enum(['rollback', 'cleanup']),
  name: z.string(),
  status: attemptStatus,
  detail: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0),
  outputTail: z.string(),
  logPath: z.string(),
});

export const reportSchema = z
  .object({
    schema: z.literal('release-gates/report@1'),
    tool: z.object({ name: z.literal('release-gates'), version: z.string() }),
    verdict: z.enum(['passed', 'passed-with-warnings', 'failed', 'planned']),
    mode: z.enum(MODES),
    config: z.string(),
    event: z.string(),
    branch: z.string().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp,
    durationMs: z.number().min(0),
    cancelled: z.boolean(),
    stoppedBy: z
      .object({ id: z.string(), priority, action: z.enum(['abort', 'block']) })
      .nullable(),
    policy: z.object({ P0: action, P1: action, P2: action, P3: action }),
    concurrency: z.number().int().min(1),
    failedGates: z.array(z.string()),
    highestFailedPriority: priority.nullable(),
    counts: z.object({
      passed: z.number().int(),
      failed: z.number().int(),
      'timed-out': z.number().int(),
      cancelled: z.number().int(),
      skipped: z.number().int(),
      planned: z.number().int(),
    }),
    gates: z.array(gate),
    hooks: z.array(hook),
  })
  .strict();

export type Report = z.output<typeof reportSchema>;

/** The JSON Schema that ships in schema/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }),
    $id: 'https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/report.schema.json',
    title: 'release-gates report.json',
    description: 'report-dir/report.json written by coffeestudio/release-gates on every run.',
  };
}
