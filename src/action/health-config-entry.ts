// The config step of the `checks/health` composite action (checks/health/action.yml), bundled
// to dist/health-config.js. It turns the action's inputs (RG_* environment variables) into a
// release-gates config with src/app/health-config.ts, writes it to a file under RUNNER_TEMP and
// sets the step output `config` to its path; the next step runs the engine on that file. JSON
// is valid YAML, so the engine reads the file like any other config. A mistake in the inputs is
// an error annotation per problem and exit code 2, and no file.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { healthConfig, type HealthConfig } from '../app/health-config.js';
import { isConfigurationError } from '../engine/config/errors.js';

function build(env: NodeJS.ProcessEnv): HealthConfig | undefined {
  try {
    return healthConfig(env);
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    for (const problem of error.problems) {
      process.stdout.write(`::error title=release-gates health::${problem}\n`);
    }
    return undefined;
  }
}

const env = process.env;
const config = build(env);
if (config === undefined) {
  process.exitCode = 2;
} else {
  const dir = path.join(env.RUNNER_TEMP || '/tmp', 'release-gates-health');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `config-${process.pid}.yml`);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `config=${file}\n`);
  process.stdout.write(
    `release-gates health: ${config.gates.length} probe(s) written to ${file}\n`,
  );
}
