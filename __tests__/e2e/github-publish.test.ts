import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, nodeBinaries, removeTempDirs } from '../helpers/fixtures.js';
import {
  closeFakeGitHubApis,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../helpers/fake-github-api.js';
import { runAction, type ActionRun } from '../helpers/runner-harness.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * The bundled action (dist/index.js) posting its PR comment and check run to a fake GitHub
 * API on 127.0.0.1, as the runner would run it on a pull_request event. No request ever
 * leaves this machine: GITHUB_API_URL points at the fake.
 */

const NODES = nodeBinaries();
const TOKEN = 'ghs_FAKEfake0123456789FAKEfake0123456789';
const REPO = 'coffeestudio/platform';
const HEAD_SHA = 'e'.repeat(40);
const MERGE_SHA = 'f'.repeat(40);
const MARKER = '<!-- release-gates:sticky config=.github/release-gates.yml -->';
const LIST = `GET /repos/${REPO}/issues/17/comments?per_page=100`;
const COMMENT = `POST /repos/${REPO}/issues/17/comments`;
const CHECK = `POST /repos/${REPO}/check-runs`;

const PR_EVENT = {
  action: 'synchronize',
  number: 17,
  pull_request: {
    number: 17,
    head: { sha: HEAD_SHA, ref: 'feature/x' },
    base: { sha: 'd'.repeat(40), ref: 'main' },
  },
  repository: { full_name: REPO },
};

afterEach(closeFakeGitHubApis);
afterAll(removeTempDirs);

async function runOnPullRequest(api: FakeGitHubApi, node?: string, inputs = {}) {
  const workspace = await copyFixture('github-pr');
  return runAction({
    workspace,
    ...(node ? { node } : {}),
    eventName: 'pull_request',
    event: PR_EVENT,
    sha: MERGE_SHA,
    ref: 'refs/pull/17/merge',
    repository: REPO,
    inputs: { comment: 'true', 'check-run': 'true', 'github-token': TOKEN, ...inputs },
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_RUN_ID: '99',
      GITHUB_HEAD_REF: 'feature/x',
      GITHUB_BASE_REF: 'main',
    },
  });
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The token is in no output, file command, summary, report or log the run wrote. */
function expectTokenNowhere(run: ActionRun, api: FakeGitHubApi): void {
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.stderr).not.toContain(TOKEN);
  expect(run.summary).not.toContain(TOKEN);
  for (const file of filesUnder(run.files.dir)) {
    expect({ file, leaked: readFileSync(file, 'utf8').includes(TOKEN) }).toEqual({
      file,
      leaked: false,
    });
  }
  for (const request of api.requests) {
    expect(request.authorization).toEqual({ present: true, scheme: 'token' });
    expect(JSON.stringify(request.headers)).not.toContain(TOKEN);
    expect(request.rawBody).not.toContain(TOKEN);
  }
}

describe.each(NODES)('PR comment and check run under $label', ({ path: node }) => {
  it('pull_request: one sticky comment and a check run on the PR head, token never shown', async () => {
    const api = await startFakeGitHubApi();
    const run = await runOnPullRequest(api, node);

    expect(run.killedByHarness).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(['types']);

    expect(api.calls()).toEqual([LIST, COMMENT, CHECK]);

    const comment = api.requests[1]!.body.body as string;
    expect(comment.startsWith(`${MARKER}\n## `)).toBe(true);
    expect(comment).toContain('Release gates passed with warnings');
    expect(comment).toContain('Type check');
    expect(comment).toContain(`[workflow run](https://github.test/${REPO}/actions/runs/99)`);
    expect(comment.length).toBeLessThanOrEqual(65_536);

    const check = api.requests[2]!.body;
    expect(check).toMatchObject({
      name: 'release-gates',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'neutral',
      output: { title: 'Release gates passed with warnings' },
    });
    expect(check.output.summary).toContain('Type check');
    expect(check.output.summary.length).toBeLessThanOrEqual(65_535);
    // Findings come from the tool-output parser; when it reports the tsc line, it is placed.
    for (const annotation of check.output.annotations ?? []) {
      expect(annotation).toMatchObject({
        path: 'src/app.ts',
        start_line: 3,
        end_line: 3,
        annotation_level: 'warning',
        title: 'P2 Type check',
      });
    }

    expect(run.stdout).toContain('release-gates: posted the PR comment https://github.test/');
    expect(run.stdout).toContain('release-gates: created the check run https://github.test/');
    const warnings = annotations(parseWorkflowLog(run.stdout)).filter((a) =>
      a.message.includes('release-gates could not'),
    );
    expect(warnings).toEqual([]);
    expectTokenNowhere(run, api);
  });
});

describe('PR comment and check run', () => {
  it('a second run updates the same comment in place', async () => {
    const api = await startFakeGitHubApi();
    await runOnPullRequest(api);
    const second = await runOnPullRequest(api);

    expect(second.code).toBe(0);
    expect(api.calls()).toEqual([
      LIST,
      COMMENT,
      CHECK,
      LIST,
      `PATCH /repos/${REPO}/issues/comments/1000`,
      CHECK,
    ]);
    expect(api.comments.get(17)).toHaveLength(1);
    expect(api.comments.get(17)![0]!.body.startsWith(MARKER)).toBe(true);
    expect(api.checkRuns).toHaveLength(2);
    expectTokenNowhere(second, api);
  });

  it('a read-only token: two warnings with the permission to add, the step still passes', async () => {
    const api = await startFakeGitHubApi();
    const denied = {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    };
    api.script('POST', `/repos/${REPO}/issues/17/comments`, denied);
    api.script('POST', `/repos/${REPO}/check-runs`, denied);
    const run = await runOnPullRequest(api);

    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(api.calls()).toEqual([LIST, COMMENT, CHECK]);
    const warnings = annotations(parseWorkflowLog(run.stdout))
      .filter((a) => a.name === 'warning' && a.message.includes('release-gates could not'))
      .map((a) => a.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('HTTP 403');
    expect(warnings[0]).toContain('`permissions: pull-requests: write`');
    expect(warnings[1]).toContain('HTTP 403');
    expect(warnings[1]).toContain('`permissions: checks: write`');
    expectTokenNowhere(run, api);
  });

  it('push: no comment request, the check run goes on GITHUB_SHA', async () => {
    const api = await startFakeGitHubApi();
    const workspace = await copyFixture('github-pr');
    const run = await runAction({
      workspace,
      eventName: 'push',
      sha: MERGE_SHA,
      repository: REPO,
      inputs: { comment: 'true', 'check-run': 'true', 'github-token': TOKEN },
      env: { GITHUB_API_URL: api.url },
    });

    expect(run.code).toBe(0);
    expect(api.calls()).toEqual([CHECK]);
    expect(api.requests[0]!.body.head_sha).toBe(MERGE_SHA);
    expect(run.stdout).toContain(
      'release-gates: no PR comment: the push event has no pull request',
    );
    expectTokenNowhere(run, api);
  });

  it('a marker comment someone else posted first is left alone: the report gets its own', async () => {
    const api = await startFakeGitHubApi();
    const [planted] = api.seedComments(17, [`${MARKER}\nplanted`], {
      login: 'mallory',
      type: 'User',
    });
    const first = await runOnPullRequest(api);
    const second = await runOnPullRequest(api);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const own = api.comments.get(17)![1]!;
    expect(api.calls()).toEqual([
      LIST,
      COMMENT,
      CHECK,
      LIST,
      `PATCH /repos/${REPO}/issues/comments/${own.id}`,
      CHECK,
    ]);
    expect(api.comments.get(17)).toHaveLength(2);
    expect(api.comments.get(17)![0]).toEqual(planted);
    expect(own.user).toEqual({ login: 'github-actions[bot]', type: 'Bot' });
    expect(own.body.startsWith(`${MARKER}\n## `)).toBe(true);
    expect(first.stdout).toContain(
      'release-gates: left alone 1 comment(s) that carry its marker but were not written by the github-token (by mallory)',
    );
  });

  it('an API that always offers a next page: 50 pages, one warning, the step still passes', async () => {
    const api = await startFakeGitHubApi();
    api.serve('GET', `/repos/${REPO}/issues/17/comments`, (request) => {
      const page = Number(request.query.page ?? 1);
      return {
        status: 200,
        headers: {
          link: `<${api.url}/repos/${REPO}/issues/17/comments?per_page=100&page=${page + 1}>; rel="next"`,
        },
        body: [],
      };
    });
    const run = await runOnPullRequest(api);

    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(api.calls().filter((call) => call.startsWith('GET '))).toHaveLength(50);
    expect(api.calls().filter((call) => call.startsWith('POST '))).toEqual([CHECK]);
    const warnings = annotations(parseWorkflowLog(run.stdout))
      .filter((a) => a.name === 'warning' && a.message.includes('release-gates could not'))
      .map((a) => a.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('GitHub still offered a next page after 50 pages, the limit');
  });

  it('comment and check-run off (the defaults): no request at all', async () => {
    const api = await startFakeGitHubApi();
    const run = await runOnPullRequest(api, undefined, { comment: 'false', 'check-run': 'false' });
    expect(run.code).toBe(0);
    expect(api.requests).toEqual([]);
  });
});
