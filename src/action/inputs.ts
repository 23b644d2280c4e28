import * as core from '@actions/core';
import path from 'node:path';
import { parseConcurrency, parseMode } from '../app/run-options.js';
import { ConfigurationError, isConfigurationError, parseList, type Mode } from '../engine/index.js';

export interface ActionInputs {
  config: string;
  mode: Mode;
  only: string[];
  skip: string[];
  concurrency?: number;
  workingDirectory: string;
  reportDir: string;
  githubToken: string;
  comment: boolean;
  checkRun: boolean;
}

function booleanInput(name: string, problems: string[]): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  problems.push(`input ${name}: expected true or false, got ${JSON.stringify(value)}`);
  return false;
}

/** Reads and checks every input; all mistakes are reported together. */
export function readInputs(runnerTemp: string): ActionInputs {
  const problems: string[] = [];
  // Every mistake is collected, so that one run names them all.
  const collect = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (!isConfigurationError(error)) throw error;
      problems.push(...error.problems);
      return fallback;
    }
  };
  const mode = collect<Mode>(
    () => parseMode(core.getInput('mode').trim() || 'enforce', 'input mode'),
    'enforce',
  );
  const concurrencyText = core.getInput('concurrency').trim();
  const concurrency =
    concurrencyText === ''
      ? undefined
      : collect<number | undefined>(
          () => parseConcurrency(concurrencyText, 'input concurrency'),
          undefined,
        );
  const inputs: ActionInputs = {
    config: core.getInput('config').trim() || '.github/release-gates.yml',
    mode,
    only: parseList(core.getInput('only')),
    skip: parseList(core.getInput('skip')),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    reportDir: core.getInput('report-dir').trim() || path.join(runnerTemp, 'release-gates'),
    githubToken: core.getInput('github-token'),
    comment: booleanInput('comment', problems),
    checkRun: booleanInput('check-run', problems),
  };
  if (concurrency !== undefined) inputs.concurrency = concurrency;
  if (problems.length > 0) throw new ConfigurationError(problems);
  return inputs;
}
