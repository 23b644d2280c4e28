import { describe, expect, it } from '@jest/globals';
import { OutputTail, TAIL_MAX_BYTES, TAIL_MAX_LINES } from '../../src/engine/output/tail.js';
import {
  computeVerdict,
  effectiveAction,
  highestPriority,
  isFailure,
} from '../../src/engine/policy.js';
import { createRedaction, REDACTED, redactValues } from '../../src/engine/redact.js';
import { DEFAULT_POLICY } from '../../src/engine/config/types.js';
import { MODES, POLICY_ACTIONS, PRIORITIES } from '../../src/engine/stages.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const REPLACEMENT = '\uFFFD';

describe('OutputTail', () => {
  it('returns short output as it is, not truncated', () => {
    const tail = new OutputTail();
    tail.push(utf8('hello\nworld\n'));
    expect(tail.read()).toEqual({ text: 'hello\nworld', truncated: false });
  });

  it('reads empty when nothing (or only empty chunks) was pushed', () => {
    const tail = new OutputTail();
    expect(tail.read()).toEqual({ text: '', truncated: false });
    tail.push(Buffer.alloc(0));
    expect(tail.read()).toEqual({ text: '', truncated: false });
  });

  it('has the documented defaults', () => {
    expect(TAIL_MAX_BYTES).toBe(16 * 1024);
    expect(TAIL_MAX_LINES).toBe(100);
  });

  describe('line bound', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

    it('keeps exactly the last 100 lines of 150', () => {
      const tail = new OutputTail();
      tail.push(utf8(`${lines(150).join('\n')}\n`));
      const read = tail.read();
      expect(read.text.split('\n')).toEqual(lines(150).slice(50));
      expect(read.truncated).toBe(true);
    });

    it('100 lines are not truncated, 101 are', () => {
      const exact = new OutputTail();
      exact.push(utf8(`${lines(100).join('\n')}\n`));
      expect(exact.read().truncated).toBe(false);
      expect(exact.read().text.split('\n')).toHaveLength(100);

      const over = new OutputTail();
      over.push(utf8(`${lines(101).join('\n')}\n`));
      expect(over.read().truncated).toBe(true);
      expect(over.read().text.split('\n')[0]).toBe('line 2');
    });

    it('counts a last line without a newline', () => {
      const tail = new OutputTail(1024, 2);
      tail.push(utf8('a\nb\nc'));
      expect(tail.read()).toEqual({ text: 'b\nc', truncated: true });
    });

    it('honours a custom line limit across many chunks', () => {
      const tail = new OutputTail(1024, 3);
      for (const line of lines(10)) tail.push(utf8(`${line}\n`));
      expect(tail.read()).toEqual({ text: 'line 8\nline 9\nline 10', truncated: true });
    });
  });

  describe('byte bound', () => {
    it('exactly maxBytes is kept whole; one more byte is truncated', () => {
      const exact = new OutputTail();
      exact.push(Buffer.alloc(TAIL_MAX_BYTES, 'a'));
      expect(exact.read()).toEqual({ text: 'a'.repeat(TAIL_MAX_BYTES), truncated: false });

      const over = new OutputTail();
      over.push(Buffer.concat([utf8('X'), Buffer.alloc(TAIL_MAX_BYTES, 'a')]));
      const read = over.read();
      expect(read.truncated).toBe(true);
      expect(read.text).toBe('a'.repeat(TAIL_MAX_BYTES));
    });

    it('one huge chunk is cut to its last maxBytes', () => {
      const text = Array.from({ length: 4000 }, (_, i) => String(i % 10)).join('');
      const tail = new OutputTail(1000, 1000);
      tail.push(utf8(text));
      const read = tail.read();
      expect(read.text).toBe(text.slice(-1000));
      expect(read.truncated).toBe(true);
    });

    it('many small chunks: the text is exactly the last bytes of the stream', () => {
      const tail = new OutputTail(4096, 10_000);
      let all = '';
      for (let i = 0; i < 3000; i++) {
        const chunk = `${i},`;
        all += chunk;
        tail.push(utf8(chunk));
      }
      const read = tail.read();
      expect(read.truncated).toBe(true);
      expect(Buffer.byteLength(read.text)).toBeLessThanOrEqual(4096);
      expect(read.text).toBe(all.slice(-4096));
    });

    it('chunks bigger than maxBytes after small ones: only the newest bytes remain', () => {
      const tail = new OutputTail(100, 1000);
      tail.push(utf8('old-'.repeat(10)));
      tail.push(utf8('N'.repeat(250)));
      expect(tail.read()).toEqual({ text: 'N'.repeat(100), truncated: true });
    });

    it('a chunk dropped from the front marks the tail truncated even when the rest fits', () => {
      const tail = new OutputTail(10, 100);
      tail.push(utf8('abc'));
      tail.push(utf8('0123456789'));
      expect(tail.read()).toEqual({ text: '0123456789', truncated: true });
    });

    it('retains no more than maxBytes plus one chunk', () => {
      const tail = new OutputTail(1024, 100);
      for (let i = 0; i < 1000; i++) tail.push(Buffer.alloc(100, 'z'));
      const retained = (tail as unknown as { size: number }).size;
      expect(retained).toBeLessThanOrEqual(1024 + 100);
    });
  });

  describe('multibyte safety', () => {
    const samples = ['é', '€', '😀', 'aé€😀'];
    for (const sample of samples) {
      it(`never starts with a broken character (${sample})`, () => {
        const text = sample.repeat(200);
        for (let maxBytes = 20; maxBytes < 28; maxBytes++) {
          const tail = new OutputTail(maxBytes, 1000);
          tail.push(utf8(text));
          const read = tail.read();
          expect(read.text).not.toContain(REPLACEMENT);
          expect(read.truncated).toBe(true);
          expect(text.endsWith(read.text)).toBe(true);
          expect(Buffer.byteLength(read.text)).toBeLessThanOrEqual(maxBytes);
          // At most one character's worth was given up for the cut.
          expect(Buffer.byteLength(read.text)).toBeGreaterThan(maxBytes - 4);
        }
      });
    }

    it('a character split across two chunks decodes whole', () => {
      const bytes = utf8('x😀y€z');
      for (let cut = 1; cut < bytes.length; cut++) {
        const tail = new OutputTail();
        tail.push(bytes.subarray(0, cut));
        tail.push(bytes.subarray(cut));
        expect(tail.read()).toEqual({ text: 'x😀y€z', truncated: false });
      }
    });

    it('dropping a chunk whose boundary splits a character leaves no broken character', () => {
      const text = '€'.repeat(100); // 300 bytes
      const bytes = utf8(text);
      for (const step of [7, 8, 10, 11]) {
        const tail = new OutputTail(64, 1000);
        for (let i = 0; i < bytes.length; i += step) tail.push(bytes.subarray(i, i + step));
        const read = tail.read();
        expect(read.truncated).toBe(true);
        expect(read.text).not.toContain(REPLACEMENT);
        expect(text.endsWith(read.text)).toBe(true);
        expect(read.text.length).toBeGreaterThan(0);
      }
    });

    it('keeps genuine replacement characters and invalid bytes that were not cut', () => {
      const tail = new OutputTail();
      tail.push(utf8('ok \uFFFD'));
      expect(tail.read().text).toBe('ok \uFFFD');
    });
  });

  it('reset forgets everything, including that output was dropped', () => {
    const tail = new OutputTail(10, 100);
    tail.push(utf8('x'.repeat(50)));
    tail.push(utf8('y'.repeat(50)));
    tail.reset();
    expect(tail.read()).toEqual({ text: '', truncated: false });
    tail.push(utf8('fresh'));
    expect(tail.read()).toEqual({ text: 'fresh', truncated: false });
  });

  it('copies pushed buffers (a reused read buffer does not corrupt the tail)', () => {
    const tail = new OutputTail();
    const buffer = Buffer.from('first');
    tail.push(buffer);
    buffer.write('XXXXX');
    expect(tail.read().text).toBe('first');
  });
});

describe('policy', () => {
  it('effectiveAction: enforce and plan use the policy as configured', () => {
    for (const mode of ['enforce', 'plan'] as const) {
      for (const priority of PRIORITIES) {
        expect(effectiveAction(DEFAULT_POLICY, priority, mode)).toBe(DEFAULT_POLICY[priority]);
      }
    }
  });

  it('effectiveAction: audit turns abort and block into fail and keeps the rest', () => {
    const expected = { abort: 'fail', block: 'fail', fail: 'fail', warn: 'warn', notice: 'notice' };
    for (const action of POLICY_ACTIONS) {
      const policy = { P0: action, P1: action, P2: action, P3: action };
      expect(effectiveAction(policy, 'P2', 'audit')).toBe(expected[action]);
      expect(effectiveAction(policy, 'P2', 'enforce')).toBe(action);
    }
    expect(MODES).toEqual(['enforce', 'audit', 'plan']);
  });

  it('isFailure: failed and timed-out only', () => {
    expect(isFailure('failed')).toBe(true);
    expect(isFailure('timed-out')).toBe(true);
    for (const status of ['passed', 'cancelled', 'skipped', 'planned']) {
      expect(isFailure(status)).toBe(false);
    }
  });

  describe('computeVerdict', () => {
    it('passes when nothing failed', () => {
      expect(computeVerdict([], false)).toBe('passed');
      expect(
        computeVerdict(
          [
            { status: 'passed', action: 'abort' },
            { status: 'skipped', action: 'block' },
          ],
          false,
        ),
      ).toBe('passed');
    });

    it.each([
      ['abort', 'failed'],
      ['block', 'failed'],
      ['fail', 'failed'],
      ['warn', 'passed-with-warnings'],
      ['notice', 'passed'],
    ] as const)('a failed %s gate gives %s', (action, verdict) => {
      expect(computeVerdict([{ status: 'failed', action }], false)).toBe(verdict);
      expect(computeVerdict([{ status: 'timed-out', action }], false)).toBe(verdict);
    });

    it('the worst failure wins whatever the order', () => {
      const warn = { status: 'failed', action: 'warn' as const };
      const notice = { status: 'failed', action: 'notice' as const };
      const fail = { status: 'timed-out', action: 'fail' as const };
      expect(computeVerdict([notice, warn], false)).toBe('passed-with-warnings');
      expect(computeVerdict([warn, notice], false)).toBe('passed-with-warnings');
      expect(computeVerdict([warn, fail, notice], false)).toBe('failed');
      expect(computeVerdict([notice, warn, fail], false)).toBe('failed');
    });

    it('a cancelled run never passes', () => {
      expect(computeVerdict([], true)).toBe('failed');
      expect(computeVerdict([{ status: 'passed', action: 'abort' }], true)).toBe('failed');
      expect(computeVerdict([{ status: 'failed', action: 'warn' }], true)).toBe('failed');
    });
  });

  it('highestPriority: the most severe, or undefined for none', () => {
    expect(highestPriority([])).toBeUndefined();
    expect(highestPriority(['P3'])).toBe('P3');
    expect(highestPriority(['P3', 'P1', 'P2'])).toBe('P1');
    expect(highestPriority(['P2', 'P0', 'P3', 'P0'])).toBe('P0');
  });
});

describe('createRedaction', () => {
  const createRedactor = (values: string[]) => createRedaction(values).text;

  it('replaces every occurrence of every secret', () => {
    const redact = createRedactor(['hunter2', 's3cr3t-token']);
    expect(redact('pw=hunter2 token=s3cr3t-token again hunter2')).toBe(
      `pw=${REDACTED} token=${REDACTED} again ${REDACTED}`,
    );
  });

  it('is the identity without secrets', () => {
    const redact = createRedactor([]);
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });

  it('ignores values shorter than 3 characters', () => {
    const redact = createRedactor(['a', '12', '']);
    expect(redact('a 12 abc')).toBe('a 12 abc');
  });

  it('replaces longer secrets first so no part of them is left', () => {
    const redact = createRedactor(['abc', 'abcdef']);
    expect(redact('x abcdef y abc')).toBe(`x ${REDACTED} y ${REDACTED}`);
    const reversed = createRedactor(['abcdef', 'abc']);
    expect(reversed('x abcdef y abc')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('treats regex characters and newlines literally', () => {
    const redact = createRedactor(['a.b*c$', 'line1\nline2']);
    expect(redact('a.b*c$ aXbbc line1\nline2')).toBe(`${REDACTED} aXbbc ${REDACTED}`);
  });

  it('duplicates are harmless', () => {
    const redact = createRedactor(['secret', 'secret']);
    expect(redact('secret')).toBe(REDACTED);
  });

  it('redactValues: the values of the named variables that are set and non-empty', () => {
    expect(redactValues(['A', 'B', 'C', 'D'], { A: 'one', B: '', D: 'four' })).toEqual([
      'one',
      'four',
    ]);
  });
});
