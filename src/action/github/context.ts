import { readFileSync } from 'node:fs';

/*
 * Where a comment or check run goes, read from the runner's variables and the event payload.
 * Everything comes from the `env` passed in, never from process.env directly, so tests can
 * point it anywhere without touching the test process.
 */

export type GitHubEnv = Record<string, string | undefined>;

/** Events whose payload carries the pull request a sticky comment belongs to. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const;

export interface GitHubTarget {
  /** GITHUB_API_URL without a trailing slash (api.github.com, or a GHES /api/v3 URL). */
  apiUrl: string;
  owner: string;
  repo: string;
  eventName: string;
  /** The pull request number, on pull_request and pull_request_target events only. */
  pullNumber?: number;
  /** The commit a check run belongs to: the PR's head commit on PR events, else GITHUB_SHA. */
  headSha?: string;
  /** The workflow run's page, when the runner says which run this is. */
  runUrl?: string;
}

interface PullRequestPayload {
  pull_request?: { number?: unknown; head?: { sha?: unknown } };
}

function readPayload(eventPath: string | undefined): PullRequestPayload | undefined {
  if (!eventPath) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as PullRequestPayload) : {};
  } catch {
    return undefined;
  }
}

export function isPullRequestEvent(eventName: string): boolean {
  return (PULL_REQUEST_EVENTS as readonly string[]).includes(eventName);
}

/** Reads the target; throws an Error with a sentence a user can act on when it cannot. */
export function readTarget(env: GitHubEnv): GitHubTarget {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new Error(
      `GITHUB_REPOSITORY is ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')}, expected owner/name`,
    );
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const target: GitHubTarget = {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    owner,
    repo,
    eventName,
  };
  if (env.GITHUB_SHA) target.headSha = env.GITHUB_SHA;
  if (isPullRequestEvent(eventName)) {
    const pr = readPayload(env.GITHUB_EVENT_PATH)?.pull_request;
    if (typeof pr?.number === 'number' && Number.isInteger(pr.number) && pr.number > 0) {
      target.pullNumber = pr.number;
    }
    // On PR events GITHUB_SHA is the merge (or base) commit; the PR shows checks of its head.
    if (typeof pr?.head?.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(pr.head.sha)) {
      target.headSha = pr.head.sha;
    }
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) {
    target.runUrl = `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return target;
}
