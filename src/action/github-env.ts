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
 * The environment gates get: the runner's, without the action's own inputs (so a gate
 * never sees the github-token input unless the workflow passed it on itself) and without
 * the step's command files (so a gate cannot set the step's outputs or summary).
 */
export function gateEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('INPUT_') || STEP_COMMAND_FILES.has(key)) continue;
    out[key] = value;
  }
  return out;
}
