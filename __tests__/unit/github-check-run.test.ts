import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  buildCheckAnnotations,
  checkConclusion,
  publishCheckRun,
  renderCheckSummary,
  repositoryPath,
} from '../../src/action/github/check-run.js';
import { CHECK_SUMMARY_MAX_CHARS } from '../../src/action/github/markdown.js';
import { DEFAULT_POLICY } from '../../src/engine/config/types.js';
import { resolveFindings } from '../../src/engine/findings/resolve.js';
import type { ToolFinding } from '../../src/engine/findings/types.js';
import type { Priority } from '../../src/engine/stages.js';
import type { GateResult, RunResult } from '../../src/engine/types.js';
import {
  closeFakeGitHubApis,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../helpers/fake-github-api.js';
import { gate as built, type GatePartial } from '../helpers/results.js';

/*
 * The check run against a fake GitHub API on 127.0.0.1: one POST with the first 50
 * annotations, PATCHes of 50 for the rest, the conclusion per verdict, and warnings (never
 * throws) for every API problem.
 */

const TOKEN = 'ghs_FAKEfake0123456789FAKEfake0123456789';
const HEAD_SHA = 'b'.repeat(40);
const PUSH_SHA = 'a'.repeat(40);
const CREATE = 'POST /repos/octo/shop/check-runs';
const UPDATE = 'PATCH /repos/octo/shop/check-runs/5000';

function gate(partial: GatePartial): GateResult {
  const built_ = built({ durationMs: 1200, attemptHistory: [], ...partial });
  // Like a gate that did not write a log: the summary tests compare whole texts.
  delete built_.logPath;
  delete built_.startedAt;
  delete built_.finishedAt;
  return built_;
}

const failing = (id: string, priority: Priority, extra: Omit<GatePartial, 'id'> = {}) =>
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

const findings = (tool: string, count: number, prefix: string): ToolFinding[] =>
  Array.from({ length: count }, (_, i) => ({
    tool,
    file: `src/${prefix}/file${i}.ts`,
    line: i + 1,
    column: 3,
    message: `${prefix} problem ${i}`,
    ruleId: `R${i}`,
  }));

/** 120 findings: P0 abort 20, P1 block 40, P2 warn 30, P3 notice 30 (listed P3 first). */
const MANY = runResult([
  failing('docs', 'P3', { name: 'Docs lint', findings: findings('markdownlint', 30, 'p3') }),
  failing('style', 'P2', { name: 'Style', findings: findings('eslint', 30, 'p2') }),
  gate({ id: 'clean', findings: findings('eslint', 5, 'passed') }),
  failing('types', 'P1', {
    name: 'Types',
    stage: 'typecheck',
    findings: findings('tsc', 40, 'p1'),
  }),
  failing('api', 'P0', {
    name: 'API tests',
    stage: 'test',
    findings: findings('pytest', 20, 'p0'),
  }),
]);

let dir: string;
let prEvent: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-github-check-'));
  prEvent = path.join(dir, 'pr.json');
  await writeFile(
    prEvent,
    JSON.stringify({ number: 7, pull_request: { number: 7, head: { sha: HEAD_SHA } } }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(closeFakeGitHubApis);

function setup(api: FakeGitHubApi, overrides: Record<string, string> = {}) {
  const logged = { info: [] as string[], warning: [] as string[] };
  const sleeps: number[] = [];
  const options = {
    token: TOKEN,
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: PUSH_SHA,
      ...overrides,
    } as Record<string, string>,
    logger: {
      info: (message: string) => logged.info.push(message),
      warning: (message: string) => logged.warning.push(message),
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return { logged, sleeps, options };
}

describe('checkConclusion', () => {
  it.each([
    ['passed', false, 'success'],
    ['passed-with-warnings', false, 'neutral'],
    ['failed', false, 'failure'],
    ['planned', false, 'skipped'],
    ['failed', true, 'cancelled'],
  ] as const)('%s (cancelled: %s) → %s', (verdict, cancelled, conclusion) => {
    expect(checkConclusion(runResult([], { verdict, cancelled }))).toBe(conclusion);
  });
});

describe('buildCheckAnnotations', () => {
  it('annotates findings of failed gates only, P0 first, at the level of each finding', () => {
    const { annotations } = buildCheckAnnotations(MANY);
    expect(annotations).toHaveLength(120);
    expect(annotations[0]).toEqual({
      path: 'src/p0/file0.ts',
      start_line: 1,
      end_line: 1,
      start_column: 3,
      end_column: 3,
      annotation_level: 'failure',
      title: 'P0 API tests',
      message: 'p0 problem 0 (pytest R0)',
    });
    const levels = annotations.map((a) => `${a.title}:${a.annotation_level}`);
    expect([...new Set(levels)]).toEqual([
      'P0 API tests:failure',
      'P1 Types:failure',
      'P2 Style:warning',
      'P3 Docs lint:notice',
    ]);
    expect(annotations.some((a) => a.path.startsWith('src/passed/'))).toBe(false);
  });

  it('places paths the engine gave from the repository root, drops those outside, spans lines', () => {
    // As the engine resolves them for a gate in services/api of /home/runner/work/shop/shop.
    const raw: ToolFinding[] = [
      { tool: 'ruff', file: 'app/main.py', line: 4, column: 1, endColumn: 9, message: 'E501' },
      { tool: 'tsc', file: '/home/runner/work/shop/shop/lib/x.ts', line: 2, message: 'm' },
      { tool: 'tsc', file: '/usr/lib/node/x.d.ts', line: 2, message: 'outside' },
      { tool: 'gcc', file: '../../root.c', line: 5, message: 'repository root' },
      { tool: 'gcc', file: '../../../elsewhere.c', line: 2, message: 'outside' },
      { tool: 'mypy', file: 'app/a.py', line: 3, endLine: 7, column: 2, message: 'typed' },
      { tool: 'generic', file: 'app/b.py', line: 0, message: 'line zero' },
    ];
    const findings = resolveFindings(raw, {
      action: 'block',
      gateFailed: true,
      workspace: '/home/runner/work/shop/shop/services/api',
      repositoryRoot: '/home/runner/work/shop/shop',
    });
    const result = runResult([failing('lint', 'P1', { findings })]);
    const { annotations, outside } = buildCheckAnnotations(result);
    expect(outside).toBe(2);
    expect(
      annotations.map((a) => [a.path, a.start_line, a.end_line, a.start_column, a.end_column]),
    ).toEqual([
      ['services/api/app/main.py', 4, 4, 1, 9],
      ['lib/x.ts', 2, 2, undefined, undefined],
      ['root.c', 5, 5, undefined, undefined],
      ['services/api/app/a.py', 3, 7, undefined, undefined],
      ['services/api/app/b.py', 1, 1, undefined, undefined],
    ]);
    expect(annotations[3]!.message).toBe('typed (mypy)');
  });

  it("keeps a tool's own warning a warning inside a failed P1 gate, as annotations and SARIF do", () => {
    const result = runResult([
      failing('lint', 'P1', {
        findings: [
          {
            tool: 'eslint',
            file: 'a.ts',
            line: 1,
            message: 'w',
            ruleId: 'no-console',
            severity: 'warning',
          },
          {
            tool: 'eslint',
            file: 'b.ts',
            line: 1,
            message: 'e',
            ruleId: 'no-undef',
            severity: 'error',
          },
        ],
      }),
    ]);
    const { annotations } = buildCheckAnnotations(result);
    expect(annotations.map((a) => [a.path, a.annotation_level])).toEqual([
      ['a.ts', 'warning'],
      ['b.ts', 'failure'],
    ]);
    expect(annotations[0]!.message).toBe('w (eslint no-console)');
  });

  it('repositoryPath keeps paths inside the repository only', () => {
    expect(repositoryPath('src/a.ts')).toBe('src/a.ts');
    expect(repositoryPath('./src/../lib/a.ts')).toBe('lib/a.ts');
    expect(repositoryPath('src\\win\\a.ts')).toBe('src/win/a.ts');
    expect(repositoryPath('../a.ts')).toBeUndefined();
    expect(repositoryPath('/abs/a.ts')).toBeUndefined();
    expect(repositoryPath('')).toBeUndefined();
  });

  it('stops at the cap and counts the rest', () => {
    const { annotations, overLimit } = buildCheckAnnotations(MANY, { max: 60 });
    expect(annotations).toHaveLength(60);
    expect(overLimit).toBe(60);
  });
});

describe('publishCheckRun', () => {
  it('120 findings: one POST with 50 annotations, then PATCHes with 50 and 20', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);

    const outcome = await publishCheckRun(MANY, options);

    expect(api.calls()).toEqual([CREATE, UPDATE, UPDATE]);
    const [create, first, second] = api.requests.map((r) => r.body);
    expect(create).toEqual({
      name: 'release-gates',
      head_sha: PUSH_SHA,
      status: 'completed',
      conclusion: 'failure',
      started_at: '2024-05-01T10:00:00.000Z',
      completed_at: '2024-05-01T10:01:00.000Z',
      output: {
        title: 'Release gates failed',
        summary: renderCheckSummary(MANY),
        annotations: expect.any(Array),
      },
    });
    expect(create.output.annotations).toHaveLength(50);
    for (const patch of [first, second]) {
      expect(Object.keys(patch)).toEqual(['output']);
      expect(Object.keys(patch.output)).toEqual(['title', 'summary', 'annotations']);
      expect(patch.output.title).toBe(create.output.title);
      expect(patch.output.summary).toBe(create.output.summary);
    }
    expect(first.output.annotations).toHaveLength(50);
    expect(second.output.annotations).toHaveLength(20);
    expect(api.checkRuns[0]!.output.annotations).toEqual(buildCheckAnnotations(MANY).annotations);
    for (const request of api.requests) {
      expect(request.authorization).toEqual({ present: true, scheme: 'token' });
      expect(request.rawBody).not.toContain(TOKEN);
    }
    expect(outcome).toEqual({
      status: 'created',
      id: 5000,
      url: 'https://github.test/octo/shop/runs/5000',
      annotations: 120,
    });
    expect(logged.warning).toEqual([]);
    expect(logged.info).toEqual([
      'release-gates: created the check run https://github.test/octo/shop/runs/5000 (failure, 120 annotation(s))',
    ]);
  });

  it('exactly 50 findings: one POST, no PATCH; none: no annotations key', async () => {
    const api = await startFakeGitHubApi();
    const { options } = setup(api);
    await publishCheckRun(
      runResult([failing('lint', 'P1', { findings: findings('eslint', 50, 'x') })]),
      options,
    );
    await publishCheckRun(runResult([gate({ id: 'lint' })]), options);
    expect(api.calls()).toEqual([CREATE, CREATE]);
    expect(api.requests[0]!.body.output.annotations).toHaveLength(50);
    expect(api.requests[1]!.body.output).toEqual({
      title: 'Release gates passed',
      summary: expect.any(String),
    });
    expect(api.requests[1]!.body.conclusion).toBe('success');
  });

  it.each([
    ['passed', false, 'success', 'Release gates passed'],
    ['passed-with-warnings', false, 'neutral', 'Release gates passed with warnings'],
    ['failed', false, 'failure', 'Release gates failed'],
    ['planned', false, 'skipped', 'Release gates plan'],
    ['failed', true, 'cancelled', 'Release gates cancelled'],
  ] as const)(
    'verdict %s (cancelled: %s) is sent as %s',
    async (verdict, cancelled, conclusion, title) => {
      const api = await startFakeGitHubApi();
      const { options } = setup(api);
      await publishCheckRun(runResult([gate({ id: 'a' })], { verdict, cancelled }), options);
      expect(api.calls()).toEqual([CREATE]);
      expect(api.requests[0]!.body).toMatchObject({
        name: 'release-gates',
        status: 'completed',
        conclusion,
        output: { title },
      });
    },
  );

  it('on pull_request uses the PR head commit, not GITHUB_SHA', async () => {
    const api = await startFakeGitHubApi();
    const { options } = setup(api, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: prEvent,
      GITHUB_SHA: 'c'.repeat(40),
    });
    await publishCheckRun(MANY, options);
    expect(api.requests[0]!.body.head_sha).toBe(HEAD_SHA);
  });

  it.each([
    [403, 'Resource not accessible by integration', '`permissions: checks: write`'],
    [404, 'Not Found', 'The repository octo/shop or commit aaaaaaa was not found'],
    [422, 'Validation Failed', 'rejected the request as invalid'],
    [500, 'Server Error', 'server error'],
  ])('HTTP %i on create: one warning, no throw, no PATCH', async (status, message, advice) => {
    const api = await startFakeGitHubApi();
    api.script('POST', '/repos/octo/shop/check-runs', { status, body: { message } });
    const { logged, sleeps, options } = setup(api);

    const outcome = await publishCheckRun(MANY, options);

    expect(outcome.status).toBe('failed');
    expect(api.calls()).toEqual([CREATE]);
    expect(sleeps).toEqual([]);
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toMatch(
      new RegExp(`^release-gates could not create the check run: GitHub answered HTTP ${status} `),
    );
    expect(logged.warning[0]).toContain(message);
    expect(logged.warning[0]).toContain(advice);
  });

  it('a failed PATCH stops the batches with one warning naming the annotations left', async () => {
    const api = await startFakeGitHubApi();
    api.script('PATCH', '/repos/octo/shop/check-runs/5000', {
      status: 500,
      body: { message: 'Server Error' },
    });
    const { logged, options } = setup(api);

    const outcome = await publishCheckRun(MANY, options);

    expect(api.calls()).toEqual([CREATE, UPDATE]);
    expect(outcome).toMatchObject({ status: 'incomplete', id: 5000, annotations: 50 });
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain('could not add annotations 51-120 to the check run');
    expect(logged.warning[0]).toContain('HTTP 500');
  });

  it('429 on a PATCH is retried after retry-after, and all batches arrive', async () => {
    const api = await startFakeGitHubApi();
    api.script('PATCH', '/repos/octo/shop/check-runs/5000', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'secondary rate limit' },
    });
    const { logged, sleeps, options } = setup(api);

    await publishCheckRun(MANY, options);

    expect(api.calls()).toEqual([CREATE, UPDATE, UPDATE, UPDATE]);
    expect(sleeps).toEqual([1000]);
    expect(api.checkRuns[0]!.output.annotations).toHaveLength(120);
    expect(logged.warning).toEqual([]);
  });

  it('warns without GITHUB_SHA and sends nothing', async () => {
    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api, { GITHUB_SHA: '' });
    await publishCheckRun(MANY, options);
    expect(api.requests).toEqual([]);
    expect(logged.warning).toEqual([
      'release-gates could not create the check run: GITHUB_SHA is not set',
    ]);
  });

  it('keeps the summary within 65,535 characters for 300 failing gates with long tails', async () => {
    const huge = runResult(
      Array.from({ length: 300 }, (_, i) =>
        failing(`gate-${i}`, (['P0', 'P1', 'P2', 'P3'] as const)[i % 4]!, {
          name: `Gate ${i} — ünïcödé ✓`,
          detail: `exited with code 1 ${'détail '.repeat(60)}`,
          tail: Array.from({ length: 80 }, (_, n) => `line ${n}: ${'€rror '.repeat(20)}`).join(
            '\n',
          ),
        }),
      ),
    );
    const summary = renderCheckSummary(huge);
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_MAX_CHARS);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(CHECK_SUMMARY_MAX_CHARS);
    expect(summary.length).toBeGreaterThan(50_000);

    const api = await startFakeGitHubApi();
    const { logged, options } = setup(api);
    await publishCheckRun(huge, options);
    expect(api.calls()).toEqual([CREATE]);
    expect(api.requests[0]!.body.output.summary).toBe(summary);
    expect(logged.warning).toEqual([]);
  });
});
