/** The engine's public surface: config in, events and a result out. */
export { ConfigurationError, isConfigurationError } from './config/errors.js';
export { parseConfig, isInsideWorkspace } from './config/parse.js';
export { loadConfigFile, DEFAULT_CONFIG_PATH } from './config/load.js';
export type { ReleaseGatesConfig, GateSpec, HookSpec, Policy } from './config/types.js';
export { DEFAULT_POLICY } from './config/types.js';
export { buildPlan, parseList, plannedGates } from './plan.js';
export type { Plan, PlanOptions, PlannedGate, SkipReason } from './plan.js';
// runPipeline is imported from ./pipeline.js where a run needs it, so a plan never loads it.
export { planResult } from './plan-result.js';
export type { EngineDeps } from './pipeline.js';
export { BUILTIN_CATALOGUE } from './checks/builtin.js';
export { createCatalogue, type CheckCatalogue } from './checks/catalogue.js';
export type { Finding, FindingLevel } from './findings/resolve.js';
export { computeVerdict, effectiveAction, isFailure } from './policy.js';
export type { Verdict } from './policy.js';
export { createRedaction, redactValues, REDACTED } from './redact.js';
export type { Redaction } from './redact.js';
export * from './stages.js';
export type * from './types.js';
export type { Spawner, SpawnRequest, SpawnedProcess, ProcessExit } from './process.js';
