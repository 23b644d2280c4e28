import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
import { confineConfigPath, confineWorkingDirectories, confineWorkspace } from './confine.js';
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
  /** Where the config file may be (the action: its checkout and temp folder); else anywhere. */
  configRoots?: string[];
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
  /** One line per report file (report.json, junit.xml, results.sarif) that could not be written. */
  writeWarnings: string[];
  secrets: string[];
}

/** Loads and plans; throws ConfigurationError for any user mistake. */
export async function prepareSession(input: SessionInput) {
  if (input.repositoryRoot) await confineWorkspace(input.workspace, input.repositoryRoot);
  if (input.configRoots) {
    await confineConfigPath(input.workspace, input.configPath, input.configRoots);
  }
  const config = await loadConfigFile(input.workspace, input.configPath, {
    checks: BUILTIN_CATALOGUE,
  });
  await confineWorkingDirectories(config, input.workspace);
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
  const output: SessionOutput = { config, plan, result, reportPath, secrets, writeWarnings: [] };
  const files: [string, () => string][] = [
    ['report.json', () => json(buildReport(result, { version: input.version }))],
    ['junit.xml', () => renderJunit(result)],
    ['results.sarif', () => json(renderSarif(result, { version: input.version }))],
  ];
  try {
    await mkdir(input.reportDir, { recursive: true });
  } catch {
    // Each file below says so on its own.
  }
  // Each file on its own, so one that fails does not cost the others.
  for (const [name, render] of files) {
    const file = path.join(input.reportDir, name);
    try {
      await writeAtomically(file, render());
    } catch (error) {
      const message = `could not write ${file}: ${(error as Error).message}`;
      output.writeWarnings.push(message);
      if (name === 'report.json') output.reportError = message;
    }
  }
  return output;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Whole or not at all: a reader never sees a half-written report (a full disk, a cancel). */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}
