import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/engine/config/parse.js';
import { runPipeline } from '../../src/engine/pipeline.js';
import { planResult } from '../../src/engine/plan-result.js';
import { buildPlan } from '../../src/engine/plan.js';
import { STAGES, type Mode } from '../../src/engine/stages.js';
import type { EngineEvent, GateResult, RunResult } from '../../src/engine/types.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { catalogueWith } from '../helpers/checks.js';

/*
 * The pipeline end to end with real bash processes in a fresh workspace per test.
 */

let ws: string;

beforeEach(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-pipeline-'));
});

afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
});

interface RunOptions {
  mode?: Mode;
  event?: string;
  branch?: string;
  only?: string[];
  skip?: string[];
  concurrency?: number;
  signal?: AbortSignal;
  killGraceMs?: number;
  env?: Record<string, string>;
  onEvent?: (event: EngineEvent) => void;
}

interface Run {
  result: RunResult;
  events: EngineEvent[];
  gate: (id: string) => GateResult;
  wallMs: number;
}

function plan(yaml: string, options: RunOptions = {}) {
  const config = parseConfig(yaml, 'test.yml');
  return buildPlan(config, {
    mode: options.mode ?? 'enforce',
    event: options.event ?? 'push',
    branch: options.branch ?? 'main',
    only: options.only,
    skip: options.skip,
    concurrency: options.concurrency,
    defaultConcurrency: 4,
  });
}

async function run(yaml: string, options: RunOptions = {}): Promise<Run> {
  const events: EngineEvent[] = [];
  const started = Date.now();
  const result = await runPipeline(plan(yaml, options), {
    workspace: ws,
    env: { PATH: process.env.PATH!, HOME: ws, ...options.env },
    spawn: spawnInProcessGroup,
    now: Date.now,
    logDir: path.join(ws, '.logs'),
    checks: catalogueWith(),
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    signal: options.signal,
    killGraceMs: options.killGraceMs ?? 500,
  });
  const wallMs = Date.now() - started;
  const gate = (id: string) => {
    const found = result.gates.find((g) => g.id === id);
    if (!found) throw new Error(`no gate ${id} in result`);
    return found;
  };
  return { result, events, gate, wallMs };
}

/**
 * A bound for "it was ended, not waited for": the gates it applies to sleep 30 s or loop until
 * killed, so a run that ends within it stopped them, however slow the machine. A contract, not
 * a speed target: how fast the pipeline is, is measured by `npm run bench`.
 */
const KILLED_NOT_AWAITED_MS = 10_000;

const gateStarts = (events: EngineEvent[]) =>
  events.flatMap((e) => (e.type === 'gate-start' ? [e] : []));

/** True when the pid is gone (or only a zombie waiting for init to reap it). */
function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitForDeath(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (isDead(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return isDead(pid);
}

/** Parses start/end marker lines and returns the highest number of gates active at once. */
function maxOverlap(markers: string): number {
  let active = 0;
  let max = 0;
  for (const line of markers.split('\n').filter(Boolean)) {
    if (line.startsWith('start ')) active++;
    else if (line.startsWith('end ')) active--;
    max = Math.max(max, active);
  }
  return max;
}

const markerGate = (id: string, stage: string, seconds: number) =>
  `  - id: ${id}
    stage: ${stage}
    priority: P1
    run: 'echo "start ${id}" >> markers.txt; sleep ${seconds}; echo "end ${id}" >> markers.txt'
`;

describe('stage order', () => {
  it('runs stages lint to health whatever the config order', async () => {
    const reversed = [...STAGES].reverse();
    const yaml =
      'version: 1\nconcurrency: 4\ngates:\n' +
      reversed
        .map(
          (stage) =>
            `  - { id: g-${stage}, stage: ${stage}, priority: P1, run: 'echo "$RELEASE_GATES_STAGE $(date +%s%N)" >> order.txt' }\n`,
        )
        .join('') +
      `  - { id: g-lint-2, stage: lint, priority: P1, run: 'echo "lint2 $(date +%s%N)" >> order.txt' }\n`;
    const { result, events } = await run(yaml);

    expect(result.verdict).toBe('passed');
    const starts = gateStarts(events).map((e) => e.stage);
    expect(starts.slice(0, 2)).toEqual(['lint', 'lint']);
    expect(starts.slice(2)).toEqual(STAGES.slice(1));

    const stageStarts = events.flatMap((e) => (e.type === 'stage-start' ? [e.stage] : []));
    expect(stageStarts).toEqual([...STAGES]);

    // Timestamps written by the gates themselves: each stage ran after the previous one.
    const lines = (await readFile(path.join(ws, 'order.txt'), 'utf8')).trim().split('\n');
    const rows = lines.map((line) => {
      const [name, ns] = line.split(' ');
      return { stage: name === 'lint2' ? 'lint' : name!, ns: BigInt(ns!) };
    });
    expect(rows.map((r) => r.stage).slice(2)).toEqual(STAGES.slice(1));
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.stage !== rows[i - 1]!.stage) expect(rows[i]!.ns > rows[i - 1]!.ns).toBe(true);
    }

    // Results come back in pipeline order too.
    expect(result.gates.map((g) => g.stage)).toEqual(['lint', 'lint', ...STAGES.slice(1)]);
  });

  it('emits stage-end for a stage before the next stage starts and run-end last', async () => {
    const yaml = `version: 1
gates:
  - { id: b, stage: build, priority: P1, run: 'true' }
  - { id: a, stage: lint, priority: P1, run: 'true' }
`;
    const { events } = await run(yaml);
    const kinds = events.map((e) =>
      e.type === 'stage-start' || e.type === 'stage-end'
        ? `${e.type}:${e.stage}`
        : e.type === 'gate-end'
          ? `gate-end:${e.gate.id}`
          : e.type === 'gate-start'
            ? `gate-start:${e.id}`
            : e.type,
    );
    expect(kinds).toEqual([
      'stage-start:lint',
      'gate-start:a',
      'gate-end:a',
      'stage-end:lint',
      'stage-start:build',
      'gate-start:b',
      'gate-end:b',
      'stage-end:build',
      'run-end',
    ]);
  });
});

describe('parallelism', () => {
  const fourSleepers = (seconds: number) =>
    'version: 1\ngates:\n' +
    ['p1', 'p2', 'p3', 'p4'].map((id) => markerGate(id, 'test', seconds)).join('');

  it('runs the gates of a stage in parallel up to the concurrency', async () => {
    // How long it takes is for npm run bench (8 x sleep 1 at concurrency 8); the markers show
    // the overlap itself.
    const { result } = await run(fourSleepers(0.5), { concurrency: 4 });
    expect(result.verdict).toBe('passed');
    expect(result.concurrency).toBe(4);
    const markers = await readFile(path.join(ws, 'markers.txt'), 'utf8');
    expect(maxOverlap(markers)).toBe(4);
  });

  it('never runs more than `concurrency` gates at once', async () => {
    const { result } = await run(fourSleepers(0.3), { concurrency: 2 });
    expect(result.gates.every((g) => g.status === 'passed')).toBe(true);
    const markers = await readFile(path.join(ws, 'markers.txt'), 'utf8');
    expect(maxOverlap(markers)).toBe(2);
  });

  it('at concurrency 1 the gates never overlap', async () => {
    const { result } = await run(fourSleepers(0.15), { concurrency: 1 });
    expect(result.gates.every((g) => g.status === 'passed')).toBe(true);
    const markers = await readFile(path.join(ws, 'markers.txt'), 'utf8');
    const lines = markers.trim().split('\n');
    expect(lines).toHaveLength(8);
    expect(maxOverlap(markers)).toBe(1);
    // Strictly start, end, start, end ... for the same gate.
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]!.replace('start ', '')).toBe(lines[i + 1]!.replace('end ', ''));
    }
  });
});

describe('policy actions (enforce)', () => {
  it('abort: cancels running gates, skips the rest for policy, verdict failed', async () => {
    const yaml = `version: 1
concurrency: 2
gates:
  - { id: boom, stage: test, priority: P0, run: 'sleep 0.3; echo boom; exit 1' }
  - { id: slow, stage: test, priority: P3, run: 'echo $$ > slow.pid; sleep 30' }
  - { id: waiting, stage: test, priority: P3, run: 'touch waiting-ran' }
  - { id: later, stage: build, priority: P3, run: 'touch later-ran' }
  - { id: earlier, stage: lint, priority: P3, run: 'true' }
  - { id: nightly, stage: deploy, priority: P3, run: 'true', when: { events: [schedule] } }
`;
    const { result, gate, wallMs } = await run(yaml);
    // A gate that would not have run anyway keeps its own reason.
    expect(gate('nightly').status).toBe('skipped');
    expect(gate('nightly').reason).toBe('condition');

    expect(gate('earlier').status).toBe('passed');
    expect(gate('boom').status).toBe('failed');
    expect(gate('boom').action).toBe('abort');
    expect(gate('slow').status).toBe('cancelled');
    expect(gate('slow').reason).toBe('cancelled');
    expect(gate('slow').detail).toMatch(/boom/);
    expect(gate('waiting').status).toBe('skipped');
    expect(gate('waiting').reason).toBe('policy');
    expect(gate('later').status).toBe('skipped');
    expect(gate('later').reason).toBe('policy');
    expect(gate('later').detail).toMatch(/boom/);
    expect(existsSync(path.join(ws, 'waiting-ran'))).toBe(false);
    expect(existsSync(path.join(ws, 'later-ran'))).toBe(false);

    expect(result.verdict).toBe('failed');
    expect(result.cancelled).toBe(false);
    expect(result.stoppedBy).toEqual({ id: 'boom', priority: 'P0', action: 'abort' });
    expect(result.failedGates).toEqual(['boom']);
    expect(result.highestFailedPriority).toBe('P0');

    // The running gate's process group was killed, not waited for.
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    const slowPid = Number(await readFile(path.join(ws, 'slow.pid'), 'utf8'));
    expect(await waitForDeath(slowPid, 2000)).toBe(true);
  });

  it('block: the stage finishes, later stages are skipped for policy', async () => {
    const yaml = `version: 1
concurrency: 2
gates:
  - { id: blocker, stage: test, priority: P1, run: 'exit 1' }
  - { id: sibling, stage: test, priority: P3, run: 'sleep 0.4; touch sibling-ran' }
  - { id: queued, stage: test, priority: P3, run: 'touch queued-ran' }
  - { id: later, stage: build, priority: P3, run: 'touch later-ran' }
  - { id: last, stage: health, priority: P0, run: 'touch last-ran' }
`;
    const { result, gate } = await run(yaml);

    expect(gate('blocker').status).toBe('failed');
    expect(gate('blocker').action).toBe('block');
    expect(gate('sibling').status).toBe('passed');
    expect(gate('queued').status).toBe('passed');
    expect(existsSync(path.join(ws, 'sibling-ran'))).toBe(true);
    expect(existsSync(path.join(ws, 'queued-ran'))).toBe(true);
    for (const id of ['later', 'last']) {
      expect(gate(id).status).toBe('skipped');
      expect(gate(id).reason).toBe('policy');
      expect(gate(id).detail).toMatch(/blocker/);
    }
    expect(existsSync(path.join(ws, 'later-ran'))).toBe(false);
    expect(result.verdict).toBe('failed');
    expect(result.stoppedBy).toEqual({ id: 'blocker', priority: 'P1', action: 'block' });
  });

  it('fail: the pipeline goes on, verdict failed', async () => {
    const yaml = `version: 1
policy: { P1: fail }
gates:
  - { id: bad, stage: lint, priority: P1, run: 'exit 2' }
  - { id: good, stage: build, priority: P1, run: 'touch good-ran' }
`;
    const { result, gate } = await run(yaml);
    expect(gate('bad').status).toBe('failed');
    expect(gate('bad').action).toBe('fail');
    expect(gate('good').status).toBe('passed');
    expect(existsSync(path.join(ws, 'good-ran'))).toBe(true);
    expect(result.verdict).toBe('failed');
    expect(result.stoppedBy).toBeUndefined();
  });

  it('warn: the pipeline goes on, verdict passed-with-warnings', async () => {
    const yaml = `version: 1
gates:
  - { id: meh, stage: lint, priority: P2, run: 'exit 1' }
  - { id: good, stage: build, priority: P1, run: 'true' }
`;
    const { result, gate } = await run(yaml);
    expect(gate('meh').status).toBe('failed');
    expect(gate('meh').action).toBe('warn');
    expect(gate('good').status).toBe('passed');
    expect(result.verdict).toBe('passed-with-warnings');
    expect(result.stoppedBy).toBeUndefined();
  });

  it('notice: the pipeline goes on, verdict passed', async () => {
    const yaml = `version: 1
gates:
  - { id: fyi, stage: lint, priority: P3, run: 'exit 1' }
  - { id: good, stage: build, priority: P1, run: 'true' }
`;
    const { result, gate } = await run(yaml);
    expect(gate('fyi').status).toBe('failed');
    expect(gate('fyi').action).toBe('notice');
    expect(gate('good').status).toBe('passed');
    expect(result.verdict).toBe('passed');
  });

  it('a custom policy changes what a priority does (P0: warn), others keep their defaults', async () => {
    const yaml = `version: 1
policy: { P0: warn }
gates:
  - { id: zero, stage: lint, priority: P0, run: 'exit 1' }
  - { id: one, stage: test, priority: P1, run: 'true' }
  - { id: two, stage: deploy, priority: P2, run: 'true' }
`;
    const { result, gate } = await run(yaml);
    expect(result.policy).toEqual({ P0: 'warn', P1: 'block', P2: 'warn', P3: 'notice' });
    expect(gate('zero').action).toBe('warn');
    expect(gate('one').action).toBe('block');
    expect(gate('one').status).toBe('passed');
    expect(gate('two').status).toBe('passed');
    expect(result.verdict).toBe('passed-with-warnings');
    expect(result.stoppedBy).toBeUndefined();
  });

  it('timed-out counts as a failure for the policy', async () => {
    const yaml = `version: 1
gates:
  - { id: hang, stage: lint, priority: P1, timeout-minutes: 0.005, run: 'sleep 5' }
  - { id: later, stage: test, priority: P1, run: 'true' }
`;
    const { result, gate } = await run(yaml, { killGraceMs: 200 });
    expect(gate('hang').status).toBe('timed-out');
    expect(gate('later').status).toBe('skipped');
    expect(gate('later').reason).toBe('policy');
    expect(result.verdict).toBe('failed');
    expect(result.failedGates).toEqual(['hang']);
    expect(result.stoppedBy).toEqual({ id: 'hang', priority: 'P1', action: 'block' });
  });
});

describe('modes', () => {
  const yaml = `version: 1
concurrency: 1
gates:
  - { id: zero, stage: lint, priority: P0, run: 'touch zero-ran; exit 1' }
  - { id: sib, stage: lint, priority: P2, run: 'touch sib-ran' }
  - { id: one, stage: test, priority: P1, run: 'touch one-ran; exit 1' }
  - { id: later, stage: health, priority: P3, run: 'touch later-ran' }
`;

  it('audit: abort and block act as fail, every gate runs, verdict failed', async () => {
    const { result, gate } = await run(yaml, { mode: 'audit' });
    expect(result.mode).toBe('audit');
    expect(gate('zero').action).toBe('fail');
    expect(gate('one').action).toBe('fail');
    expect(gate('sib').action).toBe('warn');
    expect(gate('sib').status).toBe('passed');
    expect(gate('later').status).toBe('passed');
    for (const file of ['zero-ran', 'sib-ran', 'one-ran', 'later-ran']) {
      expect(existsSync(path.join(ws, file))).toBe(true);
    }
    expect(result.gates.some((g) => g.status === 'skipped')).toBe(false);
    expect(result.stoppedBy).toBeUndefined();
    expect(result.verdict).toBe('failed');
    expect(result.failedGates).toEqual(['zero', 'one']);
  });

  it('enforce with the same config stops at the P0 abort', async () => {
    const { result, gate } = await run(yaml, { mode: 'enforce' });
    expect(gate('zero').status).toBe('failed');
    expect(gate('sib').status).toBe('skipped');
    expect(gate('sib').reason).toBe('policy');
    expect(gate('one').status).toBe('skipped');
    expect(existsSync(path.join(ws, 'one-ran'))).toBe(false);
    expect(result.verdict).toBe('failed');
  });

  it('plan: nothing runs; statuses are planned or skipped', async () => {
    const p = plan(yaml, { mode: 'plan', skip: ['later'] });
    const result = planResult(p, Date.parse('2024-01-01T00:00:00Z'));
    expect(result.verdict).toBe('planned');
    expect(result.mode).toBe('plan');
    expect(result.startedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(result.gates.map((g) => [g.id, g.status])).toEqual([
      ['zero', 'planned'],
      ['sib', 'planned'],
      ['one', 'planned'],
      ['later', 'skipped'],
    ]);
    expect(result.gates.find((g) => g.id === 'later')!.reason).toBe('filter');
    expect(result.gates.every((g) => g.attempts === 0 && g.exitCode === null)).toBe(true);
    expect(result.failedGates).toEqual([]);
    for (const file of ['zero-ran', 'sib-ran', 'one-ran', 'later-ran']) {
      expect(existsSync(path.join(ws, file))).toBe(false);
    }
  });
});

describe('filters and conditions', () => {
  const yaml = `version: 1
gates:
  - { id: a, stage: lint, priority: P1, run: 'touch a-ran' }
  - { id: b, stage: lint, priority: P1, run: 'touch b-ran' }
  - { id: c, stage: test, priority: P1, run: 'touch c-ran' }
`;

  it('only: gates not selected are skipped with reason filter and do not run', async () => {
    const { result, gate } = await run(yaml, { only: ['stage:lint'] });
    expect(gate('a').status).toBe('passed');
    expect(gate('b').status).toBe('passed');
    expect(gate('c').status).toBe('skipped');
    expect(gate('c').reason).toBe('filter');
    expect(gate('c').detail).toMatch(/only/);
    expect(existsSync(path.join(ws, 'c-ran'))).toBe(false);
    expect(result.verdict).toBe('passed');
  });

  it('skip: named gates are skipped with reason filter', async () => {
    const { gate } = await run(yaml, { skip: ['b'] });
    expect(gate('b').status).toBe('skipped');
    expect(gate('b').reason).toBe('filter');
    expect(gate('b').detail).toMatch(/\bb\b/);
    expect(existsSync(path.join(ws, 'b-ran'))).toBe(false);
    expect(gate('a').status).toBe('passed');
    expect(gate('c').status).toBe('passed');
  });

  it('when: events and branches skip with reason condition naming the event or branch', async () => {
    const conditional = `version: 1
gates:
  - { id: on-pr, stage: lint, priority: P1, run: 'touch pr-ran', when: { events: [pull_request] } }
  - { id: on-release, stage: lint, priority: P1, run: 'touch rel-ran', when: { branches: ['release/**'] } }
  - { id: on-main, stage: lint, priority: P1, run: 'touch main-ran', when: { events: [push], branches: [main] } }
`;
    const { gate } = await run(conditional, { event: 'push', branch: 'main' });
    expect(gate('on-pr').status).toBe('skipped');
    expect(gate('on-pr').reason).toBe('condition');
    expect(gate('on-pr').detail).toContain('push');
    expect(gate('on-pr').detail).toContain('pull_request');
    expect(gate('on-release').status).toBe('skipped');
    expect(gate('on-release').reason).toBe('condition');
    expect(gate('on-release').detail).toContain('main');
    expect(gate('on-release').detail).toContain('release/**');
    expect(gate('on-main').status).toBe('passed');
    expect(existsSync(path.join(ws, 'pr-ran'))).toBe(false);
    expect(existsSync(path.join(ws, 'rel-ran'))).toBe(false);
    expect(existsSync(path.join(ws, 'main-ran'))).toBe(true);
  });

  it('when: a matching branch glob runs the gate', async () => {
    const conditional = `version: 1
gates:
  - { id: on-release, stage: lint, priority: P1, run: 'touch rel-ran', when: { branches: ['release/**'] } }
`;
    const { gate } = await run(conditional, { event: 'push', branch: 'release/1.2/hotfix' });
    expect(gate('on-release').status).toBe('passed');
    expect(existsSync(path.join(ws, 'rel-ran'))).toBe(true);
  });
});

describe('timeouts', () => {
  it('kills the whole process group, grandchildren included', async () => {
    const yaml = `version: 1
gates:
  - id: hang
    stage: test
    priority: P1
    timeout-minutes: 0.02
    run: 'sleep 30 & echo $! > child.pid; sleep 30'
`;
    const { result, gate, wallMs } = await run(yaml);
    const hang = gate('hang');
    expect(hang.status).toBe('timed-out');
    expect(hang.detail).toMatch(/timed out/);
    expect(hang.exitCode).toBeNull();
    // Not before its timeout (1.2 s), and then killed rather than left to its sleep 30.
    expect(hang.durationMs).toBeGreaterThanOrEqual(1100);
    expect(hang.durationMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    expect(result.verdict).toBe('failed');

    const childPid = Number(await readFile(path.join(ws, 'child.pid'), 'utf8'));
    expect(childPid).toBeGreaterThan(0);
    expect(isDead(childPid)).toBe(true);
    // And it stays dead once init has reaped it.
    expect(await waitForDeath(childPid, 3000)).toBe(true);
    const log = await readFile(hang.logPath!, 'utf8');
    expect(log).toMatch(/timed out/);
  });

  it('a gate that ignores SIGTERM still ends (SIGKILL after the grace)', async () => {
    const yaml = `version: 1
gates:
  - id: stubborn
    stage: test
    priority: P1
    timeout-minutes: 0.02
    run: 'trap "echo ignored TERM" TERM; echo $$ > shell.pid; while true; do sleep 0.05 || true; done'
`;
    const { gate, wallMs } = await run(yaml, { killGraceMs: 300 });
    const stubborn = gate('stubborn');
    expect(stubborn.status).toBe('timed-out');
    // It got SIGTERM, ignored it, and only SIGKILL after the grace ended it.
    expect(stubborn.tail).toContain('ignored TERM');
    expect(stubborn.durationMs).toBeGreaterThanOrEqual(1200 + 300 - 50);
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    const shellPid = Number(await readFile(path.join(ws, 'shell.pid'), 'utf8'));
    expect(await waitForDeath(shellPid, 2000)).toBe(true);
  });
});

describe('leftover processes', () => {
  it('a background process that keeps the output open does not hold the gate', async () => {
    const yaml = `version: 1
gates:
  - { id: bg, stage: lint, priority: P1, run: 'sleep 30 & echo $! > bg.pid; echo started' }
`;
    const { gate, wallMs } = await run(yaml);
    expect(gate('bg').status).toBe('passed');
    expect(gate('bg').tail).toBe('started');
    // The gate ended with its shell, not with the background sleep 30.
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    const pid = Number(await readFile(path.join(ws, 'bg.pid'), 'utf8'));
    expect(await waitForDeath(pid, 2000)).toBe(true);
  });
});

describe('retries', () => {
  const flaky = (retries: number, passOn: number) => `version: 1
gates:
  - id: flaky
    stage: test
    priority: P1
    retries: ${retries}
    run: |
      n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count
      echo "attempt $n"
      [ "$n" -ge ${passOn} ] || exit 3
`;

  it('a gate failing twice then passing with retries: 2 passes with 3 attempts', async () => {
    const { result, gate, events } = await run(flaky(2, 3));
    const g = gate('flaky');
    expect(g.status).toBe('passed');
    expect(g.attempts).toBe(3);
    expect(g.exitCode).toBe(0);
    expect(g.attemptHistory.map((a) => [a.attempt, a.status, a.exitCode])).toEqual([
      [1, 'failed', 3],
      [2, 'failed', 3],
      [3, 'passed', 0],
    ]);
    expect(result.verdict).toBe('passed');

    const retries = events.flatMap((e) => (e.type === 'gate-retry' ? [e] : []));
    expect(retries.map((e) => [e.id, e.attempt, e.previous.attempt, e.previous.status])).toEqual([
      ['flaky', 2, 1, 'failed'],
      ['flaky', 3, 2, 'failed'],
    ]);
    expect(gateStarts(events).map((e) => e.attempt)).toEqual([1, 2, 3]);

    const log = await readFile(g.logPath!, 'utf8');
    expect(log).toContain('attempt 1');
    expect(log).toContain('attempt 2');
    expect(log).toContain('attempt 3');
    expect(g.tail).toContain('attempt 3');
    expect(g.tail).not.toContain('attempt 1');
  });

  it('retries exhausted: failed with attempts = retries + 1', async () => {
    const { result, gate, events } = await run(flaky(1, 99));
    const g = gate('flaky');
    expect(g.status).toBe('failed');
    expect(g.attempts).toBe(2);
    expect(g.exitCode).toBe(3);
    expect(g.detail).toBe('exited with code 3');
    expect(g.attemptHistory.map((a) => a.status)).toEqual(['failed', 'failed']);
    expect(events.filter((e) => e.type === 'gate-retry')).toHaveLength(1);
    expect(await readFile(path.join(ws, 'count'), 'utf8')).toBe('2\n');
    expect(result.verdict).toBe('failed');
  });

  it('retries: 0 runs once', async () => {
    const { gate } = await run(flaky(0, 99));
    expect(gate('flaky').attempts).toBe(1);
    expect(gate('flaky').attemptHistory).toHaveLength(1);
  });
});

describe('run-level cancel', () => {
  it('cancels running gates and skips the rest with reason cancelled', async () => {
    const yaml = `version: 1
concurrency: 2
gates:
  - { id: before, stage: lint, priority: P1, run: 'true' }
  - { id: r1, stage: test, priority: P1, run: 'echo $$ > r1.pid; sleep 30' }
  - { id: r2, stage: test, priority: P3, run: 'sleep 30' }
  - { id: queued, stage: test, priority: P1, run: 'touch queued-ran' }
  - { id: later, stage: deploy, priority: P0, run: 'touch later-ran' }
`;
    const controller = new AbortController();
    let started = 0;
    const { result, gate, wallMs } = await run(yaml, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'gate-start' && event.stage === 'test' && ++started === 2) {
          setTimeout(() => controller.abort('user cancelled'), 300);
        }
      },
    });
    expect(gate('before').status).toBe('passed');
    for (const id of ['r1', 'r2']) {
      expect(gate(id).status).toBe('cancelled');
      expect(gate(id).reason).toBe('cancelled');
      expect(gate(id).detail).toMatch(/cancel/);
    }
    for (const id of ['queued', 'later']) {
      expect(gate(id).status).toBe('skipped');
      expect(gate(id).reason).toBe('cancelled');
    }
    expect(existsSync(path.join(ws, 'queued-ran'))).toBe(false);
    expect(existsSync(path.join(ws, 'later-ran'))).toBe(false);
    expect(result.cancelled).toBe(true);
    expect(result.verdict).toBe('failed');
    expect(result.failedGates).toEqual([]);
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    const pid = Number(await readFile(path.join(ws, 'r1.pid'), 'utf8'));
    expect(await waitForDeath(pid, 2000)).toBe(true);
  });

  it('a signal aborted before the run skips every gate', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: 'touch a-ran' }\n`,
      { signal: controller.signal },
    );
    expect(result.gates[0]!.status).toBe('skipped');
    expect(result.gates[0]!.reason).toBe('cancelled');
    expect(existsSync(path.join(ws, 'a-ran'))).toBe(false);
    expect(result.cancelled).toBe(true);
    expect(result.verdict).toBe('failed');
  });
});

describe('cancel during the hooks', () => {
  it('a cleanup running when the cancel comes gets the budget, then its group is stopped', async () => {
    const yaml = `version: 1
gates:
  - { id: quick, stage: lint, priority: P1, run: 'true' }
cleanup:
  - name: long cleanup
    run: 'echo $$ > cleanup.pid; sleep 30'
  - name: after
    run: 'touch after-ran'
`;
    const controller = new AbortController();
    const { result, wallMs } = await run(yaml, {
      signal: controller.signal,
      killGraceMs: 2000,
      onEvent: (event) => {
        if (event.type === 'run-end') return;
        if (event.type === 'gate-end') setTimeout(() => controller.abort('SIGINT'), 400);
      },
    });
    // 400 ms in, then the 2.2 s budget (its grace included): never the hook's 30 s.
    expect(wallMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    expect(result.cancelled).toBe(true);
    expect(result.verdict).toBe('failed');
    expect(result.hooks.map((h) => [h.name, h.status])).toEqual([
      ['long cleanup', 'cancelled'],
      ['after', 'cancelled'],
    ]);
    expect(existsSync(path.join(ws, 'after-ran'))).toBe(false);
    const pid = Number(await readFile(path.join(ws, 'cleanup.pid'), 'utf8'));
    expect(await waitForDeath(pid, 2000)).toBe(true);
  });

  it('a cancel while a short cleanup runs still records the run as cancelled', async () => {
    const yaml = `version: 1
gates:
  - { id: quick, stage: lint, priority: P1, run: 'true' }
cleanup:
  - { name: short, run: 'sleep 0.6' }
`;
    const controller = new AbortController();
    const { result } = await run(yaml, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'gate-end') setTimeout(() => controller.abort('SIGINT'), 200);
      },
    });
    expect(result.hooks[0]!.status).toBe('passed');
    expect(result.cancelled).toBe(true);
    expect(result.verdict).toBe('failed');
  });
});

describe('processes that leave the group', () => {
  it('a timeout also ends a setsid child and a double-forked grandchild, by their marker', async () => {
    const yaml = `version: 1
gates:
  - id: escapes
    stage: lint
    priority: P1
    timeout-minutes: 0.02
    run: |
      setsid sleep 300 & echo $! > setsid.pid
      ( ( sleep 300 & echo $! > forked.pid ) & )
      sleep 30
`;
    const { gate } = await run(yaml);
    expect(gate('escapes').status).toBe('timed-out');
    for (const file of ['setsid.pid', 'forked.pid']) {
      const pid = Number(await readFile(path.join(ws, file), 'utf8'));
      expect({ file, dead: await waitForDeath(pid, 2000) }).toEqual({ file, dead: true });
    }
  });
});

describe('failures to start', () => {
  it('a missing working-directory fails the gate with a detail naming it', async () => {
    const yaml = `version: 1
gates:
  - { id: nowhere, stage: lint, priority: P2, working-directory: apps/missing, run: 'touch ran' }
`;
    const { gate } = await run(yaml);
    const g = gate('nowhere');
    expect(g.status).toBe('failed');
    expect(g.detail).toContain('apps/missing');
    expect(g.detail).toMatch(/does not exist/);
    expect(g.exitCode).toBeNull();
    expect(existsSync(path.join(ws, 'ran'))).toBe(false);
    expect(await readFile(g.logPath!, 'utf8')).toContain('apps/missing');
  });

  it('an existing working-directory is the cwd of the command', async () => {
    await mkdir(path.join(ws, 'apps/api'), { recursive: true });
    const yaml = `version: 1
gates:
  - { id: here, stage: lint, priority: P2, working-directory: apps/api, run: 'pwd > where.txt' }
`;
    const { gate } = await run(yaml);
    expect(gate('here').status).toBe('passed');
    expect((await readFile(path.join(ws, 'apps/api/where.txt'), 'utf8')).trim()).toBe(
      path.join(ws, 'apps/api'),
    );
  });

  it('a shell that does not exist fails with a detail saying it could not start', async () => {
    const yaml = `version: 1
gates:
  - { id: noshell, stage: lint, priority: P2, shell: nosuchshell -c, retries: 2, run: 'true' }
`;
    const { gate } = await run(yaml);
    const g = gate('noshell');
    expect(g.status).toBe('failed');
    expect(g.detail).toMatch(/could not start/);
    expect(g.detail).toContain('nosuchshell');
    expect(g.exitCode).toBeNull();
    // Not worth retrying: the shell will not appear between attempts.
    expect(g.attempts).toBe(1);
  });
});

describe('results', () => {
  it('records exit codes, failedGates and highestFailedPriority', async () => {
    const yaml = `version: 1
policy: { P0: fail, P1: fail, P2: fail, P3: fail }
gates:
  - { id: ok, stage: lint, priority: P0, run: 'exit 0' }
  - { id: three, stage: lint, priority: P3, run: 'exit 3' }
  - { id: seven, stage: test, priority: P1, run: 'exit 7' }
  - { id: two, stage: build, priority: P2, run: 'exit 2' }
  - { id: sig, stage: build, priority: P3, run: 'kill -9 $$' }
`;
    const { result, gate } = await run(yaml);
    expect(gate('ok').exitCode).toBe(0);
    expect(gate('ok').detail).toBeUndefined();
    expect(gate('three').exitCode).toBe(3);
    expect(gate('three').detail).toBe('exited with code 3');
    expect(gate('seven').exitCode).toBe(7);
    expect(gate('two').exitCode).toBe(2);
    expect(gate('sig').status).toBe('failed');
    expect(gate('sig').exitCode).toBeNull();
    expect(gate('sig').detail).toMatch(/SIGKILL/);
    expect(result.failedGates).toEqual(['three', 'seven', 'two', 'sig']);
    expect(result.highestFailedPriority).toBe('P1');
    expect(result.verdict).toBe('failed');
  });

  it('a passing run has no failed gates and no highest priority', async () => {
    const { result } = await run(
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P0, run: 'true' }\n`,
    );
    expect(result.failedGates).toEqual([]);
    expect(result.highestFailedPriority).toBeUndefined();
    expect(result.verdict).toBe('passed');
    const a = result.gates[0]!;
    expect(a.attempts).toBe(1);
    expect(a.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(a.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(a.startedAt!));
  });

  it('gate env: defaults.env, gate env and RELEASE_GATES_GATE_ID reach the command', async () => {
    const yaml = `version: 1
defaults:
  env: { FOO: from-defaults, BAR: from-defaults, NUM: 5 }
gates:
  - id: envy
    stage: lint
    priority: P1
    env: { BAR: from-gate }
    run: 'echo "$FOO|$BAR|$NUM|$RELEASE_GATES_GATE_ID|$RELEASE_GATES_STAGE|$RELEASE_GATES_PRIORITY|$BASE" > env.txt'
  - id: other
    stage: lint
    priority: P2
    run: 'echo "$FOO|$BAR|$RELEASE_GATES_GATE_ID" > other.txt'
`;
    const { result } = await run(yaml, { env: { BASE: 'from-base', BAR: 'from-base' } });
    expect(result.verdict).toBe('passed');
    expect((await readFile(path.join(ws, 'env.txt'), 'utf8')).trim()).toBe(
      'from-defaults|from-gate|5|envy|lint|P1|from-base',
    );
    expect((await readFile(path.join(ws, 'other.txt'), 'utf8')).trim()).toBe(
      'from-defaults|from-defaults|other',
    );
  });

  it('captures stdout and stderr in the log file and the tail', async () => {
    const { gate } = await run(
      `version: 1\ngates:\n  - { id: both, stage: lint, priority: P1, run: 'echo to-out; echo to-err >&2' }\n`,
    );
    const g = gate('both');
    const log = await readFile(g.logPath!, 'utf8');
    expect(log).toContain('to-out');
    expect(log).toContain('to-err');
    expect(g.tail).toContain('to-out');
    expect(g.tail).toContain('to-err');
    expect(g.tailTruncated).toBe(false);
    expect(path.dirname(g.logPath!)).toBe(path.join(ws, '.logs'));
  });

  it('keeps the full output in the log and the last 100 lines in the tail', async () => {
    const { gate } = await run(
      `version: 1\ngates:\n  - { id: chatty, stage: lint, priority: P1, run: 'for i in $(seq 1 300); do echo "line $i"; done' }\n`,
    );
    const g = gate('chatty');
    expect(g.status).toBe('passed');
    const log = await readFile(g.logPath!, 'utf8');
    const expected = Array.from({ length: 300 }, (_, i) => `line ${i + 1}`);
    expect(log.trim().split('\n')).toEqual(expected);
    expect(g.tail.split('\n')).toEqual(expected.slice(200));
    expect(g.tailTruncated).toBe(true);
  });

  it("a gate's log file is not overwritten by a rollback or cleanup log", async () => {
    const yaml = `version: 1
gates:
  - { id: cleanup-1, stage: lint, priority: P1, run: 'echo output of the gate' }
  - { id: rollback-1, stage: deploy, priority: P1, run: 'echo output of the deploy; exit 1' }
rollback:
  - run: echo output of the rollback
cleanup:
  - run: echo output of the cleanup
`;
    const { gate, result } = await run(yaml);
    expect(result.hooks.map((h) => [h.kind, h.status])).toEqual([
      ['rollback', 'passed'],
      ['cleanup', 'passed'],
    ]);
    // Four distinct logs, each with its own output.
    const paths = [
      gate('cleanup-1').logPath!,
      gate('rollback-1').logPath!,
      ...result.hooks.map((h) => h.logPath),
    ];
    expect(new Set(paths).size).toBe(4);
    expect(await readFile(gate('cleanup-1').logPath!, 'utf8')).toContain('output of the gate');
    expect(await readFile(gate('rollback-1').logPath!, 'utf8')).toContain('output of the deploy');
  });

  it('a gate printing 2 MB: the log file has all of it, the tail at most 16 KiB', async () => {
    const size = 2 * 1024 * 1024;
    const { gate } = await run(
      `version: 1\ngates:\n  - { id: big, stage: lint, priority: P1, run: 'head -c ${size} /dev/zero | tr "\\\\0" x' }\n`,
    );
    const g = gate('big');
    expect(g.status).toBe('passed');
    expect(statSync(g.logPath!).size).toBe(size);
    expect(Buffer.byteLength(g.tail, 'utf8')).toBeLessThanOrEqual(16 * 1024);
    expect(g.tail.length).toBeGreaterThan(1000);
    expect(/^x+$/.test(g.tail)).toBe(true);
    expect(g.tailTruncated).toBe(true);
  });
});
