import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../src/engine/config/types.js';
import { STAGES, type Priority, type Stage } from '../../src/engine/stages.js';
import type { GateResult, HookResult, ProbeAttempt, RunResult } from '../../src/engine/types.js';
import { renderSummary, SUMMARY_BUDGET_BYTES } from '../../src/reporters/summary-markdown.js';
import { gate, type GatePartial } from '../helpers/results.js';
import { decodeEntities, liveMentionsAndLinks, toHtml } from '../helpers/summary.js';

/*
 * The job summary (see README, section 'Job summary') rendered the way GitHub renders it:
 * hand-built results whose every free-text field is hostile, rendered by renderSummary, then by
 * micromark with GFM and raw HTML allowed. The HTML must keep the summary's structure, carry no
 * tag or attribute that came from gate text, and stay under the size budget however large the
 * input.
 */

interface Tag {
  name: string;
  closing: boolean;
  attributes: { name: string; value: string }[];
  raw: string;
}

const TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** Every tag of the HTML, and what is left once they are cut out. */
function scanTags(html: string): { tags: Tag[]; rest: string } {
  const tags: Tag[] = [];
  const rest = html.replace(TAG, (raw, slash: string, name: string, attrs: string) => {
    const attributes = [...attrs.matchAll(ATTRIBUTE)].map((m) => ({
      name: m[1]!.toLowerCase(),
      value: (m[2] ?? '').replace(/^["']|["']$/g, ''),
    }));
    tags.push({ name: name.toLowerCase(), closing: slash === '/', attributes, raw });
    return ' ';
  });
  return { tags, rest };
}

/** Tags the summary's own Markdown and HTML produce, with the attributes each may carry. */
const ALLOWED: Record<string, string[]> = {
  h2: [],
  h3: [],
  h4: [],
  p: [],
  ul: [],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  details: ['open'],
  summary: [],
  pre: [],
  sub: [],
  strong: [],
  em: [],
  code: [],
  del: [],
  br: [],
};

/**
 * Block constructs Markdown makes of text at the start of a list item (`1. `, `# `, `> `):
 * harmless structure, not markup. The hand-built run must not have them; fuzzed text may.
 */
const MARKDOWN_BLOCKS: Record<string, string[]> = {
  ol: ['start'],
  h1: [],
  h5: [],
  h6: [],
  blockquote: [],
  hr: [],
};

/** Why the HTML could run or inject something, or [] when it cannot. */
function injections(html: string, extra: Record<string, string[]> = {}): string[] {
  const problems: string[] = [];
  const { tags, rest } = scanTags(html);
  for (const tag of tags) {
    const allowed = ALLOWED[tag.name] ?? extra[tag.name];
    if (!allowed) {
      problems.push(`tag <${tag.name}>: ${tag.raw.slice(0, 120)}`);
      continue;
    }
    for (const attribute of tag.attributes) {
      if (!allowed.includes(attribute.name) || /^on/i.test(attribute.name)) {
        problems.push(`attribute ${attribute.name} on <${tag.name}>: ${tag.raw.slice(0, 120)}`);
      }
    }
  }
  // A `<` outside a tag is raw HTML the tag scanner did not recognise (`<!--`, `<img` cut short).
  const stray = rest.search(/<[!?/A-Za-z]/);
  if (stray >= 0) problems.push(`raw markup: ${rest.slice(stray, stray + 120)}`);
  if (/<script/i.test(html)) problems.push('<script');
  if (/<img/i.test(html)) problems.push('<img');
  return problems;
}

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string'
    ? text.split(needle).length - 1
    : (text.match(new RegExp(needle.source, `${needle.flags.replace('g', '')}g`)) ?? []).length;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * What HTML text reads as once the browser decodes entities; the word joiners that keep
 * mentions and links inert have no glyph and are left out.
 */
function decode(html: string): string {
  return decodeEntities(html.replace(/\u2060/g, ''));
}

/** Text as escapeHtml keeps it: CRLF and CR as LF, control characters gone. */
function visible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, '');
}

// ---------------------------------------------------------------- hostile text

const INVALID_UTF8 = Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x62]).toString('utf8');
const HOSTILE = [
  '</details>',
  '</pre>',
  '</summary>',
  '</td></tr></table>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload=alert(1)>',
  '<iframe src=javascript:alert(1)>',
  '<details open><summary>fake</summary>',
  '| a | b |',
  '| --- | --- |',
  '``` x ```',
  '`````',
  '\\`',
  'a\rb\r\nc',
  'nul\0byte',
  'bell\u0007 esc\u001b[31m',
  INVALID_UTF8,
  '[link](javascript:alert(1))',
  '![img](https://example.com/x.png)',
  '[ref]: javascript:alert(1)',
  '<!-- hidden',
  '-->',
  '<!--',
  '&lt;script&gt;',
  '&#60;script&#62;',
  '# heading',
  '---',
  '> quote',
  '* bullet',
  '1. item',
  '    indented code',
  '<https://evil.example>',
  'https://evil.example/path',
  '~~~',
  '$$',
  '\u2028line\u2029sep',
  '\u202eRTL',
  '**bold** _em_ ~~del~~',
  '@octocat',
  'cc @coffeestudio/release-team,',
  '(@admin)',
  'mail ops@example.com',
  'mailto:ops@example.com',
  'xmpp:ops@example.com',
  'www.evil.example',
  'WWW.EVIL.EXAMPLE/x',
  'HTTPS://EVIL.EXAMPLE',
  'ftp://files.example',
];
const HOSTILE_TEXT = HOSTILE.join(' ');
const HOSTILE_LINES = HOSTILE.join('\n');
const LONG_LINE = `${'<script>alert(1)</script>|`'.repeat(8_000)}`.slice(0, 200_000);

function failed(
  id: string,
  priority: Priority,
  stage: Stage,
  extra: Omit<GatePartial, 'id'> = {},
): GateResult {
  return gate({
    id,
    priority,
    stage,
    action: DEFAULT_POLICY[priority],
    status: 'failed',
    exitCode: 1,
    detail: 'exited with code 1',
    tail: `error in ${id}`,
    attemptHistory: [{ attempt: 1, status: 'failed', exitCode: 1, durationMs: 1234 }],
    ...extra,
  });
}

function result(gates: GateResult[], partial: Partial<RunResult> = {}): RunResult {
  const failing = gates.filter((g) => g.status === 'failed' || g.status === 'timed-out');
  return {
    verdict: failing.length > 0 ? 'failed' : 'passed',
    mode: 'enforce',
    configFile: '.github/release-gates.yml',
    event: 'push',
    branch: 'main',
    policy: DEFAULT_POLICY,
    concurrency: 4,
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:01:00.000Z',
    durationMs: 60_000,
    cancelled: false,
    gates,
    hooks: [],
    failedGates: failing.map((g) => g.id),
    ...partial,
  };
}

const hostileFinding = (n: number) => ({
  tool: `eslint ${HOSTILE_TEXT}`,
  file: `src/<img src=x onerror=alert(${n})>.ts`,
  line: n + 1,
  column: 1,
  message: `${HOSTILE_TEXT} token <script>alert(${n})</script>`,
  ruleId: `rule|${n}<!--`,
  severity: 'error' as const,
});

const hostileProbe = (): GateResult['probe'] => ({
  url: `https://example.com/health?q=<script>alert(1)</script>&r=javascript:alert(1)|${HOSTILE_TEXT}`,
  method: 'GET<img src=x onerror=alert(1)>',
  attempts: Array.from({ length: 7 }, (_, i): ProbeAttempt => ({
    attempt: i + 1,
    at: '2024-05-01T10:00:00.000Z',
    status: i % 2 === 0 ? 503 : null,
    latencyMs: 12.5 * i,
    ok: false,
    failure: 'body',
    message: `${HOSTILE_TEXT} #${i}`,
  })),
});

const hostileHook = (kind: HookResult['kind']): HookResult => ({
  kind,
  name: `${kind} ${HOSTILE_TEXT}`,
  status: 'failed',
  exitCode: 1,
  durationMs: 10,
  detail: HOSTILE_TEXT,
  tail: HOSTILE_LINES,
  logPath: `/tmp/logs/hooks/${kind}-1.log`,
});

/** One gate of each status per stage, every free-text field hostile. */
function hostileRun(): RunResult {
  const gates: GateResult[] = [];
  STAGES.forEach((stage, s) => {
    const priority = (['P0', 'P1', 'P2', 'P3'] as const)[s % 4]!;
    gates.push(
      failed(`${stage}-fail`, priority, stage, {
        name: `${stage} ${HOSTILE_TEXT}`,
        detail: `exited with code 1 ${HOSTILE_TEXT}`,
        tail: `${HOSTILE_LINES}\n${s === 0 ? LONG_LINE : ''}\n${HOSTILE_LINES}`,
        tailTruncated: s % 2 === 0,
        findings: Array.from({ length: 7 }, (_, n) => hostileFinding(n)),
        findingCount: 9,
        ...(stage === 'health' ? { kind: 'http' as const, probe: hostileProbe() } : {}),
      }),
      gate({ id: `${stage}-ok`, stage, name: `ok ${HOSTILE_TEXT}`, tail: HOSTILE_LINES }),
      gate({
        id: `${stage}-skip`,
        stage,
        status: 'skipped',
        reason: 'policy',
        attempts: 0,
        detail: `skipped ${HOSTILE_TEXT}`,
        name: `</details><script>alert(${s})</script>`,
      }),
    );
  });
  gates.push(
    failed('timeout', 'P2', 'test', {
      status: 'timed-out',
      detail: `timed out ${HOSTILE_TEXT}`,
      tail: '',
    }),
  );
  return result(gates, {
    event: `push<script>alert(1)</script>\`x\``,
    branch: `feature/<img src=x onerror=alert(1)>|\`main\``,
    configFile: `.github/<!--evil-->.yml`,
    hooks: [hostileHook('rollback'), hostileHook('cleanup')],
    stoppedBy: { id: 'lint-fail', priority: 'P0', action: 'abort' },
  });
}

/** The `<h4>stage</h4>` sections of the Stages part, each with its table. */
function stageSections(html: string): Map<string, string> {
  const stagesAt = html.indexOf('<h3>Stages</h3>');
  expect(stagesAt).toBeGreaterThanOrEqual(0);
  const after = html.slice(stagesAt);
  const end = after.indexOf('<h3>', 4);
  const part = end === -1 ? after : after.slice(0, end);
  const sections = new Map<string, string>();
  for (const chunk of part.split('<h4>').slice(1)) {
    const name = chunk.slice(0, chunk.indexOf('</h4>'));
    sections.set(name, chunk);
  }
  return sections;
}

function expectHeadings(html: string): void {
  for (const heading of ['Executive summary', 'Findings', 'Next step', 'Stages']) {
    expect(html).toContain(`<h3>${heading}</h3>`);
  }
}

// ---------------------------------------------------------------- tests

describe('renderSummary with hostile text, rendered as GitHub renders Markdown', () => {
  const run = hostileRun();
  const markdown = renderSummary(run, { reportPath: '/tmp/<script>x</script>/report.json' });
  const html = toHtml(markdown);
  const tails = run.gates.filter(
    (g) => (g.status === 'failed' || g.status === 'timed-out') && (g.tail !== '' || g.probe),
  );

  it('keeps its headings: Executive summary, Findings, Next step and Stages as <h3>', () => {
    expectHeadings(html);
    expect(count(html, /<h2>/)).toBe(1);
    expect(html.indexOf('<h3>Executive summary</h3>')).toBeLessThan(
      html.indexOf('<h3>Next step</h3>'),
    );
  });

  it('opens and closes one <details> and one <pre> per failing gate with output', () => {
    expect(count(html, /<details[ >]/)).toBe(tails.length);
    expect(count(html, '</details>')).toBe(tails.length);
    expect(count(html, '<summary>')).toBe(tails.length);
    expect(count(html, '</summary>')).toBe(tails.length);
    expect(count(html, '<pre>')).toBe(tails.filter((g) => g.tail !== '' || g.probe).length);
    expect(count(html, '</pre>')).toBe(count(html, '<pre>'));
  });

  it('has one table per stage with a row per gate (plus the header row)', () => {
    const sections = stageSections(html);
    for (const stage of STAGES) {
      const gates = run.gates.filter((g) => g.stage === stage);
      const section = sections.get(stage);
      expect({ stage, found: section !== undefined }).toEqual({ stage, found: true });
      expect({ stage, tables: count(section!, '<table>') }).toEqual({ stage, tables: 1 });
      expect({ stage, rows: count(section!, '<tr>') }).toEqual({ stage, rows: gates.length + 1 });
      // Every row has the six columns: a `|` in a cell never adds or ends one.
      const table = section!.slice(section!.indexOf('<table>'), section!.indexOf('</table>'));
      for (const row of table.split('<tr>').slice(1)) {
        expect(count(row, /<t[hd][ >]/)).toBe(6);
      }
    }
    const hooks = sections.get('rollback and cleanup');
    expect(hooks).toBeDefined();
    expect(count(hooks!, '<tr>')).toBe(run.hooks.length + 1);
    for (const row of hooks!.split('<tr>').slice(1)) expect(count(row, /<t[hd][ >]/)).toBe(5);
  });

  it('lets no tag, attribute or URL from gate text through: only escaped text', () => {
    expect(injections(html)).toEqual([]);
    expect(markdown).not.toMatch(/<script|<img|<svg|<iframe|<!--/i);
    // Still there, as text a reader sees.
    expect(decode(html)).toContain('<script>alert(1)</script>');
    expect(decode(html)).toContain('<img src=x onerror=alert(1)>');
  });

  it('makes no mention or link of gate text, and shows it as written', () => {
    expect(liveMentionsAndLinks(html)).toEqual([]);
    const shown = decode(html);
    for (const text of HOSTILE.filter((h) => /@|:\/\/|www\./i.test(h) && !/[<>]/.test(h))) {
      expect(shown).toContain(text);
    }
    // Inside <pre> the output stays exactly as the gate wrote it: no word joiner.
    const pres = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    expect(pres.join('')).not.toContain('\u2060');
  });

  it('shows each tail verbatim inside its <pre> (control characters removed)', () => {
    const pres = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]!));
    for (const gate of tails.filter((g) => g.tail !== '')) {
      expect(pres).toContain(visible(gate.tail));
    }
  });

  it('shows gate names in table cells as written (pipes, backticks and brackets unescaped)', () => {
    // The word joiners that keep URLs and mentions inert have no glyph: compare the text.
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) =>
      decode(m[1]!.replace(/<[^>]*>/g, '')),
    );
    const name = run.gates.find((g) => g.id === 'lint-ok')!.name;
    const expected = visible(name).replace(/\n+/g, ' ');
    expect(cells.some((cell) => cell.startsWith(expected))).toBe(true);
  });

  it('shows gate names in the <summary> of a tail as written, without Markdown escapes', () => {
    // <details> opens an HTML block: Markdown escapes on its <summary> line are not undone.
    const named = failed('names', 'P1', 'lint', {
      name: 'check_types [web] *strict* a|b `x`',
      detail: 'exited with code 1',
    });
    const out = toHtml(renderSummary(result([named])));
    const summaries = [...out.matchAll(/<summary>([\s\S]*?)<\/summary>/g)].map((m) =>
      decode(m[1]!),
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toBe('❌ check_types [web] *strict* a|b `x` (P1, exited with code 1)');
  });

  it('shows the branch, event and config file in their code spans as written', () => {
    // Inside a code span backslash escapes stay literal: `fix\_login` would show the backslash.
    const out = toHtml(
      renderSummary(
        result([gate({ id: 'a' })], {
          branch: 'feature/fix_login',
          event: 'pull_request',
          configFile: '.github/release_gates.yml',
        }),
      ),
    );
    const spans = [...out.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]!));
    expect(spans).toEqual(
      expect.arrayContaining(['pull_request', 'feature/fix_login', '.github/release_gates.yml']),
    );
  });

  it('an empty event does not open a code span that swallows the next one (fuzzer case)', () => {
    const out = toHtml(
      renderSummary(
        result([gate({ id: 'a' })], { event: '', configFile: '[link](javascript:alert(1))`' }),
      ),
    );
    expect(out).not.toMatch(/href/i);
    const spans = [...out.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]!));
    expect(spans).toEqual(expect.arrayContaining(['[link](javascript:alert(1))`']));
  });
});

describe('renderSummary size budget with large hostile inputs', () => {
  const PRIORITY_OF = ['P0', 'P1', 'P2', 'P3'] as const;

  function expectFitsAndKeepsStructure(markdown: string): string {
    expect(bytes(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
    expect(markdown).toContain('### Executive summary');
    expect(markdown).toContain('### Next step');
    const html = toHtml(markdown);
    expect(html).toContain('<h3>Executive summary</h3>');
    expect(html).toContain('<h3>Next step</h3>');
    expect(count(html, /<details[ >]/)).toBe(count(html, '</details>'));
    expect(count(html, '<pre>')).toBe(count(html, '</pre>'));
    expect(injections(html)).toEqual([]);
    return html;
  }

  it('1000 failing gates with 16 KiB hostile tails each', () => {
    const tail = `${HOSTILE_LINES}\n`.repeat(40).padEnd(16 * 1024, '<script>|`');
    const gates = Array.from({ length: 1000 }, (_, i) =>
      failed(`gate-${i}`, PRIORITY_OF[i % 4]!, STAGES[i % STAGES.length]!, {
        name: `Gate ${i} ${HOSTILE[i % HOSTILE.length]}`,
        detail: `exited with code 1 ${HOSTILE[(i + 3) % HOSTILE.length]}`,
        tail,
        findings: [hostileFinding(i)],
      }),
    );
    // How long this takes is for npm run bench (the summary of 1000 gates with 16 KiB tails).
    const markdown = renderSummary(result(gates));
    const html = expectFitsAndKeepsStructure(markdown);
    expect(markdown).toMatch(/left out to fit the size limit/);
    expectHeadings(html);
  });

  it('tails that would be 5 MB: the lowest priorities are dropped first, and it says so', () => {
    const tail = `${HOSTILE_LINES}\n${LONG_LINE}\n`.repeat(2).slice(0, 256 * 1024);
    const gates = Array.from({ length: 24 }, (_, i) =>
      failed(`big-${i}`, PRIORITY_OF[i % 4]!, STAGES[i % STAGES.length]!, { tail }),
    );
    expect(gates.reduce((n, g) => n + bytes(g.tail), 0)).toBeGreaterThanOrEqual(5_000_000);
    const markdown = renderSummary(result(gates));
    const html = expectFitsAndKeepsStructure(markdown);
    expectHeadings(html);
    const kept = [...markdown.matchAll(/<summary>\S+ (big-\d+) \((P\d),/g)].map((m) => m[2]!);
    const note =
      /<sub>Output of (\d+) gate\(s\) left out to fit the size limit \(lowest priority first\): ([^.]*)\./.exec(
        markdown,
      );
    expect(note).not.toBeNull();
    const droppedIds = note![2]!.split(', ').map((id) => id.replace(/\\/g, ''));
    expect(droppedIds).toHaveLength(Number(note![1]));
    const droppedPriorities = droppedIds.map(
      (id) => gates.find((g) => g.id === id)!.priority as string,
    );
    // Every kept tail is at least as severe as every dropped one.
    const worstKept = Math.max(...kept.map((p) => Number(p[1])));
    const bestDropped = Math.min(...droppedPriorities.map((p) => Number(p[1])));
    expect(kept.length).toBeGreaterThan(0);
    expect(worstKept).toBeLessThanOrEqual(bestDropped);
  });

  it('a single 200,000-character hostile line in a P0 tail', () => {
    const markdown = renderSummary(
      result([failed('one-line', 'P0', 'deploy', { tail: LONG_LINE, name: HOSTILE_TEXT })]),
    );
    const html = expectFitsAndKeepsStructure(markdown);
    expect(count(html, '<details open>')).toBe(1);
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(html);
    expect(decode(pre![1]!)).toBe(LONG_LINE);
  });

  it('1000 failing gates with 1 KiB hostile names still keep the Next step', () => {
    const gates = Array.from({ length: 1000 }, (_, i) =>
      failed(`named-${i}`, 'P1', STAGES[i % STAGES.length]!, {
        name: `${i} ${HOSTILE_TEXT}`.padEnd(1024, '|'),
        tail: 'x',
      }),
    );
    expectFitsAndKeepsStructure(renderSummary(result(gates)));
  });
});

describe('renderSummary fuzzed: arbitrary text in every free-text field', () => {
  const hostileString = fc.oneof(
    fc.string({ maxLength: 60, unit: 'binary' }),
    fc.string({ maxLength: 60, unit: 'grapheme' }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(...HOSTILE, '<', '>', '&', '"', "'", '=', '`', '|', '\n', '\n\n', '\\'),
          fc.string({ maxLength: 6, unit: 'binary' }),
          fc.constantFrom('script', 'img', 'onerror', 'onload', 'javascript:', 'src=x', ' '),
          fc.constantFrom('@', 'octocat', 'www.', 'WwW.', '://', 'https', 'a@b.co', '/team'),
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join('')),
  );

  const gateArb = fc.record({
    id: hostileString,
    name: hostileString,
    detail: fc.option(hostileString, { nil: undefined }),
    tail: hostileString,
    stage: fc.constantFrom(...STAGES),
    priority: fc.constantFrom('P0', 'P1', 'P2', 'P3'),
    status: fc.constantFrom('passed', 'failed', 'timed-out', 'cancelled', 'skipped'),
    findings: fc.array(
      fc.record({
        tool: hostileString,
        file: hostileString,
        message: hostileString,
        ruleId: hostileString,
      }),
      { maxLength: 3 },
    ),
    probe: fc.option(
      fc.record({
        url: hostileString,
        method: hostileString,
        messages: fc.array(hostileString, { maxLength: 3 }),
      }),
      { nil: undefined },
    ),
  });

  it('never lets a raw <script, an on…= attribute or a javascript: URL into the HTML', () => {
    fc.assert(
      fc.property(
        fc.array(gateArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ name: hostileString, detail: hostileString, tail: hostileString }), {
          maxLength: 2,
        }),
        hostileString,
        hostileString,
        hostileString,
        hostileString,
        (specs, hooks, event, branch, configFile, reportPath) => {
          const gates = specs.map((spec, i) =>
            gate({
              id: spec.id,
              name: spec.name,
              stage: spec.stage,
              priority: spec.priority as Priority,
              action: DEFAULT_POLICY[spec.priority as Priority],
              status: spec.status as GateResult['status'],
              ...(spec.status === 'skipped' ? { reason: 'policy' as const } : {}),
              ...(spec.detail !== undefined ? { detail: spec.detail } : {}),
              tail: spec.tail,
              findings: spec.findings.map((f, n) => ({ ...f, line: n + 1, column: i + 1 })),
              ...(spec.probe
                ? {
                    kind: 'http' as const,
                    probe: {
                      url: spec.probe.url,
                      method: spec.probe.method,
                      attempts: spec.probe.messages.map((message, n): ProbeAttempt => ({
                        attempt: n + 1,
                        at: '2024-05-01T10:00:00.000Z',
                        status: 500,
                        latencyMs: 3,
                        ok: false,
                        failure: 'status',
                        message,
                      })),
                    },
                  }
                : {}),
            }),
          );
          const run = result(gates, {
            event,
            branch,
            configFile,
            hooks: hooks.map((h, n) => ({
              kind: n === 0 ? 'rollback' : 'cleanup',
              name: h.name,
              status: 'failed',
              exitCode: 1,
              durationMs: 5,
              detail: h.detail,
              tail: h.tail,
              logPath: '/tmp/x.log',
            })),
          });
          const html = toHtml(renderSummary(run, { reportPath }));
          const problems = injections(html, MARKDOWN_BLOCKS);
          if (problems.length > 0) throw new Error(problems.join('\n'));
          for (const tag of scanTags(html).tags) {
            for (const attribute of tag.attributes) expect(attribute.name).not.toMatch(/^on/i);
          }
          expect(html).not.toMatch(/<script/i);
          const live = liveMentionsAndLinks(html);
          if (live.length > 0) throw new Error(live.join('\n'));
          expect(count(html, /<details[ >]/)).toBe(count(html, '</details>'));
          expect(count(html, '<pre>')).toBe(count(html, '</pre>'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
