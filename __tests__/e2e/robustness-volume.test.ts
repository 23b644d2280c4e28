import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  existsSync,
  openSync,
  readSync,
  closeSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/reporters/report-json.js';
import { runCli, startCli } from '../helpers/cli-harness.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { crashLines, makeWorkspace, watchPeakRss } from '../helpers/robustness.js';
import { runAction } from '../helpers/runner-harness.js';
import { PIPELINE } from '../helpers/summary.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * Volume: one gate writing 500 MB through the CLI (the log keeps it all, memory stays flat),
 * and 200 gates across every stage (plan, run, report and a job summary under 1 MiB).
 */

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const LINE = '0123456789 the quick brown fox jumps over the lazy dog 0123456789 abcd';
const FIREHOSE_BYTES = 500_000_000;
const PEAK_RSS_LIMIT = 150 * 1024 * 1024;
const MiB = 1024 * 1024;

function readRange(file: string, start: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, start);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

describe('500 MB from one gate through the CLI', () => {
  it('keeps every byte in the log, the tail in report.json, and peak RSS under 150 MB', async () => {
    const cwd = await copyFixture('robust-volume');
    const cli = await startCli(['run'], { cwd, timeoutMs: 55_000 });
    const rss = watchPeakRss(cli.pid, 20);
    const run = await cli.done;
    const { peakBytes, samples } = rss.stop();
    const wallMs = run.exitedAt - run.startedAt;
    console.log(
      `robustness-volume: 500 MB gate: wall ${wallMs} ms, CLI peak RSS (VmHWM) ${(peakBytes / MiB).toFixed(1)} MiB over ${samples} samples`,
    );

    expect(run.killedByHarness).toBe(false);
    expect(run.code).toBe(0);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    expect(samples).toBeGreaterThan(5);
    expect(peakBytes).toBeGreaterThan(0);
    expect(peakBytes).toBeLessThan(PEAK_RSS_LIMIT);
    // Nothing of the output goes to the terminal report.
    expect(run.stdout.length + run.stderr.length).toBeLessThan(64 * 1024);

    const report = JSON.parse(
      readFileSync(path.join(cwd, '.release-gates', 'report.json'), 'utf8'),
    ) as Report;
    const gates = Object.fromEntries(report.gates.map((g) => [g.id, g]));
    expect(gates.firehose).toMatchObject({ status: 'passed', exitCode: 0, attempts: 1 });
    expect(gates.after!.status).toBe('passed');

    // Exactly what the gate wrote: no note is added for a gate that passed.
    const log = gates.firehose!.logPath!;
    expect(statSync(log).size).toBe(FIREHOSE_BYTES);
    const whole = `${LINE}\n`;
    expect(readRange(log, 0, whole.length * 3).toString()).toBe(whole.repeat(3));
    const partial = FIREHOSE_BYTES % whole.length; // the last line, cut by head -c
    const end = readRange(log, FIREHOSE_BYTES - whole.length - partial, whole.length + partial);
    expect(end.toString()).toBe(whole + whole.slice(0, partial));

    // The tail: the last lines, bounded, ending where the output ended.
    const tail = gates.firehose!.outputTail;
    expect(gates.firehose!.outputTailTruncated).toBe(true);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(16 * 1024);
    const lines = tail.split('\n');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.at(-1)).toBe(whole.slice(0, partial));
    expect(lines.slice(1, -1).every((line) => line === LINE)).toBe(true);
  });
});

/** 200 gates over the 8 stages; every third fails at P2 or P3 with 120 long lines of output. */
const GATES = Array.from({ length: 200 }, (_, i) => {
  const id = `g${String(i).padStart(3, '0')}`;
  const stage = PIPELINE[i % PIPELINE.length]!;
  const fails = i % 3 === 0;
  const priority = fails ? (i % 2 === 0 ? 'P2' : 'P3') : `P${i % 2}`;
  return { id, stage, priority, fails };
});

function manyGatesConfig(): string {
  // Listed out of pipeline order: config order must not change stage order.
  const order = GATES.map((_, i) => (i * 37) % GATES.length);
  const lines = ['version: 1', 'concurrency: 8', 'gates:'];
  for (const index of order) {
    const gate = GATES[index]!;
    lines.push(
      `  - id: ${gate.id}`,
      `    stage: ${gate.stage}`,
      `    priority: ${gate.priority}`,
      `    run: ${gate.fails ? `bash noise.sh ${gate.id}` : `touch ran/${gate.id}`}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The failing gates print 120 lines of ~190 bytes: ~16 KiB tails, ~1.1 MB of them in all. */
const NOISE = [
  'touch "ran/$1"',
  'for n in $(seq 1 120); do',
  '  printf \'%s line %03d <b>&amp;</b> | pipe ` tick %0150d\\n\' "$1" "$n" 0',
  'done',
  'exit 1',
  '',
].join('\n');

async function manyGatesWorkspace(): Promise<string> {
  return makeWorkspace(manyGatesConfig(), { 'noise.sh': NOISE, 'ran/.keep': '' });
}

/** Ids in report order: pipeline stage first, then config order within the stage. */
function expectedOrder(): string[] {
  const configOrder = GATES.map((_, i) => GATES[(i * 37) % GATES.length]!);
  return PIPELINE.flatMap((stage) => configOrder.filter((g) => g.stage === stage).map((g) => g.id));
}

describe('200 gates in one config', () => {
  it('plan lists all 200, grouped in pipeline stage order', async () => {
    const cwd = await manyGatesWorkspace();
    const run = await runCli(['plan'], { cwd });
    expect(run.code).toBe(0);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    const positions = new Map(
      GATES.map((g) => [g.id, run.stdout.search(new RegExp(`\\b${g.id}\\b`))]),
    );
    expect([...positions.values()].filter((p) => p < 0)).toEqual([]);
    for (const gate of GATES) {
      expect(run.stdout.split(new RegExp(`\\b${gate.id}\\b`)).length - 1).toBeGreaterThanOrEqual(1);
    }
    // Every gate of a stage comes after every gate of the stages before it.
    for (let s = 1; s < PIPELINE.length; s++) {
      const earlier = GATES.filter((g) => PIPELINE.indexOf(g.stage) < s).map((g) =>
        positions.get(g.id)!,
      );
      const here = GATES.filter((g) => g.stage === PIPELINE[s]).map((g) => positions.get(g.id)!);
      expect(Math.min(...here)).toBeGreaterThan(Math.max(...earlier));
    }
    expect(readdirSync(path.join(cwd, 'ran'))).toEqual(['.keep']);
  });

  it('run (CLI) runs all 200 with the right statuses and reports them', async () => {
    const cwd = await manyGatesWorkspace();
    const run = await runCli(['run'], { cwd, timeoutMs: 55_000 });
    expect(run.killedByHarness).toBe(false);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    const report = JSON.parse(
      readFileSync(path.join(cwd, '.release-gates', 'report.json'), 'utf8'),
    ) as Report;
    expect(report.gates).toHaveLength(200);
    expect(report.verdict).toBe('passed-with-warnings');
    expect(report.gates.map((g) => g.id)).toEqual(expectedOrder());
    const expected = Object.fromEntries(GATES.map((g) => [g.id, g.fails ? 'failed' : 'passed']));
    expect(Object.fromEntries(report.gates.map((g) => [g.id, g.status]))).toEqual(expected);
    expect(
      readdirSync(path.join(cwd, 'ran'))
        .filter((f) => f !== '.keep')
        .sort(),
    ).toEqual(GATES.map((g) => g.id).sort());
    for (const gate of report.gates) expect(existsSync(gate.logPath!)).toBe(true);
  });

  it('the action: 200 gates, report.json with all of them, a summary under 1 MiB', async () => {
    const workspace = await manyGatesWorkspace();
    const run = await runAction({ workspace, timeoutMs: 55_000 });
    expect(run.killedByHarness).toBe(false);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    const failing = expectedOrder().filter((id) => GATES.find((g) => g.id === id)!.fails);
    expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(failing);
    expect(run.outputs['highest-failed-priority']).toBe('P2');
    expect(run.report!.gates).toHaveLength(200);

    // Under the runner's 1 MiB limit, and it says which tails it left out: P3 before P2.
    const size = Buffer.byteLength(run.summary);
    console.log(`robustness-volume: 200-gate summary ${size} bytes`);
    expect(size).toBeLessThan(MiB);
    const note = /Output of (\d+) gate\(s\) left out to fit the size limit[^:]*: ([^.]+)\./.exec(
      run.summary,
    );
    expect(note).not.toBeNull();
    const dropped = note![2]!.split(', ');
    expect(dropped).toHaveLength(Number(note![1]));
    const priorityOf = (id: string) => GATES.find((g) => g.id === id)!.priority;
    expect(dropped.every((id) => priorityOf(id) === 'P3')).toBe(true);
    const keptTails = run.summary.split('<pre>').length - 1;
    expect(keptTails + dropped.length).toBe(failing.length);
    for (const gate of GATES.filter((g) => g.priority === 'P2' && g.fails)) {
      expect(run.summary).toContain(`${gate.id} line 120`);
    }

    const found = annotations(parseWorkflowLog(run.stdout));
    for (const level of ['error', 'warning', 'notice']) {
      expect(found.filter((a) => a.name === level).length).toBeLessThanOrEqual(10);
    }
  });
});
