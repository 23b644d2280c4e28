import { describe, expect, it } from '@jest/globals';
import { STAGES, type Priority, type Stage } from '../../src/engine/stages.js';
import type { GateResult } from '../../src/engine/types.js';
import { ANNOTATIONS_PER_LEVEL, buildAnnotations } from '../../src/reporters/annotations.js';
import { buildReport, REPORT_SCHEMA } from '../../src/reporters/report-json.js';
import { renderSummary, SUMMARY_BUDGET_BYTES } from '../../src/reporters/summary-markdown.js';
import { renderTextReport } from '../../src/reporters/text-report.js';
import { failed, gate, result } from '../helpers/results.js';

/* Reporters on hand-built results: no engine, no processes. */

const section = (md: string, heading: string): string => {
  const start = md.indexOf(`### ${heading}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n### ', start + 4);
  return md.slice(start, next === -1 ? undefined : next);
};

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('renderSummary', () => {
  const mixed = result(
    [
      gate({ id: 'api-lint', stage: 'lint' }),
      gate({ id: 'web-lint', stage: 'lint', priority: 'P2', action: 'warn' }),
      failed('api-test', 'P1', { stage: 'test' }),
      failed('audit', 'P3', { stage: 'security' }),
      gate({
        id: 'deploy',
        stage: 'deploy',
        priority: 'P0',
        action: 'abort',
        status: 'skipped',
        reason: 'policy',
        detail: 'P1 gate api-test failed; policy block skips later stages',
        attempts: 0,
        attemptHistory: [],
        durationMs: 0,
      }),
    ],
    { stoppedBy: { id: 'api-test', priority: 'P1', action: 'block' } },
  );

  it.each([
    ['passed', 'Release gates passed'],
    ['passed-with-warnings', 'Release gates passed with warnings'],
    ['failed', 'Release gates failed'],
    ['planned', 'Release gates plan'],
  ] as const)('the first line is the verdict heading (%s)', (verdict, headline) => {
    const md = renderSummary({ ...mixed, verdict });
    const first = md.split('\n')[0]!;
    expect(first.startsWith('## ')).toBe(true);
    expect(first).toContain(headline);
  });

  it('a cancelled run says so in the heading', () => {
    const md = renderSummary({ ...mixed, cancelled: true });
    expect(md.split('\n')[0]).toContain('cancelled');
  });

  it('has what to act on first: Executive summary, Findings, Next step, then Stages', () => {
    const md = renderSummary(mixed);
    const at = ['Executive summary', 'Findings', 'Next step', 'Stages'].map((h) =>
      md.indexOf(`\n### ${h}\n`),
    );
    for (const index of at) expect(index).toBeGreaterThan(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('has one table per non-empty stage, in pipeline order', () => {
    const md = renderSummary(mixed);
    const stages = section(md, 'Stages');
    const header = '| Status | Gate | Priority | Duration | Attempts | Note |';
    expect(count(stages, header)).toBe(4);
    const headings = [...stages.matchAll(/^#### (\S+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['lint', 'test', 'security', 'deploy']);
    for (const stage of STAGES.filter((s) => !headings.includes(s))) {
      expect(stages).not.toContain(`#### ${stage}`);
    }
    // Every gate has a row under its stage's heading.
    const lint = stages.slice(stages.indexOf('#### lint'), stages.indexOf('#### test'));
    expect(lint).toContain('api-lint');
    expect(lint).toContain('web-lint');
    expect(lint).not.toContain('api-test');
  });

  it('rows show status, priority, duration and attempts', () => {
    const md = renderSummary(mixed);
    const row = md.split('\n').find((line) => line.startsWith('|') && line.includes('api-test'))!;
    expect(row).toContain('failed');
    expect(row).toContain('P1');
    expect(row).toContain('1.2 s');
    expect(row).toContain('| 1 |');
    const skipped = md.split('\n').find((l) => l.startsWith('|') && l.includes('deploy'))!;
    expect(skipped).toContain('skipped (policy)');
  });

  it('groups findings by priority, P0 first, and names the failing gates', () => {
    const md = renderSummary(
      result([
        failed('late', 'P3', { stage: 'lint' }),
        failed('first', 'P0', { stage: 'health' }),
        failed('mid', 'P2', { stage: 'test' }),
      ]),
    );
    const findings = section(md, 'Findings');
    const order = ['#### P0', '#### P2', '#### P3'].map((h) => findings.indexOf(h));
    for (const index of order) expect(index).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(findings).not.toContain('#### P1');
    expect(findings.indexOf('first')).toBeLessThan(findings.indexOf('mid'));
    expect(findings.indexOf('mid')).toBeLessThan(findings.indexOf('late'));
  });

  it('says there are no findings when everything passed', () => {
    const md = renderSummary(result([gate({ id: 'ok' })]));
    expect(section(md, 'Findings')).toContain('No findings.');
    expect(md).not.toContain('<pre>');
  });

  it('has at most 10 executive summary points', () => {
    const gates = [
      ...PRIORITY_LIST.map((p, i) => failed(`f${i}`, p)),
      gate({ id: 's1', status: 'skipped', reason: 'policy', attempts: 0, stage: 'build' }),
    ];
    const md = renderSummary(
      result(gates, {
        mode: 'audit',
        cancelled: true,
        stoppedBy: { id: 'f0', priority: 'P0', action: 'abort' },
      }),
    );
    const points = section(md, 'Executive summary')
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(points.length).toBeGreaterThan(3);
    expect(points.length).toBeLessThanOrEqual(10);
  });

  it('shows failing tails in <pre> blocks and the next step names the first blocking gate', () => {
    const md = renderSummary(mixed);
    expect(md).toContain('<pre>error in api-test</pre>');
    expect(md).toContain('<pre>error in audit</pre>');
    expect(section(md, 'Next step')).toContain('api-test');
  });

  describe('hostile output', () => {
    const HOSTILE =
      '</pre></details><script>alert(1)</script>\n' +
      '| a | b |\n`code` ```fence\r\nCR\rline\u0000NUL\u001b[31mred\n\n' +
      '# not a heading\n<img src=x onerror=alert(1)>\n<!-- comment --> &amp; [link](http://x)';

    const hostile = result([
      failed('evil', 'P0', {
        name: 'evil </pre><script>x</script> | `name`',
        detail: 'failed: <script>bad()</script> | `tick`\r\n</pre>',
        tail: HOSTILE,
        tailTruncated: true,
      }),
      failed('evil2', 'P3', { stage: 'health', tail: HOSTILE, detail: 'x\u0000y' }),
    ]);
    const md = renderSummary(hostile);

    it('never contains raw tags from gate output', () => {
      expect(md.toLowerCase()).not.toContain('<script');
      expect(md).not.toContain('<img');
      expect(md).not.toContain('<!--');
      // The only </pre> are the ones closing our own <pre> blocks.
      expect(count(md, '<pre>')).toBe(2);
      expect(count(md, '</pre>')).toBe(2);
      expect(count(md, '<details')).toBe(count(md, '</details>'));
    });

    it('never contains NUL, CR or ESC', () => {
      expect(md).not.toContain('\u0000');
      expect(md).not.toContain('\r');
      expect(md).not.toContain('\u001b');
    });

    it('each <pre> block holds the escaped output and closes it', () => {
      const blocks = [...md.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
      expect(blocks).toHaveLength(2);
      for (const block of blocks) {
        expect(block).toContain('&lt;/pre&gt;');
        expect(block).toContain('&lt;script&gt;');
        expect(block).toContain('NUL');
        expect(block).not.toMatch(/[<>]/);
      }
    });

    it('table rows keep exactly their columns despite pipes, and backticks are escaped', () => {
      const row = md.split('\n').find((l) => l.startsWith('|') && l.includes('evil'))!;
      // Unescaped pipes: 7 for 6 columns.
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
      expect(row).not.toMatch(/(?<!\\)`/);
    });

    it('inline text (findings, next step) has no raw backticks or line breaks from details', () => {
      for (const name of ['Findings', 'Next step']) {
        const text = section(md, name);
        expect(text).not.toMatch(/(?<!\\)`/);
      }
      const evilFinding = section(md, 'Findings')
        .split('\n')
        .filter((l) => l.startsWith('- **evil &lt;'));
      expect(evilFinding).toHaveLength(1);
      // The pipe and backticks of the name and detail are escaped, the tags are entities.
      expect(evilFinding[0]).toContain('\\|');
      expect(evilFinding[0]).toContain('\\`name\\`');
      expect(evilFinding[0]).toContain('&lt;script&gt;bad()&lt;/script&gt;');
    });
  });

  describe('size budget', () => {
    const TAIL_BYTES = 16 * 1024;
    const marker = (i: number) => `TAILMARK${String(i).padStart(3, '0')}Z`;
    const big = () => {
      const gates: GateResult[] = [];
      for (let i = 0; i < 300; i++) {
        const priority = PRIORITY_LIST[i % 4]!;
        const stage = STAGES[i % STAGES.length]! as Stage;
        const body = `${marker(i)}\n${'é'.repeat(TAIL_BYTES / 2 - 20)}`;
        gates.push(
          failed(`gate-${String(i).padStart(3, '0')}`, priority, {
            stage,
            action: 'fail',
            tail: body.slice(0, TAIL_BYTES),
            tailTruncated: true,
          }),
        );
      }
      return result(gates);
    };

    it('300 failing gates with 16 KiB tails stay under the budget and say output was left out', () => {
      const run = big();
      const md = renderSummary(run);
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
      expect(SUMMARY_BUDGET_BYTES).toBeLessThan(1024 * 1024);
      expect(md).toMatch(/left out/);
      // Still starts with the verdict and has every section.
      expect(md.split('\n')[0]).toContain('Release gates failed');
      for (const h of ['Executive summary', 'Stages', 'Findings', 'Next step']) {
        expect(md).toContain(`### ${h}`);
      }
      expect(count(md, '<pre>')).toBe(count(md, '</pre>'));
      expect(count(md, '<details')).toBe(count(md, '</details>'));

      const kept = run.gates.filter((_, i) => md.includes(marker(i)));
      const dropped = run.gates.filter((_, i) => !md.includes(marker(i)));
      expect(kept.length).toBeGreaterThan(0);
      expect(dropped.length).toBeGreaterThan(0);
      // Lowest priority dropped first: no dropped tail outranks a kept one.
      const rank = (p: Priority) => PRIORITY_LIST.indexOf(p);
      const worstDropped = Math.min(...dropped.map((g) => rank(g.priority)));
      const leastKept = Math.max(...kept.map((g) => rank(g.priority)));
      expect(leastKept).toBeLessThanOrEqual(worstDropped);
      expect(kept.some((g) => g.priority === 'P0')).toBe(true);
      expect(kept.some((g) => g.priority === 'P3')).toBe(false);
      // The dropped ones are named.
      const note = md.split('\n').find((l) => l.includes('left out to fit'))!;
      expect(note).toContain(String(dropped.length));
      expect(note).toContain(dropped.find((g) => g.priority === 'P3')!.id);
    });

    it('a smaller budget keeps P0 tails and drops P3 ones first', () => {
      const run = result([
        failed('p3-gate', 'P3', { tail: `P3TAIL ${'x'.repeat(4000)}` }),
        failed('p0-gate', 'P0', { tail: `P0TAIL ${'x'.repeat(4000)}` }),
        failed('p2-gate', 'P2', { tail: `P2TAIL ${'x'.repeat(4000)}` }),
      ]);
      const full = renderSummary(run);
      const budget = Buffer.byteLength(full, 'utf8') - 3000;
      const md = renderSummary(run, { budgetBytes: budget });
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(budget);
      expect(md).toContain('P0TAIL');
      expect(md).toContain('P2TAIL');
      expect(md).not.toContain('P3TAIL');
      expect(md).toMatch(/left out/);
    });

    it('a summary that fits leaves every tail in and says nothing was left out', () => {
      const md = renderSummary(mixed);
      expect(md).not.toMatch(/left out to keep/);
    });

    // How long this takes is for npm run bench (the summary of 2000 failing gates).
    it('thousands of failing gates with long names stay under the budget', () => {
      const gates = Array.from({ length: 2000 }, (_, i) =>
        failed(`g${i}`, PRIORITY_LIST[i % 4]!, { name: `${'long name '.repeat(20)}${i}` }),
      );
      const md = renderSummary(result(gates));
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
      expect(md.split('\n')[0]).toContain('Release gates failed');
      expect(md).not.toContain('\uFFFD');
      expect(count(md, '<pre>')).toBe(count(md, '</pre>'));
    });
  });
});

const PRIORITY_LIST: Priority[] = ['P0', 'P1', 'P2', 'P3'];

describe('buildAnnotations', () => {
  it('one per failed gate, level by policy action, P0 first', () => {
    const annotations = buildAnnotations(
      result([
        gate({ id: 'ok' }),
        failed('n', 'P3'),
        failed('w', 'P2'),
        failed('b', 'P1'),
        failed('a', 'P0', { status: 'timed-out', detail: 'timed out after 60 s' }),
        gate({ id: 'c', status: 'cancelled', reason: 'cancelled' }),
      ]),
    );
    expect(annotations.map((a) => [a.level, a.title])).toEqual([
      ['error', 'P0 a'],
      ['error', 'P1 b'],
      ['warning', 'P2 w'],
      ['notice', 'P3 n'],
    ]);
    expect(annotations[0]!.message).toContain('timed out after 60 s');
  });

  it('caps each level at 10 with a final "N more"', () => {
    const gates = [
      ...Array.from({ length: 25 }, (_, i) => failed(`e${i}`, i < 5 ? 'P0' : 'P1')),
      ...Array.from({ length: 3 }, (_, i) => failed(`w${i}`, 'P2')),
      ...Array.from({ length: 12 }, (_, i) => failed(`n${i}`, 'P3')),
    ];
    const annotations = buildAnnotations(result(gates));
    const errors = annotations.filter((a) => a.level === 'error');
    const warnings = annotations.filter((a) => a.level === 'warning');
    const notices = annotations.filter((a) => a.level === 'notice');
    expect(ANNOTATIONS_PER_LEVEL).toBe(10);
    expect(errors).toHaveLength(10);
    expect(errors[9]!.title).toBe('16 more');
    expect(errors.slice(0, 5).every((a) => a.title.startsWith('P0'))).toBe(true);
    expect(warnings).toHaveLength(3);
    expect(warnings.every((a) => !a.title.includes('more'))).toBe(true);
    expect(notices).toHaveLength(10);
    expect(notices[9]!.title).toBe('3 more');
  });

  it('exactly 10 at a level needs no "more"', () => {
    const annotations = buildAnnotations(
      result(Array.from({ length: 10 }, (_, i) => failed(`e${i}`, 'P1'))),
    );
    expect(annotations).toHaveLength(10);
    expect(annotations.some((a) => /more/.test(a.title))).toBe(false);
  });

  it('nothing for a passing run', () => {
    expect(buildAnnotations(result([gate({ id: 'ok' })]))).toEqual([]);
  });
});

describe('buildReport', () => {
  it('has the schema, run fields and every per-gate field of SPEC section 7', () => {
    const run = result(
      [
        failed('api-test', 'P1', { stage: 'test', exitCode: 2, tail: 'boom', attempts: 1 }),
        gate({
          id: 'later',
          stage: 'build',
          status: 'skipped',
          reason: 'policy',
          detail: 'blocked',
          exitCode: null,
          attempts: 0,
          attemptHistory: [],
          logPath: undefined,
          startedAt: undefined,
          finishedAt: undefined,
        }),
      ],
      {
        highestFailedPriority: 'P1',
        stoppedBy: { id: 'api-test', priority: 'P1', action: 'block' },
      },
    );
    const report = JSON.parse(JSON.stringify(buildReport(run, { version: '1.2.3' })));
    expect(report.schema).toBe('release-gates/report@1');
    expect(REPORT_SCHEMA).toBe('release-gates/report@1');
    expect(report.tool).toEqual({ name: 'release-gates', version: '1.2.3' });
    expect(report.verdict).toBe('failed');
    expect(report.mode).toBe('enforce');
    expect(report.startedAt).toBe(run.startedAt);
    expect(report.finishedAt).toBe(run.finishedAt);
    expect(report.durationMs).toBe(60_000);
    expect(report.failedGates).toEqual(['api-test']);
    expect(report.highestFailedPriority).toBe('P1');
    expect(report.stoppedBy).toEqual({ id: 'api-test', priority: 'P1', action: 'block' });

    const [failing, skipped] = report.gates;
    expect(failing).toMatchObject({
      id: 'api-test',
      name: 'api-test',
      stage: 'test',
      priority: 'P1',
      action: 'block',
      status: 'failed',
      exitCode: 2,
      durationMs: 1234,
      attempts: 1,
      outputTail: 'boom',
      logPath: '/tmp/logs/api-test.log',
    });
    expect(failing.reason).toBeNull();
    // Fields are present (null, not missing) even when the gate has no value for them.
    for (const key of [
      'id',
      'name',
      'stage',
      'priority',
      'action',
      'status',
      'reason',
      'exitCode',
      'durationMs',
      'attempts',
      'outputTail',
      'logPath',
    ]) {
      expect(Object.keys(skipped)).toContain(key);
    }
    expect(skipped).toMatchObject({
      status: 'skipped',
      reason: 'policy',
      exitCode: null,
      attempts: 0,
      logPath: null,
      outputTail: '',
    });
  });
});

describe('renderTextReport', () => {
  const run = result([
    gate({ id: 'ok' }),
    failed('bad', 'P1', { tail: '\u001b[31mred error\u001b[0m\nplain' }),
    failed('meh', 'P2', { stage: 'test' }),
  ]);

  it('has no ANSI escape codes when color is false, even from gate output', () => {
    const text = renderTextReport(run, { color: false });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('red error');
    expect(text).toContain('plain');
    expect(text).toContain('Executive summary');
    expect(text).toContain('Next step');
  });

  it('has no ANSI escape codes when color is false, even from a gate detail', () => {
    const withDetail = result([
      failed('bad', 'P1', { detail: 'exited with code 1 \u001b[1mbold\u001b[0m' }),
    ]);
    const text = renderTextReport(withDetail, { color: false });
    const offending = text.split('\n').filter((line) => line.includes('\u001b'));
    expect(offending).toEqual([]);
  });

  it('uses ANSI colours when color is true', () => {
    const text = renderTextReport(run, { color: true });
    expect(text).toContain('\u001b[31m');
    expect(text).toContain('\u001b[1m');
  });

  it('lists every gate and ends with the verdict', () => {
    const text = renderTextReport(run, { color: false });
    for (const id of ['ok', 'bad', 'meh']) expect(text).toContain(id);
    const lines = text.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toContain('(failed)');
  });
});
