import * as core from '@actions/core';
import os from 'node:os';
import path from 'node:path';
import {
  prepareSession,
  runSession,
  type SessionInput,
  type SessionOutput,
} from '../app/session.js';
import { detectBranch, failsRun } from '../app/run-options.js';
import {
  isConfigurationError,
  isFailure,
  priorityRank,
  type EngineEvent,
} from '../engine/index.js';
import { renderTextPlan } from '../reporters/text-plan.js';
import { buildAnnotations } from '../reporters/annotations.js';
import { renderSummary } from '../reporters/summary-markdown.js';
import { renderConfigErrorSummary } from '../reporters/config-error-summary.js';
import { spawnInProcessGroup } from '../runtime/node-spawner.js';
import { VERSION } from '../version.js';
import { GateLogPrinter } from './gate-log-printer.js';
import { gateEnvironment, readRunnerContext } from './github-env.js';
import { readInputs } from './inputs.js';

/** The only module that talks to the runner through @actions/core. */
export async function run(): Promise<void> {
  const runner = readRunnerContext(process.env);
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (cancel.signal.aborted) return;
    core.warning(`release-gates received ${signal}: cancelling running gates`);
    cancel.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const printer = new GateLogPrinter(process.stdout);
  try {
    const inputs = readInputs(runner.runnerTemp);
    const workspace = path.resolve(runner.workspace, inputs.workingDirectory);
    const env = gateEnvironment(process.env);
    const branch = detectBranch(process.env, workspace);
    const input: SessionInput = {
      workspace,
      repositoryRoot: path.resolve(runner.workspace),
      configPath: inputs.config,
      // The checkout, and the job's temp folder where checks/health writes its config.
      configRoots: [path.resolve(runner.workspace), path.resolve(runner.runnerTemp)],
      mode: inputs.mode,
      only: inputs.only,
      skip: inputs.skip,
      ...(inputs.concurrency !== undefined ? { concurrency: inputs.concurrency } : {}),
      defaultConcurrency: os.availableParallelism(),
      reportDir: path.resolve(runner.workspace, inputs.reportDir),
      event: runner.eventName,
      ...(branch !== undefined ? { branch } : {}),
      env,
      signal: cancel.signal,
      onEvent: (event) => onEngineEvent(event, printer),
      now: Date.now,
      spawn: spawnInProcessGroup,
      version: VERSION,
    };
    const prepared = await prepareSession(input);
    // Before any gate prints: the runner masks these in everything the step logs.
    for (const secret of prepared.secrets) core.setSecret(secret);
    const session = await runSession(input, prepared);
    await printer.drained();
    await report(session, printer);
  } catch (error) {
    await printer.drained();
    if (isConfigurationError(error)) {
      await failForConfiguration(error.problems);
    } else {
      // Not the user's mistake: say so plainly, still without a stack trace in the annotation.
      const message = error instanceof Error ? error.message : String(error);
      core.debug(error instanceof Error && error.stack ? error.stack : message);
      setOutputs({
        result: 'failed',
        'failed-gates': '[]',
        'highest-failed-priority': '',
        'report-path': '',
      });
      core.setFailed(`release-gates internal error: ${message}`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function onEngineEvent(event: EngineEvent, printer: GateLogPrinter): void {
  if (event.type === 'stage-start') {
    printer.line(`▶ stage ${event.stage}: ${event.gates.join(', ')}`);
  } else if (event.type === 'gate-end' && event.gate.status !== 'skipped') {
    printer.enqueue(event.gate);
  } else if (event.type === 'hook-end') {
    printer.enqueueLog(
      `${event.hook.kind}: ${event.hook.name} · ${event.hook.status}`,
      event.hook.logPath,
    );
  }
}

async function report(session: SessionOutput, printer: GateLogPrinter): Promise<void> {
  const { result } = session;

  const failsStep = failsRun(result);
  if (result.mode === 'plan') {
    printer.enqueueText(renderTextPlan(session.plan));
    await printer.drained();
  }
  for (const annotation of buildAnnotations(result, failsStep ? 1 : 0)) {
    const props: core.AnnotationProperties = { title: annotation.title };
    if (annotation.file !== undefined) props.file = annotation.file;
    if (annotation.line !== undefined) props.startLine = annotation.line;
    if (annotation.column !== undefined) props.startColumn = annotation.column;
    if (annotation.level === 'error') core.error(annotation.message, props);
    else if (annotation.level === 'warning') core.warning(annotation.message, props);
    else core.notice(annotation.message, props);
  }

  try {
    await core.summary
      .addRaw(renderSummary(result, { reportPath: session.reportPath }), true)
      .write();
  } catch (error) {
    core.warning(`release-gates could not write the job summary: ${(error as Error).message}`);
  }
  for (const warning of session.writeWarnings) core.warning(`release-gates ${warning}`);

  setOutputs({
    result: result.verdict,
    'failed-gates': JSON.stringify(result.failedGates),
    'highest-failed-priority': result.highestFailedPriority ?? '',
    'report-path': session.reportError ? '' : session.reportPath,
  });

  // PR comment and check run: loaded only when asked for; problems are warnings, never a failure.
  const inputs = readInputs(readRunnerContext(process.env).runnerTemp);
  if (inputs.comment || inputs.checkRun) {
    const { publishToGitHub } = await import('./github/publish.js');
    await publishToGitHub(result, {
      token: inputs.githubToken,
      comment: inputs.comment,
      checkRun: inputs.checkRun,
      env: process.env,
      workingDirectory: inputs.workingDirectory,
      logger: { info: core.info, warning: (message) => core.warning(message) },
    });
  }

  const incompleteLogs = result.gates.filter((g) => g.logError);
  if (incompleteLogs.length > 0) {
    core.warning(
      `release-gates could not write the whole log of ${incompleteLogs.map((g) => `${g.id} (${g.logError})`).join(', ')}; their tails in the summary are complete`,
    );
  }
  core.info(
    `release-gates: ${result.verdict} (${result.mode} mode); ${session.reportError ? 'no report file' : `report: ${session.reportPath}`}`,
  );
  if (failsStep) {
    const worst = [...result.gates]
      .filter((g) => isFailure(g.status))
      .sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority))[0];
    const first =
      (result.stoppedBy ? `${result.stoppedBy.priority} ${result.stoppedBy.id}` : undefined) ??
      (worst ? `${worst.priority} ${worst.id}` : undefined);
    core.setFailed(
      result.cancelled
        ? 'release-gates was cancelled before the gates finished'
        : `release-gates failed: ${result.failedGates.length} gate(s) failed${first ? `, most severe ${first}` : ''}`,
    );
  }
  if (result.cancelled) process.exitCode = 1;
}

/** The runner shows 10 error annotations per step; setFailed takes one of them. */
const CONFIG_ANNOTATIONS = 8;

async function failForConfiguration(problems: readonly string[]): Promise<void> {
  problems
    .slice(0, CONFIG_ANNOTATIONS)
    .forEach((problem) => core.error(problem, { title: 'release-gates configuration' }));
  if (problems.length > CONFIG_ANNOTATIONS) {
    core.error(
      `${problems.length - CONFIG_ANNOTATIONS} more configuration problem(s); see the log`,
    );
    problems.slice(CONFIG_ANNOTATIONS).forEach((problem) => core.info(problem));
  }
  setOutputs({
    result: 'failed',
    'failed-gates': '[]',
    'highest-failed-priority': '',
    'report-path': '',
  });
  try {
    await core.summary.addRaw(renderConfigErrorSummary(problems), true).write();
  } catch {
    // No summary file: the annotations and the log already carry every problem.
  }
  core.setFailed(`release-gates: invalid configuration (${problems.length} problem(s))`);
}

/** One warning at most: a broken GITHUB_OUTPUT fails every output the same way. */
function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) {
    try {
      core.setOutput(name, value);
    } catch (error) {
      core.warning(
        `release-gates could not set its outputs (${Object.keys(outputs).join(', ')}): ${(error as Error).message}`,
      );
      return;
    }
  }
}
