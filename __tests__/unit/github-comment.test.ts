import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  configKey,
  publishComment,
  renderCommentBody,
  stickyMarker,
} from '../../src/action/github/comment.js';
import { COMMENT_MAX_CHARS } from '../../src/action/github/markdown.js';
import { publishToGitHub } from '../../src/action/github/publish.js';
import { DEFAULT_POLICY } from '../../src/engine/config/types.js';
import type { Priority } from '../../src/engine/stages.js';
import type { GateResult, RunResult } from '../../src/engine/types.js';
import {
  ACTIONS_BOT,
  closeFakeGitHubApis,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../helpers/fake-github-api.js';

/*
 * The sticky PR comment against a fake GitHub API on 127.0.0.1: the exact requests, the
 * body and its size, and that every API problem is one warning, never a throw.
 */

const TOKEN = 'ghs_FAKEfake0123456789FAKEfake0123456789';
const HEAD_SHA = 'b'.repeat(40);
const MERGE_SHA = 'c'.repeat(40);
const MARKER = '<!-- release-gates:sticky config=.github/release-gates.yml -->';
const LIST = 'GET /repos/octo/shop/issues/7/comments?per_page=100';
const CREATE = 'POST /repos/octo/shop/issues/7/comments';

function gate(partial: Partial<GateResult> & { id: string }): GateResult {
  return {
    name: partial.id,
    stage: 'lint',
    priority: 'P1',
    kind: 'run',
    action: 'block',
    status: 'passed',
    exitCode: 0,
    durationMs: 1200,
    attempts: 1,
    attemptHistory: [],
    tail: '',
    tailTruncated: false,
    ...partial,
  };
}

const failing = (id: string, priority: Priority, extra: Partial<GateResult> = {}) =>
  gate({
    id,
    priority,
    action: DEFAULT_POLICY[priority],
    status: 'failed',
    exitCode: 1,
    detail: 'exited with code 1',
    tail: `error in ${id}`,
    ...extra,
  });

function runResult(gates: GateResult[], partial: Partial<RunResult> = {}): RunResult {
  const failed = gates.filter((g) => g.status === 'failed' || g.status === 'timed-out');
  return {
    verdict: failed.length > 0 ? 'failed' : 'passed',
    mode: 'enforce',
    configFile: '.github/release-gates.yml',
    event: 'pull_request',
    branch: 'feature',
    policy: DEFAULT_POLICY,
    concurrency: 2,
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:01:00.000Z',
    durationMs: 60_000,
    cancelled: false,
    gates,
    hooks: [],
    failedGates: failed.map((g) => g.id),
    ...partial,
  };
}

const RESULT = runResult([gate({ id: 'eslint' }), failing('api-tests', 'P1')]);

let dir: string;
let prEvent: string;
let noNumberEvent: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-github-comment-'));
  prEvent = path.join(dir, 'pr.json');
  await writeFile(
    prEvent,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, head: { sha: HEAD_SHA } },
    }),
  );
  noNumberEvent = path.join(dir, 'no-number.json');
  await writeFile(noNumberEvent, JSON.stringify({ action: 'opened', pull_request: {} }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(closeFakeGitHubApis);

function recorder() {
  const logged = { info: [] as string[], warning: [] as string[] };
  return {
    logged,
    logger: {
      info: (message: string) => logged.info.push(message),
      warning: (message: string) => logged.warning.push(message),
    },
  };
}

function setup(api: FakeGitHubApi, overrides: Record<string, string> = {}) {
  const { logged, logger } = recorder();
  const sleeps: number[] = [];
  const env: Record<string, string> = {
    GITHUB_API_URL: api.url,
    GITHUB_REPOSITORY: 'octo/shop',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: prEvent,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '4242',
    ...overrides,
  };
  const options = {
    token: TOKEN,
    env,
    logger,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    now: () => 1_700_000_000_000,
  };
  return { logged, sleeps, options };
}

/** No recorded request carries the token anywhere; each says it was authorized. */
function expectTokenNeverSent(api: FakeGitHubApi): void {
  for (const request of api.requests) {
    expect(request.authorization).toEqual({ present: true, scheme: 'token' });
    expect(JSON.stringify(request.headers)).not.toContain(TOKEN);
    expect(request.rawBody).not.toContain(TOKEN);
  }
}

describe('sticky marker', () => {
  it('names the config path from the repository root and cannot close the comment early', () => {
    expect(stickyMarker(configKey('.github/release-gates.yml'))).toBe(MARKER);
    expect(stickyMarker(configKey('.github/release-gates.yml', './services/api/'))).toBe(
      '<!-- release-gates:sticky config=services/api/.github/release-gates.yml -->',
    );
    const odd = stickyMarker(configKey('gates -->x--<b>.yml'));
    expect(odd).toBe('<!-- release-gates:sticky config=gates%20-%2D%3Ex-%2D%3Cb%3E.yml -->');
    expect(odd.slice('<!--'.length, -' -->'.length)).not.toMatch(/--|>/);
    expect(odd.endsWith(' -->')).toBe(true);
  });
});

describe('publishComment', () => {
  it('lists the comments, finds no marker and posts one comment', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(7, ['LGTM', '<!-- some-other-bot -->\nhello']);
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, CREATE]);
    expect(outcome).toMatchObject({ status: 'created', id: 1002 });
    const body: string = api.requests[1]!.body.body;
    expect(body.startsWith(`${MARKER}\n## `)).toBe(true);
    expect(body).toContain('Release gates failed');
    expect(body).toContain('api-tests');
    expect(body).toContain('[workflow run](https://github.test/octo/shop/actions/runs/4242)');
    expect(body).toContain(`commit \`${HEAD_SHA.slice(0, 7)}\``);
    expect(body).not.toContain('Full report:');
    expect(api.requests[1]!.headers['content-type']).toContain('application/json');
    expectTokenNeverSent(api);
    expect(logged.warning).toEqual([]);
    expect(logged.info).toEqual([
      'release-gates: posted the PR comment https://github.test/octo/shop/pull/7#issuecomment-1002',
    ]);
  });

  it('lists the comments, finds the marker and updates that comment in place', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(7, ['first']);
    const [sticky] = api.seedComments(7, [`${MARKER}\nold summary`], ACTIONS_BOT);
    api.seedComments(7, ['later']);
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, `PATCH /repos/octo/shop/issues/comments/${sticky!.id}`]);
    expect(outcome).toMatchObject({ status: 'updated', id: sticky!.id });
    expect(api.requests[1]!.body.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(api.comments.get(7)).toHaveLength(3);
    expectTokenNeverSent(api);
    expect(logged.warning).toEqual([]);
  });

  it('follows the pagination to find the marker on page 2 and updates it', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(
      7,
      Array.from({ length: 120 }, (_, i) => `comment ${i}`),
    );
    const sticky = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT)[0]!;
    api.seedComments(7, ['after']);
    const { logged, options } = setup(api);

    await publishComment(RESULT, options);

    expect(api.calls()).toEqual([
      LIST,
      'GET /repos/octo/shop/issues/7/comments?per_page=100&page=2',
      `PATCH /repos/octo/shop/issues/comments/${sticky.id}`,
    ]);
    expect(api.comments.get(7)).toHaveLength(122);
    expect(logged.warning).toEqual([]);
  });

  it('stops listing at the page that holds the marker', async () => {
    const api = await startFakeGitHubApi();
    const seeded = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT);
    api.seedComments(
      7,
      Array.from({ length: 250 }, (_, i) => `comment ${i}`),
    );
    const { options } = setup(api);

    await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, `PATCH /repos/octo/shop/issues/comments/${seeded[0]!.id}`]);
  });

  it('walks every page and posts when no page holds the marker', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(
      7,
      Array.from({ length: 230 }, (_, i) => `comment ${i}`),
    );
    const { options } = setup(api);

    await publishComment(RESULT, options);

    expect(api.calls()).toEqual([
      LIST,
      'GET /repos/octo/shop/issues/7/comments?per_page=100&page=2',
      'GET /repos/octo/shop/issues/7/comments?per_page=100&page=3',
      CREATE,
    ]);
  });

  it("ignores another config's sticky comment", async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(7, [
      '<!-- release-gates:sticky config=services/web/.github/release-gates.yml -->\nweb',
    ]);
    const { options } = setup(api);

    await publishComment(RESULT, { ...options, workingDirectory: 'services/api' });

    expect(api.calls()).toEqual([LIST, CREATE]);
    expect(api.requests[1]!.body.body).toMatch(
      /^<!-- release-gates:sticky config=services\/api\/\.github\/release-gates\.yml -->\n/,
    );
  });

  it('works the same on pull_request_target', async () => {
    const api = await startFakeGitHubApi();
    const { options } = setup(api, { GITHUB_EVENT_NAME: 'pull_request_target' });

    expect(await publishComment(RESULT, options)).toMatchObject({ status: 'created' });
    expect(api.calls()).toEqual([LIST, CREATE]);
  });

  it.each(['push', 'schedule', 'workflow_dispatch', 'pull_request_review'])(
    'makes no request on %s, says why in one info line',
    async (event) => {
      const api = await startFakeGitHubApi();
      const { logged, options } = setup(api, { GITHUB_EVENT_NAME: event });

      const outcome = await publishComment(RESULT, options);

      expect(outcome.status).toBe('skipped');
      expect(api.requests).toEqual([]);
      expect(logged.warning).toEqual([]);
      expect(logged.info).toHaveLength(1);
      expect(logged.info[0]).toContain(`the ${event} event has no pull request`);
    },
  );

  it.each([
    {
      status: 403,
      route: 'POST',
      calls: [LIST, CREATE],
      advice: '`permissions: pull-requests: write`',
      message: 'Resource not accessible by integration',
    },
    {
      status: 404,
      route: 'GET',
      calls: [LIST],
      advice: 'Pull request #7 was not found in octo/shop',
      message: 'Not Found',
    },
    {
      status: 422,
      route: 'POST',
      calls: [LIST, CREATE],
      advice: 'rejected the request as invalid',
      message: 'Validation Failed',
    },
    {
      status: 500,
      route: 'GET',
      calls: [LIST],
      advice: 'server error; the next run will try again',
      message: 'Server Error',
    },
  ])(
    'HTTP $status on $route: one warning naming it and what to do; no throw, no retry',
    async (c) => {
      const api = await startFakeGitHubApi();
      api.script(c.route, '/repos/octo/shop/issues/7/comments', {
        status: c.status,
        body: { message: c.message, documentation_url: 'https://docs.github.com/rest' },
      });
      const { logged, sleeps, options } = setup(api);

      const outcome = await publishComment(RESULT, options);

      expect(outcome.status).toBe('failed');
      expect(api.calls()).toEqual(c.calls);
      expect(sleeps).toEqual([]);
      expect(logged.warning).toHaveLength(1);
      expect(logged.warning[0]).toContain(`HTTP ${c.status}`);
      expect(logged.warning[0]).toContain(c.message);
      expect(logged.warning[0]).toContain(c.advice);
      expect(logged.warning[0]).not.toContain(TOKEN);
    },
  );

  it('says a failed update is an update', async () => {
    const api = await startFakeGitHubApi();
    const [sticky] = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT);
    api.script('PATCH', `/repos/octo/shop/issues/comments/${sticky!.id}`, {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const { logged, options } = setup(api);

    await publishComment(RESULT, options);

    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toMatch(
      /^release-gates could not update the PR comment: GitHub answered HTTP 403/,
    );
  });

  it('429 with retry-after: waits what GitHub asks, retries, then succeeds', async () => {
    const api = await startFakeGitHubApi();
    api.script('POST', '/repos/octo/shop/issues/7/comments', {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const { logged, sleeps, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, CREATE, CREATE]);
    expect(sleeps).toEqual([2000]);
    expect(outcome.status).toBe('created');
    expect(api.comments.get(7)).toHaveLength(1);
    expect(logged.warning).toEqual([]);
    expect(logged.info[0]).toContain('retrying in 2.0 s');
  });

  it('403 with x-ratelimit-remaining 0: waits until x-ratelimit-reset, then retries', async () => {
    const api = await startFakeGitHubApi();
    api.script('GET', '/repos/octo/shop/issues/7/comments', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(1_700_000_000 + 3) },
      body: { message: 'API rate limit exceeded' },
    });
    const { logged, sleeps, options } = setup(api);

    await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, LIST, CREATE]);
    expect(sleeps).toEqual([3000]);
    expect(logged.warning).toEqual([]);
  });

  it('403 with retry-after (a secondary rate limit) is retried too', async () => {
    const api = await startFakeGitHubApi();
    api.script('POST', '/repos/octo/shop/issues/7/comments', {
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit' },
    });
    const { sleeps, options } = setup(api);

    expect((await publishComment(RESULT, options)).status).toBe('created');
    expect(api.calls()).toEqual([LIST, CREATE, CREATE]);
    expect(sleeps).toEqual([1000]);
  });

  it('gives up after 3 retries with one warning', async () => {
    const api = await startFakeGitHubApi();
    const limited = {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'slow down' },
    };
    api.script(
      'POST',
      '/repos/octo/shop/issues/7/comments',
      limited,
      limited,
      limited,
      limited,
      limited,
    );
    const { logged, sleeps, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.calls()).toEqual([LIST, CREATE, CREATE, CREATE, CREATE]);
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(outcome.status).toBe('failed');
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain('HTTP 429');
    expect(logged.warning[0]).toContain('rate limited');
  });

  it('backs off 1 s, 2 s when a 429 names no wait, within the total cap', async () => {
    const api = await startFakeGitHubApi();
    const limited = { status: 429, body: { message: 'slow down' } };
    api.script('POST', '/repos/octo/shop/issues/7/comments', limited, limited, limited, limited);
    const { sleeps, options } = setup(api);

    await publishComment(RESULT, options);

    // 1 s + 2 s fit in the 5 s cap; 4 s more would not.
    expect(sleeps).toEqual([1000, 2000]);
    expect(api.calls()).toEqual([LIST, CREATE, CREATE, CREATE]);
  });

  it('does not wait when GitHub asks for longer than the cap', async () => {
    const api = await startFakeGitHubApi();
    api.script('POST', '/repos/octo/shop/issues/7/comments', {
      status: 429,
      headers: { 'retry-after': '60' },
      body: { message: 'slow down' },
    });
    const { logged, sleeps, options } = setup(api);

    await publishComment(RESULT, options);

    expect(sleeps).toEqual([]);
    expect(api.calls()).toEqual([LIST, CREATE]);
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain('GitHub asked to wait 60 s');
  });

  it('warns once when the API cannot be reached', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);
    await api.close();

    const outcome = await publishComment(RESULT, options);

    expect(outcome.status).toBe('failed');
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain(`no answer from ${api.url}`);
  });

  it('warns once and sends nothing without a token or without a PR number', async () => {
    const api = await startFakeGitHubApi();
    const first = setup(api);
    await publishComment(RESULT, { ...first.options, token: '' });
    expect(first.logged.warning).toHaveLength(1);
    expect(first.logged.warning[0]).toContain('github-token input is empty');

    const second = setup(api, { GITHUB_EVENT_PATH: noNumberEvent });
    await publishComment(RESULT, second.options);
    expect(second.logged.warning).toEqual([
      'release-gates could not post the PR comment: the pull_request event payload (GITHUB_EVENT_PATH) has no pull_request.number',
    ]);
    expect(api.requests).toEqual([]);
  });
});

describe('publishComment: only a comment the token wrote is its sticky comment', () => {
  const PAT = 'ghp_FAKEfake0123456789FAKEfake0123456789ab';
  const MALLORY = { login: 'mallory', type: 'User' };
  const ME = { login: 'release-ci', type: 'User' };
  const USER = 'GET /user';
  const GRAPHQL = 'POST /graphql';
  const patch = (id: number) => `PATCH /repos/octo/shop/issues/comments/${id}`;

  it("leaves someone else's marker comment alone and posts its own", async () => {
    const api = await startFakeGitHubApi();
    const [planted] = api.seedComments(7, [`${MARKER}\nplanted by mallory`], MALLORY);
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    // GITHUB_TOKEN cannot read /user and is not asked: it writes as github-actions[bot].
    expect(api.calls()).toEqual([LIST, CREATE]);
    expect(outcome).toMatchObject({ status: 'created' });
    expect(api.comments.get(7)![0]).toEqual(planted);
    expect(api.comments.get(7)![1]!.user).toEqual(ACTIONS_BOT);
    expect(logged.warning).toEqual([]);
    expect(logged.info).toContain(
      'release-gates: left alone 1 comment(s) that carry its marker but were not written by the github-token (by mallory)',
    );

    // The next run finds its own comment, not mallory's.
    await publishComment(RESULT, options);
    expect(api.calls().slice(2)).toEqual([LIST, patch(api.comments.get(7)![1]!.id)]);
    expect(api.comments.get(7)![0]!.body).toBe(`${MARKER}\nplanted by mallory`);
  });

  it('updates its own earlier comment, not the marker comment someone posted before it', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(7, [`${MARKER}\nfirst!`], MALLORY);
    // A person cannot be the Actions app, even when it says it acted through it.
    api.comments.get(7)!.push({
      id: 1,
      body: `${MARKER}\nvia an app`,
      user: { login: 'eve', type: 'User' },
      performed_via_github_app: { slug: 'github-actions' },
    });
    const [own] = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT);
    const { options } = setup(api);

    expect(await publishComment(RESULT, options)).toMatchObject({ status: 'updated', id: own!.id });
    expect(api.calls()).toEqual([LIST, patch(own!.id)]);
    expect(api.comments.get(7)![0]!.body).toBe(`${MARKER}\nfirst!`);
    expect(api.comments.get(7)![1]!.body).toBe(`${MARKER}\nvia an app`);
  });

  it('a PAT: looks its login up once with GET /user and matches comments by that login', async () => {
    const api = await startFakeGitHubApi();
    api.actor = ME;
    api.seedComments(7, [`${MARKER}\nmallory`], MALLORY);
    api.seedComments(7, [`${MARKER}\nthe Actions bot`], ACTIONS_BOT);
    api.seedComments(
      7,
      Array.from({ length: 120 }, (_, i) => `comment ${i}`),
    );
    api.seedComments(7, [`${MARKER}\nmallory again`], MALLORY);
    const [own] = api.seedComments(7, [`${MARKER}\nold`], ME);
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, { ...options, token: PAT });

    expect(outcome).toMatchObject({ status: 'updated', id: own!.id });
    expect(api.calls()).toEqual([
      LIST,
      USER,
      'GET /repos/octo/shop/issues/7/comments?per_page=100&page=2',
      patch(own!.id),
    ]);
    expect(logged.warning).toEqual([]);
  });

  it('a PAT: one GET /user for the comment and the check run together', async () => {
    const api = await startFakeGitHubApi();
    api.actor = ME;
    api.seedComments(7, [`${MARKER}\nmallory`], MALLORY);
    const { options } = setup(api);

    const outcome = await publishToGitHub(RESULT, {
      ...options,
      token: PAT,
      comment: true,
      checkRun: true,
    });

    expect(outcome.comment?.status).toBe('created');
    expect(api.calls()).toEqual([LIST, USER, CREATE, 'POST /repos/octo/shop/check-runs']);
    expect(api.comments.get(7)![1]!.user).toEqual(ME);
    expect(api.comments.get(7)![0]!.body).toBe(`${MARKER}\nmallory`);
  });

  it('a PAT: asks nothing about itself when no comment carries the marker', async () => {
    const api = await startFakeGitHubApi();
    api.actor = ME;
    api.seedComments(7, ['LGTM'], MALLORY);
    const { options } = setup(api);

    await publishComment(RESULT, { ...options, token: PAT });

    expect(api.calls()).toEqual([LIST, CREATE]);
  });

  it('a token whose GET /user answers 403 is an installation: the Actions bot', async () => {
    const api = await startFakeGitHubApi();
    api.seedComments(7, [`${MARKER}\nmallory`], MALLORY);
    const [own] = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT);
    const { logged, options } = setup(api);

    await publishComment(RESULT, {
      ...options,
      token: 'v1.0123456789abcdef0123456789abcdef01234567',
    });

    expect(api.calls()).toEqual([LIST, USER, patch(own!.id)]);
    expect(logged.warning).toEqual([]);
  });

  it('when GET /user fails, only comments by github-actions[bot] count as its own', async () => {
    const api = await startFakeGitHubApi();
    api.actor = ME;
    api.script('GET', '/user', { status: 500, body: { message: 'Server Error' } });
    api.seedComments(7, [`${MARKER}\nold`], ME);
    const [bot] = api.seedComments(7, [`${MARKER}\nbot`], ACTIONS_BOT);
    const { logged, options } = setup(api);

    await publishComment(RESULT, { ...options, token: PAT });

    expect(api.calls()).toEqual([LIST, USER, patch(bot!.id)]);
    expect(logged.info).toContain(
      'release-gates: could not learn who the github-token is (GET /user: Server Error); only comments by github-actions[bot] count as its own',
    );
  });

  it("a GitHub App's token: GraphQL's viewer says which bot it is, asked once", async () => {
    const api = await startFakeGitHubApi();
    const app = { login: 'release-app[bot]', type: 'Bot' };
    api.actor = app;
    api.seedComments(7, [`${MARKER}\nanother app`], { login: 'other-app[bot]', type: 'Bot' });
    api.seedComments(
      7,
      Array.from({ length: 100 }, (_, i) => `comment ${i}`),
    );
    const [own] = api.seedComments(7, [`${MARKER}\nold`], app);
    const { options } = setup(api);

    expect(await publishComment(RESULT, options)).toMatchObject({ status: 'updated', id: own!.id });
    expect(api.calls()).toEqual([
      LIST,
      GRAPHQL,
      'GET /repos/octo/shop/issues/7/comments?per_page=100&page=2',
      patch(own!.id),
    ]);
    expect(api.requests[1]!.body.query).toContain('viewer');
  });

  it("another bot's marker comment is left alone when GraphQL cannot say who the token is", async () => {
    const api = await startFakeGitHubApi();
    api.script('POST', '/graphql', { status: 403, body: { message: 'Forbidden' } });
    api.seedComments(7, [`${MARKER}\nanother app`], { login: 'other-app[bot]', type: 'Bot' });
    const { logged, options } = setup(api);

    expect(await publishComment(RESULT, options)).toMatchObject({ status: 'created' });
    expect(api.calls()).toEqual([LIST, GRAPHQL, CREATE]);
    expect(logged.warning).toEqual([]);
  });
});

describe('publishComment against an API that always offers a next page', () => {
  const COMMENTS = '/repos/octo/shop/issues/7/comments';
  /** Page n of a list that never ends: 100 comments without the marker and a rel="next". */
  const endless =
    (api: FakeGitHubApi, nextOrigin = api.url, delayMs = 0) =>
    (request: { query: Record<string, string> }) => {
      const page = Number(request.query.page ?? 1);
      return {
        status: 200,
        delayMs,
        headers: { link: `<${nextOrigin}${COMMENTS}?per_page=100&page=${page + 1}>; rel="next"` },
        body: Array.from({ length: 100 }, (_, i) => ({
          id: page * 1000 + i,
          body: `comment ${page}.${i}`,
          user: { login: 'someone', type: 'User' },
        })),
      };
    };

  it('stops at 50 pages, warns what was capped and posts no second comment', async () => {
    const api = await startFakeGitHubApi();
    api.serve('GET', COMMENTS, endless(api));
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.requests).toHaveLength(50);
    expect(api.calls().every((call) => call.startsWith(`GET ${COMMENTS}?`))).toBe(true);
    expect(api.calls()[49]).toBe(`GET ${COMMENTS}?per_page=100&page=50`);
    expect(outcome.status).toBe('failed');
    expect(logged.warning).toEqual([
      'release-gates could not post the PR comment: it stopped reading the PR comments because ' +
        'GitHub still offered a next page after 50 pages, the limit (5000 comments at most), ' +
        'without finding its sticky comment, and posts no second one; the next run will try again.',
    ]);
  });

  it('still updates its comment when it is on a page before the limit', async () => {
    const api = await startFakeGitHubApi();
    const [sticky] = api.seedComments(7, [`${MARKER}\nold`], ACTIONS_BOT);
    const list = endless(api);
    api.serve('GET', COMMENTS, (request) => {
      const answer = list(request);
      return request.query.page === '3' ? { ...answer, body: [api.comments.get(7)![0]] } : answer;
    });
    const { logged, options } = setup(api);

    expect(await publishComment(RESULT, options)).toMatchObject({ status: 'updated' });
    expect(api.calls()).toHaveLength(4);
    expect(api.calls()[3]).toBe(`PATCH /repos/octo/shop/issues/comments/${sticky!.id}`);
    expect(logged.warning).toEqual([]);
  });

  it('stops when 60 s have passed between pages, and says so', async () => {
    const api = await startFakeGitHubApi();
    api.serve('GET', COMMENTS, endless(api));
    const { logged, options } = setup(api);
    let clock = 1_700_000_000_000;
    // Every look at the clock finds 7 s gone: the 60 s are up after a handful of pages.
    const now = () => (clock += 7_000);

    const outcome = await publishComment(RESULT, { ...options, now });

    expect(outcome.status).toBe('failed');
    expect(api.requests.length).toBeGreaterThan(1);
    expect(api.requests.length).toBeLessThan(12);
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain(
      `because the 60 s limit for reading a list ran out after ${api.requests.length} page(s)`,
    );
  });

  it('aborts a page still on its way when the time limit runs out', async () => {
    const api = await startFakeGitHubApi();
    api.serve('GET', COMMENTS, endless(api, api.url, 30_000));
    const { logged, options } = setup(api);
    const started = Date.now();

    const outcome = await publishComment(RESULT, { ...options, pagesTimeLimitMs: 300 });

    // Far less than the fake's 30 s or the 20 s per request: the list's limit ended it.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome.status).toBe('failed');
    expect(api.requests).toHaveLength(1);
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain(
      'the 0.3 s limit for reading a list ran out after 0 page(s)',
    );
  });

  it('does not follow a next-page link to another origin (it would get the token)', async () => {
    const api = await startFakeGitHubApi();
    const elsewhere = await startFakeGitHubApi();
    api.serve('GET', COMMENTS, endless(api, elsewhere.url));
    const { logged, options } = setup(api);

    const outcome = await publishComment(RESULT, options);

    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain(
      `because page 1 linked its next page to ${elsewhere.url}, not to ${api.url}`,
    );
  });
});

describe('comment size', () => {
  const huge = runResult(
    Array.from({ length: 300 }, (_, i) =>
      failing(`gate-${String(i).padStart(3, '0')}`, (['P0', 'P1', 'P2', 'P3'] as const)[i % 4]!, {
        name: `Gate ${i} ✓ ünïcödé`,
        detail: `exited with code 1 ${'detail '.repeat(60)}`,
        tail: Array.from({ length: 80 }, (_, n) => `line ${n}: ${'€rror '.repeat(20)}`).join('\n'),
      }),
    ),
  );

  it('stays within 65,536 characters (and bytes) for 300 failing gates with long tails', async () => {
    const body = renderCommentBody(huge, {
      marker: MARKER,
      runUrl: 'https://github.test/octo/shop/actions/runs/1',
      headSha: HEAD_SHA,
    });
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(body.startsWith(`${MARKER}\n## `)).toBe(true);
    expect(body.length).toBeGreaterThan(50_000);

    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);
    await publishComment(huge, options);
    expect(api.calls()).toEqual([LIST, CREATE]);
    const sent: string = api.requests[1]!.body.body;
    expect(sent.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(sent.startsWith(MARKER)).toBe(true);
    expect(logged.warning).toEqual([]);
  });
});

describe('publishToGitHub', () => {
  it('does nothing at all when neither is asked for', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);
    expect(await publishToGitHub(RESULT, { ...options, comment: false, checkRun: false })).toEqual(
      {},
    );
    expect(api.requests).toEqual([]);
    expect(logged).toEqual({ info: [], warning: [] });
  });

  it('comment only, on push: one info line and no request', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api, { GITHUB_EVENT_NAME: 'push' });
    const outcome = await publishToGitHub(RESULT, { ...options, comment: true, checkRun: false });
    expect(outcome.comment?.status).toBe('skipped');
    expect(api.requests).toEqual([]);
    expect(logged.info).toHaveLength(1);
    expect(logged.warning).toEqual([]);
  });

  it('both on a PR: the comment, then the check run on the PR head commit', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);
    const outcome = await publishToGitHub(RESULT, { ...options, comment: true, checkRun: true });
    expect(api.calls()).toEqual([LIST, CREATE, 'POST /repos/octo/shop/check-runs']);
    expect(api.requests[2]!.body.head_sha).toBe(HEAD_SHA);
    expect(outcome.comment?.status).toBe('created');
    expect(outcome.checkRun?.status).toBe('created');
    expect(logged.warning).toEqual([]);
    expectTokenNeverSent(api);
  });

  it('a warning can never carry the token', async () => {
    const api = await startFakeGitHubApi();
    api.script('GET', '/repos/octo/shop/issues/7/comments', {
      status: 401,
      body: { message: `Bad credentials for ${TOKEN}` },
    });
    const { logged, options } = setup(api);
    await publishToGitHub(RESULT, { ...options, comment: true, checkRun: false });
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain('HTTP 401');
    expect(logged.warning[0]).toContain('Bad credentials for ***');
    expect(logged.warning[0]).not.toContain(TOKEN);
  });
});
