import { createCatalogue } from './catalogue.js';
import { composeCheck } from './compose.js';
import { envExampleCheck } from './env-example.js';
import { healthCheck } from './health.js';
import { migrationsCheck } from './migrations.js';
import { secretsCheck } from './secrets.js';
import type { CheckDefinition } from './types.js';
import { versionsCheck } from './versions.js';
import { workflowsCheck } from './workflows.js';

/** Every built-in check; each is documented in checks/<id>/README.md. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const BUILTIN_CHECKS: CheckDefinition<any>[] = [
  envExampleCheck,
  secretsCheck,
  composeCheck,
  workflowsCheck,
  versionsCheck,
  migrationsCheck,
  healthCheck,
];

/** The catalogue the action and the CLI hand to config parsing and the engine. */
export const BUILTIN_CATALOGUE = createCatalogue(BUILTIN_CHECKS);
