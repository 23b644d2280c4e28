import type { RunResult } from '../../engine/index.js';
import { renderSummary } from '../../reporters/summary-markdown.js';

/*
 * The job summary, sized for GitHub's API limits. GitHub counts these limits in characters
 * (and, by some reports, in bytes for check runs); renderSummary's budget is in UTF-8 bytes,
 * which are never fewer than characters, so a byte budget below both limits fits either way.
 */

/** An issue comment body: at most 65,536 characters. */
export const COMMENT_MAX_CHARS = 65_536;
/** A check run's output.summary: at most 65,535 characters. */
export const CHECK_SUMMARY_MAX_CHARS = 65_535;
/** What renderSummary may use of either, with room for the marker and the footer. */
export const API_SUMMARY_BUDGET_BYTES = 65_000;

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The summary within `budgetBytes`, plus `before` and `after` around it; never longer than
 * `maxChars` characters (nor bytes), whatever renderSummary returns.
 */
export function renderSized(result: RunResult, maxChars: number, before = '', after = ''): string {
  const budget = Math.min(API_SUMMARY_BUDGET_BYTES, maxChars) - byteLength(before + after);
  const text = `${before}${renderSummary(result, { budgetBytes: budget })}${after}`;
  return clamp(text, maxChars);
}

/** Cuts at a line boundary (and says so) when the text is over `max` characters or bytes. */
export function clamp(text: string, max: number): string {
  if (text.length <= max && byteLength(text) <= max) return text;
  const note = '\n\n<sub>Cut to fit GitHub’s size limit; see the job summary.</sub>\n';
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, max - byteLength(note))
    .toString('utf8');
  const newline = cut.lastIndexOf('\n');
  cut = newline > 0 ? cut.slice(0, newline) : cut.replace(/\uFFFD$/, '');
  return `${cut}${note}`;
}
