import '../zod-config.js';
import { z } from 'zod';
import { globSyntaxError } from '../glob.js';
import { POLICY_ACTIONS, PRIORITIES, STAGES } from '../stages.js';

/*
 * Config v1. One zod schema is the source of truth: it validates configs and it is
 * exported as the JSON Schema that ships in schema/ for editors (json-schema.ts; the text
 * editors show for each field is in schema-docs.ts, so runs do not build it).
 */

/** The kinds of gate; a gate has exactly one. A new kind is one more name here. */
export const GATE_KINDS = ['run', 'http', 'uses'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const GATE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A NUL byte cannot reach a process: argv, env and paths end at it. */
const NO_NUL = [/^[^\0]*$/, { error: 'expected text without a NUL byte' }] as const;

const envValue = z.union([z.string().regex(...NO_NUL), z.number(), z.boolean()]);

const envMap = z.record(
  z.string().regex(ENV_NAME_PATTERN, { error: 'expected an environment variable name' }),
  envValue,
);

const timeoutMinutes = z
  .number()
  .positive({ error: 'expected a number of minutes above 0' })
  .max(1440, { error: 'expected at most 1440 minutes' });

const relativePath = z
  .string()
  .min(1, { error: 'expected a non-empty path relative to the workspace' })
  .regex(...NO_NUL);

const shell = z
  .string()
  .regex(/\S/, { error: 'expected a program and its arguments, e.g. "bash -e -c"' })
  .regex(...NO_NUL);

const policyAction = z.enum(POLICY_ACTIONS);

export const policySchema = z.strictObject({
  P0: policyAction.optional(),
  P1: policyAction.optional(),
  P2: policyAction.optional(),
  P3: policyAction.optional(),
});

/** A filter pattern of GitHub's cheat sheet (src/engine/glob.ts), refused as GitHub would. */
const filterPattern = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const error = globSyntaxError(pattern);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  });

/** An ordered list of filter patterns; with only `!` patterns it could match nothing. */
const filterPatterns = z
  .array(filterPattern)
  .min(1)
  .refine((patterns) => patterns.some((pattern) => !pattern.startsWith('!')), {
    error: 'expected at least one pattern without "!": only "!" patterns match nothing',
  });

export const whenSchema = z.strictObject({
  events: z.array(z.string().min(1)).min(1).optional(),
  branches: filterPatterns.optional(),
});

const headerMap = z.record(z.string().min(1), z.string());

export const httpSchema = z.strictObject({
  url: z.string().min(1),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
  headers: headerMap.optional(),
  body: z.string().optional(),
  expect: z
    .strictObject({
      status: z.array(z.number().int().min(100).max(599)).min(1).optional(),
      'body-contains': z.string().optional(),
      json: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
      'max-latency-ms': z.number().positive().optional(),
    })
    .optional(),
  'timeout-seconds': z.number().positive().max(3600).optional(),
  'interval-seconds': z.number().min(0).max(3600).optional(),
  attempts: z.number().int().min(1).max(1000).optional(),
  'success-threshold': z.number().int().min(1).max(100).optional(),
  'initial-delay-seconds': z.number().min(0).max(3600).optional(),
  'follow-redirects': z.boolean().optional(),
  'insecure-tls': z.boolean().optional(),
});

export const gateSchema = z.strictObject({
  id: z.string().regex(GATE_ID_PATTERN, {
    error: 'expected an id matching ^[a-z0-9][a-z0-9_-]{0,62}$',
  }),
  name: z.string().min(1).optional(),
  stage: z.enum(STAGES),
  priority: z.enum(PRIORITIES),
  run: z
    .string()
    .min(1, { error: 'expected a non-empty command' })
    .regex(...NO_NUL)
    .optional(),
  http: httpSchema.optional(),
  uses: z.string().min(1).optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  shell: shell.optional(),
  'working-directory': relativePath.optional(),
  'timeout-minutes': timeoutMinutes.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  env: envMap.optional(),
  when: whenSchema.optional(),
});

const hookSchema = z.strictObject({
  name: z.string().min(1).optional(),
  run: z
    .string()
    .min(1, { error: 'expected a non-empty command' })
    .regex(...NO_NUL),
  shell: shell.optional(),
  'working-directory': relativePath.optional(),
  'timeout-minutes': timeoutMinutes.optional(),
  env: envMap.optional(),
});

const defaultsSchema = z.strictObject({
  'timeout-minutes': timeoutMinutes.optional(),
  'working-directory': relativePath.optional(),
  shell: shell.optional(),
  env: envMap.optional(),
});

const redactSchema = z.array(
  z.string().regex(ENV_NAME_PATTERN, { error: 'expected an environment variable name' }),
);

const extendsSchema = z
  .array(z.string().min(1, { error: 'expected a preset name' }))
  .min(1, { error: 'expected at least one preset name' });

export const configSchema = z.strictObject({
  version: z.literal(1),
  extends: extendsSchema.optional(),
  disable: z.array(z.string().min(1, { error: 'expected a gate id' })).optional(),
  policy: policySchema.optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  defaults: defaultsSchema.optional(),
  redact: redactSchema.optional(),
  // Required unless `extends` brings gates; parse.ts says so, configJsonSchema() adds anyOf.
  gates: z.array(gateSchema).min(1, { error: 'expected at least one gate' }).optional(),
  rollback: z.array(hookSchema).optional(),
  cleanup: z.array(hookSchema).optional(),
});

/** A preset (checks/presets/<name>.yml): a partial config without version, hooks or disable. */
export const presetSchema = z.strictObject({
  description: z.string().min(1).optional(),
  extends: extendsSchema.optional(),
  policy: policySchema.optional(),
  defaults: defaultsSchema.optional(),
  redact: redactSchema.optional(),
  gates: z.array(gateSchema).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type RawPreset = z.infer<typeof presetSchema>;
export type RawDefaults = z.infer<typeof defaultsSchema>;
export type RawGate = z.infer<typeof gateSchema>;
export type HttpProbeConfig = z.infer<typeof httpSchema>;
export type HookConfig = z.infer<typeof hookSchema>;
