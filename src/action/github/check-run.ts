import path from 'node:path';
import { isFailure, priorityRank, type RunResult } from '../../engine/index.js';
import type { Finding } from '../../engine/index.js';
import { findingSource } from '../../engine/findings/resolve.js';
import { verdictHeadline } from '../../reporters/insights.js';
import { connect, describeFailure, type Connection, type PublishOptions } from './client.js';
import { CHECK_SUMMARY_MAX_CHARS, clamp, renderSized } from './markdown.js';

/*
 * A completed check run named release-gates on the commit under test, with the summary and
 * one annotation per file:line finding of a failed gate. GitHub takes 50 annotations per
 * request: the first 50 go with the create, the rest with updates of 50.
 */

export const CHECK_RUN_NAME = 'release-gates';
export const ANNOTATIONS_PER_REQUEST = 50;
/** More than this many annotations help nobody and cost a request per 50. */
export const MAX_CHECK_ANNOTATIONS = 1000;
const TITLE_MAX = 255;
const MESSAGE_MAX = 4000;
const PERMISSION = 'checks: write';

export type CheckConclusion = 'success' | 'neutral' | 'failure' | 'skipped' | 'cancelled';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export type CheckRunOutcome =
  | { status: 'created'; id: number; url?: string; annotations: number }
  | { status: 'incomplete'; id: number; url?: string; annotations: number; message: string }
  | { status: 'failed'; message: string };

export function checkConclusion(result: RunResult): CheckConclusion {
  if (result.cancelled) return 'cancelled';
  switch (result.verdict) {
    case 'passed':
      return 'success';
    case 'passed-with-warnings':
      return 'neutral';
    case 'failed':
      // Audit mode reports the verdict but, like the step, must not block a merge.
      return result.mode === 'audit' ? 'neutral' : 'failure';
    case 'planned':
      return 'skipped';
  }
}

const LEVELS = { error: 'failure', warning: 'warning', notice: 'notice' } as const;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A finding's file as GitHub places it, or undefined when it lies outside the repository.
 * The engine already gives paths from the repository root; what stays absolute or climbs
 * out of it cannot be placed.
 */
export function repositoryPath(file: string): string | undefined {
  const posix = file.trim().replace(/\\/g, '/');
  if (posix === '' || posix.startsWith('/') || /^[A-Za-z]:\//.test(posix)) return undefined;
  const normal = path.posix.normalize(posix).replace(/^\.\//, '');
  if (normal === '.' || normal === '..' || normal.startsWith('../')) return undefined;
  return normal;
}

function findingMessage(finding: Finding): string {
  const source = findingSource(finding);
  return source ? `${finding.message} (${source})` : finding.message;
}

export interface AnnotationOptions {
  max?: number;
}

/**
 * One annotation per finding of a failed gate, P0 gates first, at the finding's level.
 * Findings outside the repository are left out (GitHub cannot place them).
 */
export function buildCheckAnnotations(
  result: RunResult,
  options: AnnotationOptions = {},
): { annotations: CheckAnnotation[]; outside: number; overLimit: number } {
  const max = options.max ?? MAX_CHECK_ANNOTATIONS;
  const gates = result.gates
    .filter((gate) => isFailure(gate.status) && (gate.findings?.length ?? 0) > 0)
    .sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority));
  const annotations: CheckAnnotation[] = [];
  let outside = 0;
  let overLimit = 0;
  for (const gate of gates) {
    const title = truncate(`${gate.priority} ${gate.name}`, TITLE_MAX);
    for (const finding of gate.findings ?? []) {
      const file = repositoryPath(finding.file);
      if (file === undefined) {
        outside++;
        continue;
      }
      if (annotations.length >= max) {
        overLimit++;
        continue;
      }
      const start = Math.max(1, Math.floor(finding.line) || 1);
      const end = Math.max(start, Math.floor(finding.endLine ?? start) || start);
      const annotation: CheckAnnotation = {
        path: file,
        start_line: start,
        end_line: end,
        annotation_level: LEVELS[finding.level],
        title,
        message: truncate(findingMessage(finding), MESSAGE_MAX),
      };
      // GitHub takes columns only on a one-line annotation.
      if (start === end && finding.column !== undefined && finding.column >= 1) {
        annotation.start_column = Math.floor(finding.column);
        annotation.end_column = Math.max(
          annotation.start_column,
          Math.floor(finding.endColumn ?? finding.column),
        );
      }
      annotations.push(annotation);
    }
  }
  return { annotations, outside, overLimit };
}

/** The check run's output.summary: the job summary within 65,535 characters. */
export function renderCheckSummary(result: RunResult): string {
  return renderSized(result, CHECK_SUMMARY_MAX_CHARS);
}

/** Creates the check run and adds its annotations in batches. Never throws. */
export async function publishCheckRun(
  result: RunResult,
  options: PublishOptions,
  connection?: Connection,
): Promise<CheckRunOutcome> {
  const doing = 'create the check run';
  const conn = connection ?? (await connect(options, doing));
  if (!conn) return { status: 'failed', message: 'no connection' };
  const { client, target, logger } = conn;
  const { owner, repo, headSha } = target;
  if (!headSha) {
    const message = `release-gates could not ${doing}: GITHUB_SHA is not set`;
    logger.warning(message);
    return { status: 'failed', message };
  }
  const advice = {
    permission: PERMISSION,
    notFound: `The repository ${owner}/${repo} or commit ${headSha.slice(0, 7)} was not found, or the token cannot see it; check the github-token input.`,
    apiUrl: target.apiUrl,
    ...(options.now ? { now: options.now } : {}),
  };

  const { annotations, outside, overLimit } = buildCheckAnnotations(result);
  const title = truncate(verdictHeadline(result), TITLE_MAX);
  const summary = clamp(renderCheckSummary(result), CHECK_SUMMARY_MAX_CHARS);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }

  let id: number;
  let url: string | undefined;
  try {
    const first = batches[0];
    const { data } = await client.rest.checks.create({
      owner,
      repo,
      name: CHECK_RUN_NAME,
      head_sha: headSha,
      status: 'completed',
      conclusion: checkConclusion(result),
      ...(isTimestamp(result.startedAt) ? { started_at: result.startedAt } : {}),
      ...(isTimestamp(result.finishedAt) ? { completed_at: result.finishedAt } : {}),
      output: { title, summary, ...(first ? { annotations: first } : {}) },
    });
    id = data.id;
    url = data.html_url ?? undefined;
  } catch (error) {
    const message = describeFailure(error, { ...advice, doing });
    logger.warning(message);
    return { status: 'failed', message };
  }

  let sent = batches[0]?.length ?? 0;
  for (const batch of batches.slice(1)) {
    try {
      await client.rest.checks.update({
        owner,
        repo,
        check_run_id: id,
        output: { title, summary, annotations: batch },
      });
      sent += batch.length;
    } catch (error) {
      const message = describeFailure(error, {
        ...advice,
        doing: `add annotations ${sent + 1}-${annotations.length} to the check run`,
      });
      logger.warning(message);
      return { status: 'incomplete', id, ...(url ? { url } : {}), annotations: sent, message };
    }
  }

  const notes: string[] = [];
  if (outside > 0) notes.push(`${outside} finding(s) outside the repository left out`);
  if (overLimit > 0) {
    notes.push(`${overLimit} finding(s) past ${MAX_CHECK_ANNOTATIONS} annotations left out`);
  }
  logger.info(
    `release-gates: created the check run ${url ?? `#${id}`} (${checkConclusion(result)}, ` +
      `${sent} annotation(s)${notes.length > 0 ? `; ${notes.join('; ')}` : ''})`,
  );
  return { status: 'created', id, ...(url ? { url } : {}), annotations: sent };
}

function isTimestamp(value: string | undefined): value is string {
  return typeof value === 'string' && Number.isFinite(Date.parse(value));
}
