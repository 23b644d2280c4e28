import type { RunResult } from '../../engine/index.js';
import { publishCheckRun, type CheckRunOutcome } from './check-run.js';
import { connect, scrubbingLogger, type PublishOptions } from './client.js';
import { publishComment, type CommentOutcome } from './comment.js';
import { isPullRequestEvent } from './context.js';

/*
 * The action's one entry point to the GitHub API: the sticky PR comment and the check run,
 * each only when asked for. A problem here is a warning, never a failed step: the gates'
 * verdict is already decided and written.
 */

export interface PublishRequest extends PublishOptions {
  comment: boolean;
  checkRun: boolean;
}

export interface PublishOutcome {
  comment?: CommentOutcome;
  checkRun?: CheckRunOutcome;
}

export async function publishToGitHub(
  result: RunResult,
  request: PublishRequest,
): Promise<PublishOutcome> {
  const outcome: PublishOutcome = {};
  if (!request.comment && !request.checkRun) return outcome;
  const options: PublishOptions = {
    ...request,
    logger: scrubbingLogger(request.logger, request.token),
  };
  try {
    const commentWanted =
      request.comment && isPullRequestEvent(request.env.GITHUB_EVENT_NAME ?? '');
    if (request.comment && !commentWanted) {
      // Logs why, makes no request, loads no client.
      outcome.comment = await publishComment(result, options);
    }
    if (!commentWanted && !request.checkRun) return outcome;
    const doing =
      commentWanted && request.checkRun
        ? 'post the PR comment or create the check run'
        : commentWanted
          ? 'post the PR comment'
          : 'create the check run';
    const connection = await connect(options, doing);
    if (!connection) return outcome;
    if (commentWanted) outcome.comment = await publishComment(result, options, connection);
    if (request.checkRun) outcome.checkRun = await publishCheckRun(result, options, connection);
  } catch (error) {
    // Each step catches its own API errors; this is for the unforeseen.
    options.logger.warning(
      `release-gates could not publish to GitHub: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return outcome;
}
