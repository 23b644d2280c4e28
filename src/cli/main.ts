import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { detectBranch, failsRun } from '../app/run-options.js';
import { prepareSession, runSession, type SessionInput } from '../app/session.js';
import {
  BUILTIN_CATALOGUE,
  DEFAULT_CONFIG_PATH,
  isConfigurationError,
  isInsideWorkspace,
  plannedGates,
} from '../engine/index.js';
import { presetNames } from '../engine/presets/index.js';
import { buildReport } from '../reporters/report-json.js';
import { renderTextPlan } from '../reporters/text-plan.js';
import { renderTextReport } from '../reporters/text-report.js';
import { spawnInProcessGroup } from '../runtime/node-spawner.js';
import { VERSION } from '../version.js';
import { parseCliArgs, USAGE, type CliArgs } from './args.js';
import { LiveProgress, plainProgress } from './progress.js';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
}

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

/** Returns the exit code; never throws for a user mistake. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(parseCliArgs(argv), io);
  } catch (error) {
    if (isConfigurationError(error)) {
      for (const problem of error.problems) io.stderr.write(`error: ${problem}\n`);
      if (error.problems.some((p) => p.startsWith('usage:')))
        io.stderr.write('\nRun release-gates --help for usage.\n');
      return EXIT.usage;
    }
    io.stderr.write(
      `release-gates internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.failed;
  }
}

/** The JSON Schema `release-gates schema` prints; the generators load for this command only. */
async function schemaFor(args: CliArgs): Promise<Record<string, unknown>> {
  if (args.report) return (await import('../reporters/report-schema.js')).reportJsonSchema();
  const schemas = await import('../engine/config/json-schema.js');
  if (args.waivers) return schemas.waiversJsonSchema();
  const catalogue = { checks: BUILTIN_CATALOGUE.ids(), presets: presetNames() };
  return args.preset ? schemas.presetJsonSchema(catalogue) : schemas.configJsonSchema(catalogue);
}

async function dispatch(args: CliArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return EXIT.passed;
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return EXIT.passed;
    case 'schema': {
      io.stdout.write(`${JSON.stringify(await schemaFor(args), null, 2)}\n`);
      return EXIT.passed;
    }
    case 'init': {
      // Loaded for this command only: the other commands start faster without it.
      const { runInit } = await import('./init/index.js');
      return runInit({
        workspace: path.resolve(io.cwd, args.workingDirectory ?? '.'),
        configPath: args.config ?? DEFAULT_CONFIG_PATH,
        force: args.force,
        write: (text) => io.stdout.write(text),
      });
    }
    default:
      break;
  }
  const input = sessionInput(args, io);
  const prepared = await prepareSession(input);
  if (args.command === 'validate') {
    const gates = plannedGates(prepared.plan);
    const stages = prepared.plan.stages.filter((s) => s.gates.length > 0).length;
    io.stdout.write(`${prepared.config.file}: valid (${gates.length} gates in ${stages} stages)\n`);
    return EXIT.passed;
  }
  if (input.mode === 'plan' && !args.json) {
    io.stdout.write(renderTextPlan(prepared.plan));
  }

  // On a terminal, live lines redrawn in place; in logs and pipes, plain lines on stderr.
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
  const progress =
    io.stdout.isTTY && !args.json
      ? new LiveProgress(io.stdout, color, Date.now, io.stdout.columns || 100)
      : plainProgress(io.stderr, Date.now);
  let session;
  try {
    session = await runSession({ ...input, onEvent: (event) => progress.onEvent(event) }, prepared);
  } finally {
    progress.stop();
  }
  const { result } = session;

  if (args.json) {
    io.stdout.write(`${JSON.stringify(buildReport(result, { version: VERSION }), null, 2)}\n`);
  } else if (input.mode !== 'plan') {
    io.stdout.write(`\n${renderTextReport(result, { color })}`);
  }
  for (const warning of session.writeWarnings) io.stderr.write(`warning: ${warning}\n`);
  if (!session.reportError) io.stderr.write(`report: ${session.reportPath}\n`);
  // As in the action: audit reports the verdict but only an invalid config fails it.
  return failsRun(result) ? EXIT.failed : EXIT.passed;
}

function sessionInput(args: CliArgs, io: CliIo): SessionInput {
  const workspace = path.resolve(io.cwd, args.workingDirectory ?? '.');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(io.env)) if (value !== undefined) env[key] = value;
  const input: SessionInput = {
    workspace,
    configPath: args.config ?? DEFAULT_CONFIG_PATH,
    mode: args.command === 'plan' ? 'plan' : (args.mode ?? 'enforce'),
    only: args.only,
    skip: args.skip,
    defaultConcurrency: os.availableParallelism(),
    reportDir: path.resolve(io.cwd, args.reportDir ?? path.join(workspace, '.release-gates')),
    event: args.event ?? io.env.GITHUB_EVENT_NAME ?? 'local',
    env,
    now: Date.now,
    spawn: spawnInProcessGroup,
    version: VERSION,
  };
  if (io.signal) input.signal = io.signal;
  // In a workflow, paths from the repository root, as the action gives them; on a laptop,
  // from the directory the gates run in, as the tools print them.
  const root = io.env.GITHUB_WORKSPACE ? path.resolve(io.env.GITHUB_WORKSPACE) : undefined;
  if (root && isInsideWorkspace(path.relative(root, workspace))) input.repositoryRoot = root;
  if (args.concurrency !== undefined) input.concurrency = args.concurrency;
  const branch = args.branch ?? detectBranch(io.env, workspace);
  if (branch !== undefined) input.branch = branch;
  return input;
}
