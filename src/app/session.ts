import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BUILTIN_CATALOGUE,
  buildPlan,
  ConfigurationError,
  loadConfigFile,
  planResult,
  redactValues,
  type EngineEvent,
  type Mode,
  type Plan,
  type ReleaseGatesConfig,
  type RunResult,
  type Spawner,
} from '../engine/index.js';
import { renderJunit } from '../reporters/junit.js';
import { buildReport } from '../reporters/report-json.js';
import { renderSarif } from '../reporters/sarif.js';

/*
 * One implementation behind the action and the CLI: load, plan, run, write report.json.
 * Adapters only gather inputs and present the outcome. What the engine returns is already
 * masked: nothing here or after it handles secrets.
 */

export interface SessionInput {
  /** Absolute directory gates run relative to (the repo root or a sub-project). */
  workspace: string;
  /** Absolute repository root: findings' paths are given from it. Default: `workspace`. */
  repositoryRoot?: string;
  configPath: string;
  mode: Mode;
  only: string[];
  skip: string[];
  concurrency?: number;
  defaultConcurrency: number;
  reportDir: string;
  event: string;
  branch?: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  now: () => number;
  spawn: Spawner;
  version: string;
}

export interface SessionOutput {
  config: ReleaseGatesConfig;
  plan: Plan;
  result: RunResult;
  reportPath: string;
  /** Set when report.json could not be written; the run's outcome still stands. */
  reportError?: string;
  secrets: string[];
}

/** Loads and plans; throws ConfigurationError for any user mistake. */
export async function prepareSession(input: SessionInput) {
  const config = await loadConfigFile(input.workspace, input.configPath, {
    checks: BUILTIN_CATALOGUE,
  });
  const planOptions: Parameters<typeof buildPlan>[1] = {
    mode: input.mode,
    event: input.event,
    only: input.only,
    skip: input.skip,
    defaultConcurrency: input.defaultConcurrency,
  };
  if (input.branch !== undefined) planOptions.branch = input.branch;
  if (input.concurrency !== undefined) planOptions.concurrency = input.concurrency;
  const plan = buildPlan(config, planOptions);
  const secrets = redactValues(config.redact, input.env);
  return { config, plan, secrets };
}

export async function runSession(
  input: SessionInput,
  prepared?: Awaited<ReturnType<typeof prepareSession>>,
): Promise<SessionOutput> {
  const { config, plan, secrets } = prepared ?? (await prepareSession(input));
  const logDir = path.join(input.reportDir, 'logs');
  if (plan.mode !== 'plan') {
    try {
      await mkdir(logDir, { recursive: true });
    } catch (error) {
      throw new ConfigurationError(
        `report-dir: cannot create ${input.reportDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }

  let result: RunResult;
  if (plan.mode === 'plan') {
    result = planResult(plan, input.now());
  } else {
    // The pipeline (runners, findings parsers) loads only for a run: a plan starts faster.
    const { runPipeline } = await import('../engine/pipeline.js');
    result = await runPipeline(plan, {
      workspace: input.workspace,
      ...(input.repositoryRoot ? { repositoryRoot: input.repositoryRoot } : {}),
      env: input.env,
      spawn: input.spawn,
      now: input.now,
      logDir,
      checks: BUILTIN_CATALOGUE,
      secrets,
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onEvent ? { onEvent: input.onEvent } : {}),
    });
  }

  const reportPath = path.join(input.reportDir, 'report.json');
  const output: SessionOutput = { config, plan, result, reportPath, secrets };
  try {
    await mkdir(input.reportDir, { recursive: true });
    const report = buildReport(result, { version: input.version });
    await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(input.reportDir, 'junit.xml'), renderJunit(result));
    const sarif = renderSarif(result, { version: input.version });
    await writeFile(
      path.join(input.reportDir, 'results.sarif'),
      `${JSON.stringify(sarif, null, 2)}\n`,
    );
  } catch (error) {
    output.reportError = `could not write ${reportPath}: ${(error as Error).message}`;
  }
  return output;
}
