import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { LiveProgress, plainProgress } from '../../src/cli/progress.js';
import type { GateResult } from '../../src/engine/index.js';

function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

const gate = (id: string, status: GateResult['status']): GateResult => ({
  id,
  name: id,
  stage: 'test',
  priority: 'P1',
  kind: 'run',
  action: 'block',
  status,
  exitCode: status === 'passed' ? 0 : 1,
  durationMs: 1500,
  attempts: 1,
  attemptHistory: [],
  tail: '',
  tailTruncated: false,
});

describe('CLI progress', () => {
  it('on a terminal draws one line per running gate with its elapsed time, redrawn in place', () => {
    let now = 1000;
    const { out, text } = sink();
    const live = new LiveProgress(out, false, () => now);
    live.onEvent({
      type: 'gate-start',
      id: 'api-tests',
      name: 'api-tests',
      stage: 'test',
      attempt: 1,
    });
    live.onEvent({
      type: 'gate-start',
      id: 'web-tests',
      name: 'web-tests',
      stage: 'test',
      attempt: 2,
    });
    now += 2500;
    expect(live.frame()).toEqual([
      expect.stringMatching(/^. test\/api-tests {2}2\.5 s$/),
      expect.stringMatching(/^. test\/web-tests \(attempt 2\) {2}2\.5 s$/),
    ]);
    live.onEvent({ type: 'gate-end', gate: gate('api-tests', 'failed') });
    live.stop();
    const written = text();
    // The block of two lines is erased (cursor up 2, clear) before the finished line is printed.
    expect(written).toContain('\u001b[2F\u001b[0Jfailed');
    expect(written).toMatch(/failed +test\/api-tests 1\.5 s\n/);
    expect(live.frame()).toEqual([expect.stringContaining('web-tests')]);
    // No colour was asked for: the only escapes are cursor movements.
    expect(written.replace(/\u001b\[\d+F|\u001b\[0J/g, '')).not.toContain('\u001b');
  });

  it('colours statuses only when asked to', () => {
    const { out, text } = sink();
    const live = new LiveProgress(out, true, () => 0);
    live.onEvent({ type: 'gate-end', gate: gate('api-tests', 'passed') });
    live.stop();
    expect(text()).toContain('\u001b[32mpassed');
  });

  it('elsewhere prints plain lines, with no escape codes at all', () => {
    const { out, text } = sink();
    const plain = plainProgress(out, () => 0);
    plain.onEvent({
      type: 'gate-start',
      id: 'api-tests',
      name: 'api-tests',
      stage: 'test',
      attempt: 1,
    });
    plain.onEvent({ type: 'gate-end', gate: gate('api-tests', 'passed') });
    plain.stop();
    expect(text()).toBe('[    0 ms] ▶ test/api-tests\n[    0 ms] passed     api-tests (1.5 s)\n');
  });
});
