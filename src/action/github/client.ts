import type { getOctokit } from '@actions/github';
import { VERSION } from '../../version.js';
import { readTarget, type GitHubEnv, type GitHubTarget } from './context.js';

/*
 * The GitHub REST client for comments and check runs: the toolkit's own (so proxies and
 * GHES work as for every other action), loaded only when a comment or check run is asked for,
 * with a short, capped retry on rate limits, a timeout per request, and list pages read
 * within a page count and a time limit.
 */

export type GitHubClient = ReturnType<typeof getOctokit>;

/** What the publisher may say; main.ts passes @actions/core's functions. */
export interface PublishLogger {
  info(message: string): void;
  warning(message: string): void;
}

export interface RetryOptions {
  /** Waits between attempts; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** All waits of one request together; a longer wait asked for by GitHub is not made. */
  maxTotalWaitMs?: number;
  /** One attempt of one request. */
  requestTimeoutMs?: number;
  /** Pages one list may take (see walkPages). */
  maxPages?: number;
  /** All pages of one list together, waits and retries included. */
  pagesTimeLimitMs?: number;
}

export interface ClientOptions extends RetryOptions {
  token: string;
  apiUrl: string;
  logger: PublishLogger;
}

export const MAX_RETRIES = 3;
export const MAX_TOTAL_WAIT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 20_000;
/** 50 pages of 100: twice the 2,500 comments GitHub allows on an issue or pull request. */
export const MAX_PAGES = 50;
export const PAGES_TIME_LIMIT_MS = 60_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

function asErrorLike(error: unknown): ErrorLike {
  return error !== null && typeof error === 'object' ? (error as ErrorLike) : {};
}

function header(error: unknown, name: string): string | undefined {
  const value = asErrorLike(error).response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** The HTTP status GitHub answered, or undefined when no answer came at all. */
export function httpStatus(error: unknown): number | undefined {
  const { status, response } = asErrorLike(error);
  return response && typeof status === 'number' ? status : undefined;
}

/** A primary or secondary rate limit, as GitHub documents them. */
export function isRateLimited(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === 429) return true;
  return (
    status === 403 &&
    (header(error, 'x-ratelimit-remaining') === '0' || header(error, 'retry-after') !== undefined)
  );
}

/**
 * How long GitHub asks us to wait before the next attempt, in ms; undefined when the error
 * is not one to retry. retry-after wins, then x-ratelimit-reset, then 1 s, 2 s, 4 s.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  now: () => number,
): number | undefined {
  if (!isRateLimited(error)) return undefined;
  const retryAfter = header(error, 'retry-after')?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now());
  }
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (header(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - now());
  }
  return 1000 * 2 ** attempt;
}

export async function createClient(options: ClientOptions): Promise<GitHubClient> {
  // Loaded here, not at the top: runs without comment or check run never pay for it.
  let getOctokit: typeof import('@actions/github').getOctokit;
  try {
    ({ getOctokit } = await import('@actions/github'));
  } catch (error) {
    // @actions/github reads the event payload as it loads; a broken one fails the import.
    const at = process.env.GITHUB_EVENT_PATH ?? '(unset)';
    throw new Error(
      `could not read the event payload at GITHUB_EVENT_PATH ${at}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? MAX_RETRIES;
  const maxTotalWaitMs = options.maxTotalWaitMs ?? MAX_TOTAL_WAIT_MS;
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const quiet = () => {};
  const octokit = getOctokit(options.token, {
    baseUrl: options.apiUrl,
    userAgent: `release-gates/${VERSION}`,
    log: { debug: quiet, info: quiet, warn: options.logger.info, error: options.logger.info },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    // A caller's signal (walkPages' time limit) ends the request and its retries too.
    const outer = requestOptions.request?.signal;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        return await request({
          ...requestOptions,
          request: {
            ...requestOptions.request,
            signal: outer ? AbortSignal.any([outer, timeout]) : timeout,
          },
        });
      } catch (error) {
        const delay = retryDelayMs(error, attempt, now);
        if (
          delay === undefined ||
          outer?.aborted ||
          attempt >= maxRetries ||
          waited + delay > maxTotalWaitMs
        ) {
          throw error;
        }
        options.logger.info(
          `release-gates: GitHub rate limit (HTTP ${httpStatus(error)}) on ` +
            `${requestOptions.method} ${new URL(requestOptions.url, options.apiUrl).pathname}; ` +
            `retrying in ${(delay / 1000).toFixed(1)} s`,
        );
        waited += delay;
        await sleep(delay);
      }
    }
  });
  return octokit;
}

/** Why walkPages stopped before the list's last page. */
export interface PageCap {
  limit: 'pages' | 'time' | 'origin';
  /** What was capped, for a warning: "GitHub still offered a next page after 50 pages". */
  message: string;
}

export interface PageWalk {
  /** Pages read. */
  pages: number;
  /** Set when a limit, not the end of the list or `visit`, stopped the walk. */
  capped?: PageCap;
}

export interface PageLimits {
  maxPages?: number;
  timeLimitMs?: number;
  now?: () => number;
}

/** The rel="next" URL of a Link header, as GitHub sends it. */
function nextLink(link: unknown): string | undefined {
  return typeof link === 'string' ? /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
}

/**
 * Reads a list endpoint page by page, handing each page's items to `visit` until it returns
 * true, the list ends, or a limit is reached: `maxPages` pages, `timeLimitMs` for all of them
 * (an answer still on its way when time runs out is aborted), or a next-page link to another
 * origin (it would be sent the token). An API that always offers a next page cannot keep the
 * action here. Throws what the client throws for an API error.
 */
export async function walkPages<T>(
  client: GitHubClient,
  route: string,
  parameters: Record<string, unknown>,
  visit: (items: T[]) => boolean | Promise<boolean>,
  limits: PageLimits = {},
): Promise<PageWalk> {
  const maxPages = limits.maxPages ?? MAX_PAGES;
  const timeLimitMs = limits.timeLimitMs ?? PAGES_TIME_LIMIT_MS;
  const now = limits.now ?? Date.now;
  const started = now();
  const signal = AbortSignal.timeout(timeLimitMs);
  const timeCap = (pages: number): PageWalk => ({
    pages,
    capped: {
      limit: 'time',
      message: `the ${timeLimitMs / 1000} s limit for reading a list ran out after ${pages} page(s)`,
    },
  });
  let pages = 0;
  let next: string | undefined;
  // Where the client sends the token: GITHUB_API_URL's origin.
  const origin = new URL(client.request.endpoint.DEFAULTS.baseUrl).origin;
  for (;;) {
    let response: { data: unknown; headers: Record<string, unknown>; url: string };
    try {
      response = next
        ? await client.request({ method: 'GET', url: next, request: { signal } })
        : await client.request(route, { ...parameters, request: { signal } });
    } catch (error) {
      if (signal.aborted) return timeCap(pages);
      throw error;
    }
    pages++;
    if (await visit(Array.isArray(response.data) ? (response.data as T[]) : [])) return { pages };
    next = nextLink(response.headers.link);
    if (next === undefined) return { pages };
    if (pages >= maxPages) {
      return {
        pages,
        capped: {
          limit: 'pages',
          message: `GitHub still offered a next page after ${pages} pages, the limit`,
        },
      };
    }
    if (signal.aborted || now() - started >= timeLimitMs) return timeCap(pages);
    let target: string;
    try {
      target = new URL(next, response.url).origin;
    } catch {
      target = 'an invalid URL';
    }
    if (target !== origin) {
      return {
        pages,
        capped: {
          limit: 'origin',
          message: `page ${pages} linked its next page to ${target}, not to ${origin}`,
        },
      };
    }
    next = new URL(next, response.url).href;
  }
}

export interface FailureAdvice {
  /** What was being done, e.g. "update the PR comment". */
  doing: string;
  /** The job permission that allows it, e.g. "pull-requests: write". */
  permission: string;
  /** What a 404 means here. */
  notFound: string;
  apiUrl: string;
  now?: () => number;
}

function shortMessage(error: unknown): string {
  const message = asErrorLike(error).message;
  const text = typeof message === 'string' ? message : String(error);
  const line = text.split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** One warning line: what failed, GitHub's status and message, and what to do about it. */
export function describeFailure(error: unknown, advice: FailureAdvice): string {
  const prefix = `release-gates could not ${advice.doing}`;
  const status = httpStatus(error);
  const detail = shortMessage(error);
  if (status === undefined) {
    return `${prefix}: no answer from ${advice.apiUrl} (${detail}). Check GITHUB_API_URL and the runner's network or proxy.`;
  }
  const head = `${prefix}: GitHub answered HTTP ${status} (${detail})`;
  if (isRateLimited(error)) {
    const wait = retryDelayMs(error, MAX_RETRIES, advice.now ?? Date.now);
    const asked = wait !== undefined ? ` GitHub asked to wait ${Math.ceil(wait / 1000)} s.` : '';
    return (
      `${head}: rate limited.${asked} release-gates waits at most ` +
      `${MAX_TOTAL_WAIT_MS / 1000} s here; the next run will try again.`
    );
  }
  switch (status) {
    case 401:
      return `${head}. The github-token input is not a valid token.`;
    case 403:
      return (
        `${head}. The token may not do this: add \`permissions: ${advice.permission}\` to the job ` +
        `(pull requests from forks only get a read-only token).`
      );
    case 404:
      return `${head}. ${advice.notFound}`;
    case 422:
      return `${head}. GitHub rejected the request as invalid; please report this as a release-gates bug with this message.`;
    default:
      return status >= 500
        ? `${head}. GitHub had a server error; the next run will try again.`
        : `${head}.`;
  }
}

/** What every publish function takes; the token is only ever handed to the client. */
export interface PublishOptions extends RetryOptions {
  token: string;
  /** The runner's variables: GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, ... */
  env: GitHubEnv;
  logger: PublishLogger;
  /** The action's working-directory input: one sticky comment per config and directory. */
  workingDirectory?: string;
}

/** A target and a client, made once and shared by the comment and the check run. */
export interface Connection {
  target: GitHubTarget;
  client: GitHubClient;
  logger: PublishLogger;
  /** Who the token is, looked up at most once and only when needed. */
  identity: TokenIdentity;
}

/** Who wrote a comment, as GitHub's REST API says. */
export interface Authored {
  user?: { login?: string | null; type?: string | null } | null;
  performed_via_github_app?: { slug?: string | null } | null;
}

/** Who GitHub Actions' default token, GITHUB_TOKEN, writes as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const ACTIONS_APP_SLUG = 'github-actions';

/** A bot account: only a GitHub App installation writes as one, never a person. */
function isActionsBot(item: Authored): boolean {
  if (item.user?.type !== 'Bot') return false;
  return (
    item.user.login === ACTIONS_BOT_LOGIN ||
    item.performed_via_github_app?.slug === ACTIONS_APP_SLUG
  );
}

function writtenBy(item: Authored, login: string): boolean {
  const author = item.user?.login;
  return typeof author === 'string' && author.toLowerCase() === login.toLowerCase();
}

export interface TokenIdentity {
  /**
   * The first of `items` (say, comments that carry a marker) that the token itself wrote:
   * a marker anyone can type is no proof of authorship, GitHub's author field is.
   */
  firstOwn<T extends Authored>(items: readonly T[]): Promise<T | undefined>;
}

type Known =
  | { kind: 'user'; login: string }
  // A GitHub App installation token: GITHUB_TOKEN, or a GitHub App's own.
  | { kind: 'installation' }
  | { kind: 'unknown' };

/**
 * Who a token is. Installation tokens (`ghs_`: GITHUB_TOKEN and GitHub Apps' tokens) cannot
 * read GET /user (GitHub answers 403 "Resource not accessible by integration"), so they are
 * not asked: GITHUB_TOKEN writes as github-actions[bot]. Another token (a PAT) is looked up
 * once with GET /user; a 403 there also means an installation. Only when an installation
 * token meets a marker written by another bot does GraphQL's viewer (which installation
 * tokens can read) say whether that bot is a GitHub App's token itself. When GitHub cannot
 * say who the token is, only github-actions[bot]'s comments count as its own.
 */
export function tokenIdentity(
  client: GitHubClient,
  token: string,
  logger: PublishLogger,
): TokenIdentity {
  const installationToken = token.trim().startsWith('ghs_');
  let known: Promise<Known> | undefined;
  let viewer: Promise<string | undefined> | undefined;

  const lookUp = async (): Promise<Known> => {
    if (installationToken) return { kind: 'installation' };
    try {
      const { data } = await client.request('GET /user');
      if (typeof data.login === 'string' && data.login !== '') {
        return { kind: 'user', login: data.login };
      }
    } catch (error) {
      if (httpStatus(error) === 403 && !isRateLimited(error)) return { kind: 'installation' };
      logger.info(
        `release-gates: could not learn who the github-token is (GET /user: ${shortMessage(error)}); ` +
          `only comments by ${ACTIONS_BOT_LOGIN} count as its own`,
      );
    }
    return { kind: 'unknown' };
  };

  const lookUpViewer = async (): Promise<string | undefined> => {
    try {
      const data = await client.graphql<{ viewer?: { login?: unknown } }>(
        'query { viewer { login } }',
      );
      const login = data.viewer?.login;
      return typeof login === 'string' && login !== '' ? login : undefined;
    } catch (error) {
      logger.info(
        `release-gates: could not learn which GitHub App the github-token belongs to ` +
          `(GraphQL viewer: ${shortMessage(error)}); only comments by ${ACTIONS_BOT_LOGIN} count as its own`,
      );
      return undefined;
    }
  };

  return {
    async firstOwn(items) {
      if (items.length === 0) return undefined;
      const who = await (known ??= lookUp());
      if (who.kind === 'user') return items.find((item) => writtenBy(item, who.login));
      const actions = items.find(isActionsBot);
      if (actions || who.kind === 'unknown') return actions;
      const bots = items.filter((item) => item.user?.type === 'Bot');
      if (bots.length === 0) return undefined;
      const login = await (viewer ??= lookUpViewer());
      return login === undefined ? undefined : bots.find((item) => writtenBy(item, login));
    },
  };
}

/** A logger that can never print the token, whatever a message carries. */
export function scrubbingLogger(logger: PublishLogger, token: string): PublishLogger {
  const secret = token.trim();
  const scrub = (message: string) =>
    secret.length >= 4 ? message.split(secret).join('***') : message;
  return {
    info: (message) => logger.info(scrub(message)),
    warning: (message) => logger.warning(scrub(message)),
  };
}

/**
 * Reads the target and makes the client; on a problem warns once (naming `doing`) and
 * returns undefined. Never throws.
 */
export async function connect(
  options: PublishOptions,
  doing: string,
): Promise<Connection | undefined> {
  const logger = scrubbingLogger(options.logger, options.token);
  if (options.token.trim() === '') {
    logger.warning(
      `release-gates could not ${doing}: the github-token input is empty. ` +
        'Leave it at its default (${{ github.token }}) or pass a token.',
    );
    return undefined;
  }
  try {
    const target = readTarget(options.env);
    const client = await createClient({ ...options, apiUrl: target.apiUrl, logger });
    return { target, client, logger, identity: tokenIdentity(client, options.token, logger) };
  } catch (error) {
    logger.warning(`release-gates could not ${doing}: ${shortMessage(error)}`);
    return undefined;
  }
}
