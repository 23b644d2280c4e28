import { micromark } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
// The HTML side of each GFM extension except the tag filter (see toHtml).
import { gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnoteHtml } from 'micromark-extension-gfm-footnote';
import { gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { gfmTableHtml } from 'micromark-extension-gfm-table';
import { gfmTaskListItemHtml } from 'micromark-extension-gfm-task-list-item';

/**
 * CommonMark + GFM with raw HTML passed through, as GitHub's renderer produces it before its
 * sanitiser runs. GFM's tag filter (which turns `<script` into `&lt;script`) is left out on
 * purpose: the summary must not rely on it, or on the sanitiser, to stay inert. GitHub's
 * mentions (`@name`) and references are its own, not GFM's: micromark does not make them.
 */
export function toHtml(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [
      gfmAutolinkLiteralHtml(),
      gfmFootnoteHtml(),
      gfmStrikethroughHtml(),
      gfmTableHtml(),
      gfmTaskListItemHtml(),
    ],
  });
}

/** The pipeline order from the README's first paragraph; the contract, not the code's constant. */
export const PIPELINE = [
  'lint',
  'typecheck',
  'test',
  'security',
  'build',
  'image',
  'deploy',
  'health',
] as const;

export interface StageTable {
  stage: string;
  header: string;
  rows: string[];
}

/**
 * The per-stage tables of a job summary: a `#### <stage>` heading followed by a Markdown
 * table whose header names Status, Gate, Priority, Duration and Attempts.
 */
export function stageTables(summary: string): StageTable[] {
  const lines = summary.split('\n');
  const tables: StageTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{2,6}\s+(\S+)\s*$/.exec(lines[i]!);
    if (!heading || !(PIPELINE as readonly string[]).includes(heading[1]!)) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const header = lines[j] ?? '';
    if (!header.startsWith('|')) continue;
    const rows: string[] = [];
    // Skip the header and the | --- | separator.
    for (let k = j + 2; k < lines.length && lines[k]!.startsWith('|'); k++) rows.push(lines[k]!);
    tables.push({ stage: heading[1]!, header, rows });
  }
  return tables;
}

/** Markdown headings (any level) in order, without the #s. */
export function headings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => line.replace(/^#{1,6}\s+/, '').trim());
}

/**
 * What a Markdown line reads as once rendered, for comparing against plain text: backslash
 * escapes removed, the HTML entities an escaper uses decoded, and the word joiners (no glyph)
 * that keep mentions and links inert left out.
 */
export function renderedText(markdown: string): string {
  return markdown
    .replace(/\u2060/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** HTML text as the browser shows it: entities decoded, word joiners kept. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/**
 * What in rendered HTML would notify someone or link somewhere: every `<a>`, and in the text
 * outside `<pre>` and `<code>` (where GitHub makes neither) every `@` directly followed by a
 * name character (GitHub's mentions, `@org/team` and e-mail addresses among them; stricter
 * than GitHub, which also wants nothing but whitespace or punctuation before the `@`),
 * `scheme://` and `www.`, which GitHub's autolinker would link.
 */
export function liveMentionsAndLinks(html: string): string[] {
  const problems = [...html.matchAll(/<a[\s>][^>]*>?/gi)].map((m) => `link: ${m[0].slice(0, 120)}`);
  const text = decodeEntities(
    html
      .replace(/<pre[\s>][\s\S]*?<\/pre>/gi, ' ')
      .replace(/<code>[\s\S]*?<\/code>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  );
  for (const live of [/@[A-Za-z0-9]/g, /[A-Za-z][A-Za-z0-9+.-]*:\/\//g, /www\./gi]) {
    for (const m of text.matchAll(live)) {
      problems.push(`live text: ${text.slice(Math.max(0, m.index - 30), m.index + 40)}`);
    }
  }
  return problems;
}

/**
 * Mentions GitHub would make of the Markdown, outside `<pre>` blocks: an `@` at the start or
 * after whitespace, followed by a name character.
 */
export function markdownMentions(markdown: string): string[] {
  const outside = markdown.replace(/<pre>[\s\S]*?<\/pre>/g, ' ');
  return [...outside.matchAll(/(?:^|\s)@[A-Za-z0-9]/gm)].map((m) =>
    outside.slice(Math.max(0, m.index - 30), m.index + 40),
  );
}
