import { describe, expect, it } from '@jest/globals';
import { renderCheckSummary } from '../../src/action/github/check-run.js';
import { renderCommentBody } from '../../src/action/github/comment.js';
import { renderConfigErrorSummary } from '../../src/reporters/config-error-summary.js';
import {
  codeSpan,
  escapeCell,
  escapeHtmlLine,
  escapeInline,
  preBlock,
} from '../../src/reporters/markdown-escape.js';
import { renderSummary } from '../../src/reporters/summary-markdown.js';
import { failed, gate, result } from '../helpers/results.js';
import {
  liveMentionsAndLinks,
  markdownMentions,
  renderedText,
  toHtml,
} from '../helpers/summary.js';

/*
 * Gate output shown outside code in the job summary, the PR comment and the check run can
 * mention no one and link nowhere: `@user` and `@org/team` would notify them, bare URLs,
 * `www.` hosts and e-mail addresses would become links. The reader still sees the same text.
 * Inside <pre> and code spans GitHub makes neither, and the text stays exactly as written.
 * Rendered with micromark + GFM, as the hostile-render tests do.
 */

const LOUD = [
  '@octocat',
  '@coffeestudio/release-team',
  'cc:@admin,',
  '(@security)',
  'ping ops@example.com',
  'mailto:ops@example.com',
  'see https://evil.example/phish?x=1',
  'HTTPS://EVIL.EXAMPLE',
  'http://127.0.0.1:8080/health',
  'ftp://files.example/x',
  'www.evil.example',
  'WWW.Evil.Example/x',
  '_www.evil.example_',
];
const LOUD_TEXT = LOUD.join(' ');

/** What a reader sees of the HTML: tags cut, entities decoded, word joiners (no glyph) gone. */
const shown = (html: string) => renderedText(html.replace(/<[^>]*>/g, ' '));

function loudRun() {
  return result(
    [
      failed('lint', 'P1', {
        name: `Lint ${LOUD_TEXT}`,
        detail: `exited with code 1 ${LOUD_TEXT}`,
        tail: `error by @octocat\nsee https://evil.example/phish\n${LOUD_TEXT}`,
        findings: [
          {
            tool: 'eslint',
            file: 'src/app.ts',
            line: 3,
            column: 1,
            message: `assigned to @octocat, docs at https://evil.example ${LOUD_TEXT}`,
            ruleId: 'no-console',
            severity: 'error',
          },
        ],
      }),
      {
        ...failed('health', 'P0', {
          stage: 'health',
          kind: 'http',
          detail: `expected 200 ${LOUD_TEXT}`,
          tail: '',
        }),
        probe: {
          url: 'https://www.example.com/health',
          method: 'GET',
          attempts: [
            {
              attempt: 1,
              at: '2024-05-01T10:00:00.000Z',
              status: 500,
              latencyMs: 5,
              ok: false,
              failure: 'status',
              message: `answered ${LOUD_TEXT}`,
            },
          ],
        },
      },
      gate({ id: 'ok', name: `ok ${LOUD_TEXT}`, tail: LOUD_TEXT }),
    ],
    {
      hooks: [
        {
          kind: 'cleanup',
          name: `notify @octocat ${LOUD_TEXT}`,
          status: 'failed',
          exitCode: 1,
          durationMs: 5,
          detail: LOUD_TEXT,
          tail: LOUD_TEXT,
          logPath: '/tmp/x.log',
        },
      ],
    },
  );
}

function expectInertButShown(markdown: string): string {
  const html = toHtml(markdown);
  expect(liveMentionsAndLinks(html)).toEqual([]);
  expect(markdownMentions(markdown)).toEqual([]);
  const text = shown(html);
  for (const loud of LOUD) expect(text).toContain(loud);
  return html;
}

describe('gate text outside code mentions no one and links nowhere', () => {
  it('the job summary: names, details, findings, probe, hooks, <summary> lines', () => {
    const markdown = renderSummary(loudRun());
    const html = expectInertButShown(markdown);
    // Each kind of place, checked on its own too.
    expect(html).toContain('<h3>Findings</h3>');
    expect(markdown).toMatch(/<summary>❌ Lint @\u2060octocat /);
    expect(markdown).toMatch(/\| 1 \| 500 \| 5 ms \| status \| answered @\u2060octocat /);
  });

  it('keeps the tail in <pre> exactly as the gate wrote it', () => {
    const html = toHtml(renderSummary(loudRun()));
    const pres = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    expect(pres).toContain('error by @octocat\nsee https://evil.example/phish\n' + LOUD_TEXT);
  });

  it('the PR comment: inert gate text, and its own run link still a link', () => {
    const body = renderCommentBody(loudRun(), {
      marker: '<!-- release-gates:sticky config=.github/release-gates.yml -->',
      runUrl: 'https://github.test/octo/shop/actions/runs/4242',
      headSha: 'b'.repeat(40),
    });
    const html = toHtml(body);
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links).toEqual(['<a href="https://github.test/octo/shop/actions/runs/4242">']);
    expectInertButShown(body.replace(/\[workflow run\]\([^)]*\)/, 'workflow run'));
  });

  it('the check run summary', () => {
    expectInertButShown(renderCheckSummary(loudRun()));
  });

  it('the summary of a config error', () => {
    const markdown = renderConfigErrorSummary([`gates[0].run: ${LOUD_TEXT}`]);
    expectInertButShown(markdown);
  });

  it('the shared escapers: inline, cell and <summary> text inert; code and <pre> as written', () => {
    for (const escape of [escapeInline, escapeCell, escapeHtmlLine]) {
      const out = escape(LOUD_TEXT);
      expect(out).not.toMatch(/@[A-Za-z0-9]|:\/\/|www\./i);
      expect(out.replace(/\u2060/g, '').replace(/\\/g, '')).toBe(LOUD_TEXT);
    }
    expect(codeSpan('@octocat https://x.example')).toBe('`@octocat https://x.example`');
    expect(preBlock('@octocat https://x.example')).toBe('<pre>@octocat https://x.example</pre>');
  });
});
