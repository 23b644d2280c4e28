import path from 'node:path';
import { globToRegExp } from '../../glob.js';
import type { WorkflowsOptions } from '../workflows.js';
import { LineIndex, displayPath, readTextOrUndefined, walkFiles } from '../scan.js';
import type { CheckContext } from '../types.js';
import { YamlSource, isRecord } from '../yaml-source.js';

/** What the workflows rules read: each workflow of the directory, parsed. */
export interface WorkflowsInput {
  /** How many workflow files the directory holds (read or not). */
  matched: number;
  /** Action names that may use a tag or a branch (`allow-unpinned`). */
  allowUnpinned: RegExp[];
  /** Files that are not valid YAML. */
  invalid: { file: string; lines: LineIndex; errors: { line: number; message: string }[] }[];
  /** Workflows with a `jobs:` mapping. */
  workflows: Workflow[];
}

export interface Workflow {
  /** Relative to the workspace, for findings. */
  file: string;
  text: string;
  lines: LineIndex;
  source: YamlSource;
  data: Record<string, unknown> & { jobs: Record<string, unknown> };
  /** Triggered by `pull_request_target`: runs with secrets and a write token. */
  prTarget: boolean;
}

export async function readWorkflowsInput(
  options: WorkflowsOptions,
  ctx: CheckContext,
): Promise<WorkflowsInput> {
  const dir = path.resolve(ctx.cwd, options.path);
  const walk = await walkFiles(ctx.cwd, options.path, {
    include: (relative) =>
      /\.ya?ml$/.test(relative) && path.dirname(path.resolve(ctx.cwd, relative)) === dir,
    signal: ctx.signal,
  });
  const input: WorkflowsInput = {
    matched: walk.files.length,
    allowUnpinned: options['allow-unpinned'].map((pattern) => globToRegExp(pattern)),
    invalid: [],
    workflows: [],
  };
  for (const relative of walk.files) {
    const absolute = path.join(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    if (text === undefined) continue;
    const file = displayPath(ctx.workspace, absolute);
    const lines = new LineIndex(text);
    const source = new YamlSource(text);
    if (source.errors.length > 0) {
      input.invalid.push({ file, lines, errors: source.errors });
      continue;
    }
    const data = source.data;
    if (!isRecord(data) || !isRecord(data.jobs)) continue;
    input.workflows.push({
      file,
      text,
      lines,
      source,
      data: data as Workflow['data'],
      prTarget: triggers(data.on).includes('pull_request_target'),
    });
  }
  return input;
}

/** Event names of `on:` in its three forms: a name, a list, a mapping. */
function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === 'string');
  if (isRecord(on)) return Object.keys(on);
  return [];
}

export type YamlPath = (string | number)[];

export interface Job {
  workflow: Workflow;
  id: string;
  job: Record<string, unknown>;
}

export interface Step extends Job {
  step: Record<string, unknown>;
  /** The YAML path of a key of this step. */
  at: (...rest: YamlPath) => YamlPath;
}

/** Each job (a mapping) of each workflow, in order. */
export function* jobs(input: WorkflowsInput): Generator<Job> {
  for (const workflow of input.workflows) {
    for (const [id, job] of Object.entries(workflow.data.jobs)) {
      if (isRecord(job)) yield { workflow, id, job };
    }
  }
}

/** Each step (a mapping) of each job, in order. */
export function* steps(input: WorkflowsInput): Generator<Step> {
  for (const job of jobs(input)) {
    if (!Array.isArray(job.job.steps)) continue;
    for (const [index, step] of job.job.steps.entries()) {
      if (!isRecord(step)) continue;
      yield { ...job, step, at: (...rest) => ['jobs', job.id, 'steps', index, ...rest] };
    }
  }
}

/**
 * Each `uses:` of an action or a reusable workflow (not `./local` nor `docker://`): a job's,
 * then its steps', in order.
 */
export function* actionReferences(
  input: WorkflowsInput,
): Generator<{ workflow: Workflow; uses: string; at: YamlPath }> {
  for (const { workflow, id, job } of jobs(input)) {
    const all: { uses: unknown; at: YamlPath }[] = [{ uses: job.uses, at: ['jobs', id, 'uses'] }];
    if (Array.isArray(job.steps)) {
      job.steps.forEach((step, index) => {
        if (isRecord(step)) all.push({ uses: step.uses, at: ['jobs', id, 'steps', index, 'uses'] });
      });
    }
    for (const { uses, at } of all) {
      if (typeof uses !== 'string' || uses.startsWith('./') || uses.startsWith('docker://')) {
        continue;
      }
      yield { workflow, uses, at };
    }
  }
}
