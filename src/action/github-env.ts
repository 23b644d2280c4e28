/** What the runner tells the action about the run, read from its environment. */
export interface RunnerContext {
  workspace: string;
  runnerTemp: string;
  eventName: string;
}

export function readRunnerContext(env: NodeJS.ProcessEnv): RunnerContext {
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || '/tmp',
    eventName: env.GITHUB_EVENT_NAME || 'unknown',
  };
}

/** The step's command files: a gate writing to them would bypass ::stop-commands::. */
const STEP_COMMAND_FILES = new Set([
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_STATE',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
]);

/**
 * What the runner hands an action but never a plain `run:` step: the job's runtime token and
 * the service URLs it opens (cache, artifacts and results, OIDC tokens).
 */
const RUNNER_INTERNAL = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
]);

/**
 * The environment gates and hooks get: what a plain `run:` step would get. Without the
 * action's own inputs (so a gate never sees the github-token input unless the workflow
 * passed it on itself), without the runner-internal credentials an action receives, and
 * without the step's command files (so a gate cannot set the step's outputs or summary).
 */
export function gateEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('INPUT_')) continue;
    if (STEP_COMMAND_FILES.has(key) || RUNNER_INTERNAL.has(key)) continue;
    out[key] = value;
  }
  return out;
}
