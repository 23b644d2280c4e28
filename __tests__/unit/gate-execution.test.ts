import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { CheckDefinition } from '../../src/engine/checks/types.js';
import { runPipeline } from '../../src/engine/pipeline.js';
import { buildPlan } from '../../src/engine/plan.js';
import type { GateRunner } from '../../src/engine/runners/gate-runner.js';
import type { EngineEvent, RunResult } from '../../src/engine/types.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { buildAnnotations } from '../../src/reporters/annotations.js';
import { buildCheckAnnotations } from '../../src/action/github/check-run.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { catalogueWith, parserWith } from '../helpers/checks.js';

/*
 * What holds for every gate kind, owned by one gate execution: the deadline, retries, the
 * status a stop maps to, one masking of everything emitted, and one decision per finding.
 */

/** Works for `ms` and never looks at its signal, like slow in-process work. */
const sleeper: CheckDefinition<{ ms: number }> = {
  id: 'sleeper',
  title: 'sleeps',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: z.strictObject({ ms: z.number() }),
  async run(options) {
    await sleep(options.ms);
    return { passed: true, summary: 'slept', findings: [] };
  },
};

let calls = 0;
/** Fails its first call and passes afterwards. */
const flaky: CheckDefinition<Record<string, never>> = {
  id: 'flaky',
  title: 'flaky',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: z.strictObject({}),
  async run() {
    calls++;
    return calls === 1
      ? { passed: false, summary: 'first call fails', findings: [] }
      : { passed: true, summary: 'passes', findings: [] };
  },
};

/** Reports one ESLint warning and one check finding whose rule id carries the check. */
const linty: CheckDefinition<Record<string, never>> = {
  id: 'linty',
  title: 'lint-like',
  defaultPriority: 'P1',
  defaultStage: 'lint',
  options: z.strictObject({}),
  async run() {
    return {
      passed: false,
      summary: '2 problems',
      findings: [
        {
          tool: 'eslint',
          file: 'src/a.ts',
          line: 3,
          message: 'Unexpected console statement',
          ruleId: 'no-console',
          severity: 'warning',
        },
        {
          tool: 'compose',
          file: 'docker-compose.yml',
          line: 7,
          message: 'image uses :latest',
          ruleId: 'compose/latest-tag',
        },
      ],
    };
  },
};

const CHECKS = catalogueWith(sleeper, flaky, linty);
const parse = parserWith(CHECKS);

let ws: string;
let server: http.Server;
let port: number;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-execution-'));
  // Answers nothing until the client gives up: a probe that only its deadline ends.
  server = http.createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(ws, { recursive: true, force: true });
});

async function run(
  gates: string,
  options: {
    secrets?: string[];
    env?: Record<string, string>;
    runners?: Record<string, GateRunner>;
    events?: EngineEvent[];
    workspace?: string;
  } = {},
): Promise<RunResult> {
  const config = parse(`version: 1\ngates:\n${gates}`, 'test.yml');
  const plan = buildPlan(config, { mode: 'enforce', event: 'push', defaultConcurrency: 2 });
  return runPipeline(plan, {
    workspace: options.workspace ?? ws,
    repositoryRoot: ws,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws, ...options.env },
    spawn: spawnInProcessGroup,
    now: Date.now,
    logDir: path.join(ws, '.logs'),
    killGraceMs: 200,
    checks: CHECKS,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.runners ? { runners: options.runners } : {}),
    ...(options.events ? { onEvent: (event) => options.events!.push(event) } : {}),
  });
}

// 0.001 minutes: 60 ms.
const SHORT = 'timeout-minutes: 0.001';

describe('timeout-minutes ends every gate kind as timed-out', () => {
  it('run:', async () => {
    const result = await run(`  - { id: g, stage: lint, priority: P2, ${SHORT}, run: sleep 5 }\n`);
    expect(result.gates[0]).toMatchObject({
      status: 'timed-out',
      detail: 'timed out after 0.1 s',
      attempts: 1,
    });
    expect(result.gates[0]!.tail).toContain("the gate's process group was killed");
  });

  it('http:', async () => {
    const result = await run(
      `  - id: g\n    stage: health\n    priority: P2\n    ${SHORT}\n    http: { url: "http://127.0.0.1:${port}/", timeout-seconds: 30, attempts: 1 }\n`,
    );
    expect(result.gates[0]).toMatchObject({
      status: 'timed-out',
      detail: 'timed out after 0.1 s of probing',
    });
    // The request the deadline cut short says nothing about the service.
    expect(result.gates[0]!.probe!.attempts).toEqual([]);
  });

  it('uses: a check that ignores its signal still ends at its deadline', async () => {
    // The defect this replaces: a 3 s check with a 60 ms limit ended passed after 3,010 ms.
    const result = await run(
      `  - { id: g, stage: lint, priority: P2, ${SHORT}, uses: sleeper, with: { ms: 3000 } }\n`,
    );
    expect(result.gates[0]).toMatchObject({ status: 'timed-out', detail: 'timed out after 0.1 s' });
    expect(result.verdict).toBe('passed-with-warnings');
  });

  it('uses: health, through the probe runner', async () => {
    const result = await run(
      `  - id: g\n    stage: health\n    priority: P2\n    ${SHORT}\n    uses: health\n    with: { url: "http://127.0.0.1:${port}/", timeout-seconds: 30, attempts: 1 }\n`,
    );
    expect(result.gates[0]).toMatchObject({ status: 'timed-out' });
  });

  it('a kind added later, with a runner that only honours its signal', async () => {
    const waiting: GateRunner = {
      needsWorkingDirectory: false,
      parsesOutput: false,
      run: (_gate, ctx) =>
        new Promise((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve({ passed: false, exitCode: null })),
        ),
    };
    const result = await run(`  - { id: g, stage: lint, priority: P2, ${SHORT}, run: 'true' }\n`, {
      runners: { run: waiting },
    });
    expect(result.gates[0]).toMatchObject({ status: 'timed-out', attempts: 1 });
  });
});

describe('retries apply to every kind', () => {
  it('uses: a failed attempt is retried and both attempts are recorded', async () => {
    calls = 0;
    const events: EngineEvent[] = [];
    const result = await run(
      `  - { id: g, stage: lint, priority: P1, retries: 1, uses: flaky }\n`,
      {
        events,
      },
    );
    expect(result.gates[0]).toMatchObject({ status: 'passed', attempts: 2 });
    expect(result.gates[0]!.detail).toBeUndefined();
    expect(result.gates[0]!.attemptHistory.map((a) => a.status)).toEqual(['failed', 'passed']);
    expect(events.filter((e) => e.type === 'gate-retry')).toHaveLength(1);
  });
});

describe('one redactor for everything the engine emits', () => {
  const SECRET = 'tok-3f9a7c1e5b2d';

  it('masks a text field no list knows of, in the result and in every event', async () => {
    // A runner of a later issue adds a field (a probe's diagnosis) the engine never heard of.
    const diagnosing: GateRunner = {
      needsWorkingDirectory: false,
      parsesOutput: false,
      run: async () => ({
        passed: false,
        exitCode: 1,
        detail: `refused with ${SECRET}`,
        probe: {
          url: `https://u:${SECRET}@example.invalid/health`,
          method: 'GET',
          attempts: [],
          diagnosis: { hypotheses: [{ cause: `the token ${SECRET} was revoked` }] },
        } as never,
        findings: [{ tool: 't', file: 'a.txt', line: 1, message: `leaks ${SECRET}` }],
      }),
    };
    const events: EngineEvent[] = [];
    const result = await run(`  - { id: g, stage: lint, priority: P2, run: 'true' }\n`, {
      secrets: [SECRET],
      runners: { run: diagnosing },
      events,
    });
    const everything = JSON.stringify({ result, events });
    expect(everything).not.toContain(SECRET);
    const probe = result.gates[0]!.probe as unknown as {
      diagnosis: { hypotheses: { cause: string }[] };
    };
    expect(probe.diagnosis.hypotheses[0]!.cause).toBe('the token *** was revoked');
    expect(result.gates[0]!.detail).toBe('refused with ***');
    expect(result.gates[0]!.findings![0]!.message).toBe('leaks ***');
  });

  it('masks gate output in the log file, the tail and the findings parsed from it', async () => {
    const result = await run(
      `  - { id: g, stage: lint, priority: P2, run: 'echo "src/a.ts:1:1: error: $TOKEN"; exit 1' }\n`,
      { secrets: [SECRET], env: { TOKEN: SECRET } },
    );
    const gate = result.gates[0]!;
    expect(gate.tail).toContain('***');
    expect(JSON.stringify(gate)).not.toContain(SECRET);
    expect(await readFile(gate.logPath!, 'utf8')).not.toContain(SECRET);
  });
});

describe('one decision per finding for every output', () => {
  it('an ESLint warning in a failed P1 gate is a warning in annotations, SARIF and the check run', async () => {
    const result = await run(`  - { id: g, stage: lint, priority: P1, uses: linty }\n`);
    const [warning, check] = result.gates[0]!.findings!;
    expect(warning).toMatchObject({ level: 'warning', rule: 'eslint/no-console' });
    expect(check).toMatchObject({ level: 'error', rule: 'compose/latest-tag' });

    const annotations = buildAnnotations(result).filter((a) => a.file !== undefined);
    expect(annotations.map((a) => [a.file, a.level])).toEqual([
      ['docker-compose.yml', 'error'],
      ['src/a.ts', 'warning'],
    ]);
    const sarif = renderSarif(result, { version: 'test' }).runs[0]!;
    expect(sarif.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['eslint/no-console', 'warning'],
      ['compose/latest-tag', 'error'],
    ]);
    const checkRun = buildCheckAnnotations(result).annotations;
    expect(checkRun.map((a) => [a.path, a.annotation_level])).toEqual([
      ['src/a.ts', 'warning'],
      ['docker-compose.yml', 'failure'],
    ]);
  });

  it('gives paths from the repository root when the gates run in a sub-directory', async () => {
    const sub = path.join(ws, 'services', 'api');
    await import('node:fs/promises').then((fs) => fs.mkdir(sub, { recursive: true }));
    const result = await run(`  - { id: g, stage: lint, priority: P1, uses: linty }\n`, {
      workspace: sub,
    });
    expect(result.gates[0]!.findings!.map((f) => f.file)).toEqual([
      'services/api/src/a.ts',
      'services/api/docker-compose.yml',
    ]);
  });
});

describe('what the one redactor leaves alone', () => {
  it('masks a secret in text but never in ids, statuses or paths the engine made', async () => {
    const result = await run(
      `  - { id: postgres-migrate, stage: lint, priority: P2, run: 'echo "password postgres"; exit 1' }\n`,
      { secrets: ['postgres'] },
    );
    const gate = result.gates[0]!;
    expect(gate.id).toBe('postgres-migrate');
    expect(result.failedGates).toEqual(['postgres-migrate']);
    expect(gate.logPath).toMatch(/postgres-migrate\.log$/);
    expect(gate.tail).toContain('password ***');
    expect(gate.name).toBe('***-migrate');
  });
});

describe('a runner left behind at its deadline', () => {
  it('is not retried beside itself', async () => {
    const result = await run(
      `  - { id: g, stage: lint, priority: P2, ${SHORT}, retries: 2, uses: sleeper, with: { ms: 3000 } }\n`,
    );
    expect(result.gates[0]).toMatchObject({ status: 'timed-out', attempts: 1 });
  });

  it('uses: health needs no working directory, like an http: gate', async () => {
    const result = await run(
      `  - id: g\n    stage: health\n    priority: P2\n    ${SHORT}\n    working-directory: missing\n    uses: health\n    with: { url: "http://127.0.0.1:${port}/", timeout-seconds: 30, attempts: 1 }\n`,
    );
    expect(result.gates[0]).toMatchObject({ status: 'timed-out' });
  });
});
