import path from 'node:path';
import type { RunResult } from '../../engine/index.js';
import {
  connect,
  describeFailure,
  walkPages,
  type Authored,
  type Connection,
  type PageWalk,
  type PublishOptions,
} from './client.js';
import { isPullRequestEvent } from './context.js';
import { COMMENT_MAX_CHARS, renderSized } from './markdown.js';

/*
 * One sticky comment per pull request and config: found again by a hidden marker in a
 * comment the token itself wrote, and edited in place on every run, never posted anew.
 * Anyone can type the marker: a comment by someone else that carries it is left alone.
 */

export type CommentOutcome =
  | { status: 'created' | 'updated'; id: number; url?: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; message: string };

const COMMENTS_PER_PAGE = 100;
const PERMISSION = 'pull-requests: write';

/**
 * The config's path from the repository root, in posix form: two jobs that run different
 * configs (or the same config file name in different working directories) get two comments.
 */
export function configKey(configFile: string, workingDirectory = '.'): string {
  const joined = path.posix.join(
    workingDirectory.replace(/\\/g, '/'),
    configFile.replace(/\\/g, '/'),
  );
  return path.posix.normalize(joined).replace(/^\.\//, '');
}

/** The hidden first line of the comment; it can never close the HTML comment early. */
export function stickyMarker(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._/@+=~-]/g, (c) => encodeURIComponent(c));
  return `<!-- release-gates:sticky config=${safe.replace(/--/g, '-%2D')} -->`;
}

/** The marker, the summary and a link to the run, within GitHub's 65,536 characters. */
export function renderCommentBody(
  result: RunResult,
  options: { marker: string; runUrl?: string; headSha?: string },
): string {
  const facts: string[] = [];
  if (options.runUrl) facts.push(`[workflow run](${options.runUrl})`);
  if (options.headSha) facts.push(`commit \`${options.headSha.slice(0, 7)}\``);
  const footer = facts.length > 0 ? `\n<sub>${facts.join(' · ')}</sub>\n` : '';
  return renderSized(result, COMMENT_MAX_CHARS, `${options.marker}\n`, footer);
}

interface IssueComment extends Authored {
  id: number;
  body?: string | null;
  html_url?: string;
}

/** Creates or updates the sticky comment on a PR event; elsewhere logs one line. Never throws. */
export async function publishComment(
  result: RunResult,
  options: PublishOptions,
  connection?: Connection,
): Promise<CommentOutcome> {
  const eventName = options.env.GITHUB_EVENT_NAME ?? '';
  if (!isPullRequestEvent(eventName)) {
    const reason = `the ${eventName || 'unknown'} event has no pull request`;
    options.logger.info(
      `release-gates: no PR comment: ${reason} (comments are posted on pull_request and pull_request_target events)`,
    );
    return { status: 'skipped', reason };
  }
  const doing = 'post the PR comment';
  const conn = connection ?? (await connect(options, doing));
  if (!conn) return { status: 'failed', message: 'no connection' };
  const { client, target, logger, identity } = conn;
  if (target.pullNumber === undefined) {
    const message = `release-gates could not ${doing}: the ${eventName} event payload (GITHUB_EVENT_PATH) has no pull_request.number`;
    logger.warning(message);
    return { status: 'failed', message };
  }

  const { owner, repo, pullNumber } = target;
  const marker = stickyMarker(configKey(result.configFile, options.workingDirectory));
  const advice = {
    permission: PERMISSION,
    notFound: `Pull request #${pullNumber} was not found in ${owner}/${repo}, or the token cannot see it; check the github-token input.`,
    apiUrl: target.apiUrl,
    ...(options.now ? { now: options.now } : {}),
  };

  let existing: IssueComment | undefined;
  const others: IssueComment[] = [];
  let walk: PageWalk;
  try {
    walk = await walkPages<IssueComment>(
      client,
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { owner, repo, issue_number: pullNumber, per_page: COMMENTS_PER_PAGE },
      async (comments) => {
        const marked = comments.filter(
          (comment) => typeof comment.body === 'string' && comment.body.includes(marker),
        );
        existing = await identity.firstOwn(marked);
        others.push(...marked.filter((comment) => comment !== existing));
        return existing !== undefined;
      },
      {
        ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
        ...(options.pagesTimeLimitMs !== undefined
          ? { timeLimitMs: options.pagesTimeLimitMs }
          : {}),
        ...(options.now ? { now: options.now } : {}),
      },
    );
  } catch (error) {
    const message = describeFailure(error, { ...advice, doing: 'read the PR comments' });
    logger.warning(message);
    return { status: 'failed', message };
  }
  if (!existing && walk.capped) {
    // Its comment may be on a page not read: a second one would be worse than none.
    const message =
      `release-gates could not ${doing}: it stopped reading the PR comments because ` +
      `${walk.capped.message} (${walk.pages * COMMENTS_PER_PAGE} comments at most), without ` +
      'finding its sticky comment, and posts no second one; the next run will try again.';
    logger.warning(message);
    return { status: 'failed', message };
  }

  if (others.length > 0) {
    const authors = [...new Set(others.map((comment) => comment.user?.login ?? 'unknown'))];
    logger.info(
      `release-gates: left alone ${others.length} comment(s) that carry its marker but were ` +
        `not written by the github-token (by ${authors.slice(0, 5).join(', ')}` +
        `${authors.length > 5 ? ` and ${authors.length - 5} more` : ''})`,
    );
  }

  // Rendered from the session's result, whose free text is already redacted. Redacting the
  // body again could mangle the marker (a short `redact` value) and orphan the comment.
  const body = renderCommentBody(result, {
    marker,
    ...(target.runUrl ? { runUrl: target.runUrl } : {}),
    ...(target.headSha ? { headSha: target.headSha } : {}),
  });
  try {
    if (existing) {
      const { data } = await client.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body,
      });
      logger.info(`release-gates: updated the PR comment ${data.html_url ?? `#${existing.id}`}`);
      return {
        status: 'updated',
        id: existing.id,
        ...(data.html_url ? { url: data.html_url } : {}),
      };
    }
    const { data } = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: pullNumber,
      body,
    });
    logger.info(`release-gates: posted the PR comment ${data.html_url ?? `#${data.id}`}`);
    return { status: 'created', id: data.id, ...(data.html_url ? { url: data.html_url } : {}) };
  } catch (error) {
    const message = describeFailure(error, {
      ...advice,
      doing: existing ? 'update the PR comment' : 'post the PR comment',
    });
    logger.warning(message);
    return { status: 'failed', message };
  }
}
