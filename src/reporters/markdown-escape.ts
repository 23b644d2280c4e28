/*
 * Gate output and names are untrusted text. Everything that reaches Markdown goes
 * through one of these, so it can neither close our HTML blocks nor inject tags, and
 * outside code it can neither mention anyone nor become a link.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the Unicode line separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function escapeHtml(text: string): string {
  return stripControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** U+2060 WORD JOINER: no glyph, no width, no line break. */
export const WORD_JOINER = '\u2060';

/**
 * Escaped text shown outside code. There GitHub makes `@name` and `@org/team` mentions
 * (which notify them) and bare URLs, `www.` hosts and e-mail addresses links. A word joiner
 * after each `@`, between a scheme's `:` and `//` and before the dot of `www.` shows the same
 * characters but is none of them. Code spans and `<pre>` need none of this: GitHub makes no
 * mention or link there.
 */
export function inertLinks(text: string): string {
  return text
    .replace(/@/g, `@${WORD_JOINER}`)
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/(www)\./gi, `$1${WORD_JOINER}.`);
}

/** Text inside a line of Markdown: no formatting, links, mentions, tags or line breaks. */
export function escapeInline(text: string): string {
  return inertLinks(
    escapeHtml(text)
      .replace(/\n+/g, ' ')
      .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`),
  );
}

/**
 * Text inside a line of an HTML block (a `<summary>`), where Markdown escapes would show:
 * HTML-escaped, on one line, and no mention or link.
 */
export function escapeHtmlLine(text: string): string {
  return inertLinks(escapeHtml(text).replace(/\n+/g, ' '));
}

/** A table cell: inline text, and a pipe can never end the cell. */
export function escapeCell(text: string): string {
  return escapeInline(text);
}

/**
 * A block of raw output. `<pre>` is an HTML block that only `</pre>` ends, and every `<`
 * is escaped, so blank lines and Markdown syntax inside the output stay literal.
 */
export function preBlock(text: string): string {
  return `<pre>${escapeHtml(text)}</pre>`;
}

/**
 * Inline code shows its text literally: nothing inside is escaped, so the fence is made
 * longer than any run of backticks in the text, as CommonMark allows.
 */
export function codeSpan(text: string): string {
  const flat = stripControl(text).replace(/\s*\n\s*/g, ' ');
  // An empty span would be a bare `` that opens a code span up to the next one on the line.
  if (flat === '') return '` `';
  // Markup never reaches the Markdown source, not even where it would render as text.
  if (/[<>&]/.test(flat)) return escapeInline(flat);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
