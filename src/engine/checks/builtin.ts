import { composeCheck } from './compose.js';
import { envExampleCheck } from './env-example.js';
import { healthCheck } from './health.js';
import { migrationsCheck } from './migrations.js';
import { secretsCheck } from './secrets.js';
import type { CheckDefinition } from './types.js';
import { versionsCheck } from './versions.js';
import { workflowsCheck } from './workflows.js';

/** Every built-in check; `uses: <id>` finds them through the registry. */
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
