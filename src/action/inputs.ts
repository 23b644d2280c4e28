import * as core from '@actions/core';
import path from 'node:path';
import { ConfigurationError, MODES, parseList, type Mode } from '../engine/index.js';

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
  const mode = (core.getInput('mode').trim() || 'enforce') as Mode;
  if (!MODES.includes(mode)) {
    problems.push(`input mode: expected one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  }
  const concurrencyText = core.getInput('concurrency').trim();
  let concurrency: number | undefined;
  if (concurrencyText !== '') {
    concurrency = Number(concurrencyText);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      problems.push(
        `input concurrency: expected a whole number of at least 1, got ${JSON.stringify(concurrencyText)}`,
      );
    }
  }
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
