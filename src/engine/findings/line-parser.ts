import type { ToolFinding } from './types.js';

/** Where a tool parser sends what it found; `file` is the path as the tool printed it. */
export interface FindingSink {
  emit(finding: ToolFinding): void;
  /** The normalised (workspace-relative) form of a printed path, for comparing paths. */
  normalise(printed: string): string;
}

export interface LineContext extends FindingSink {
  /**
   * True when an earlier parser already recognised this line: a parser may still update its
   * own state from it, but must not emit and should return false.
   */
  readonly claimed: boolean;
}

/**
 * One tool's recogniser. It sees every cleaned line (see `cleanLine`: no colour codes, no
 * trailing whitespace, at most 4 KiB), in order, and keeps only bounded state.
 * `push` returns true when it recognised the line (whether or not it emitted a finding), so
 * the parsers after it — in the end the generic fallback — leave the line alone.
 */
export interface LineParser {
  readonly tool: string;
  push(line: string, context: LineContext): boolean;
  /** End of output: emit whatever was held back. */
  finish?(sink: FindingSink): void;
}

export type LineParserFactory = () => LineParser;

// Patterns are anchored at the start and avoid a lazy `(.*?)` followed by `\s*$`, which is
// quadratic on long runs of spaces; trailing parts (rule ids, codes) are split off by hand.

/**
 * A printed path: an optional drive letter, then no whitespace, colon, quote, angle bracket,
 * pipe or glob character. Brackets and parentheses are allowed (`app/(auth)/[id]/page.tsx`).
 */
export const PATH = String.raw`(?:[A-Za-z]:[\\/])?[^\s:"'<>|*?]+`;

const EXTENSION = /\.(?=[\w+-]*[A-Za-z])[\w+-]{1,16}$/;
const PYTHON = /\.(?:py|pyi|pyw|ipynb)$/i;

/** The part of a path after its last separator. */
export function baseName(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return slash >= 0 ? file.slice(slash + 1) : file;
}

/** True when the file name ends with an extension that has a letter in it (`.ts`, `.mp4`). */
export function hasExtension(file: string): boolean {
  return EXTENSION.test(baseName(file));
}

export function isPythonFile(file: string): boolean {
  return PYTHON.test(file);
}

/** A 1-based line or column, or undefined for 0, a missing value or a number out of range. */
export function positive(text: string | undefined): number | undefined {
  if (text === undefined || text.length > 9) return undefined;
  const value = Number.parseInt(text, 10);
  return value >= 1 ? value : undefined;
}

export type Severity = NonNullable<ToolFinding['severity']>;

/** Maps a tool's severity word to a finding severity. */
export function severityOf(word: string | undefined): Severity | undefined {
  switch (word?.toLowerCase()) {
    case 'error':
    case 'fatal':
    case 'fatal error':
      return 'error';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'note':
    case 'info':
    case 'style':
    case 'message':
    case 'suggestion':
      return 'note';
    default:
      return undefined;
  }
}

export interface FindingFields {
  file: string;
  line: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  message: string;
  ruleId?: string | undefined;
  severity?: Severity | undefined;
}

/**
 * Builds a finding without undefined properties. A missing line becomes 1 (the tool reported
 * the file but no position, e.g. ESLint's `0:0`); then column and end are dropped too.
 */
export function makeFinding(tool: string, fields: FindingFields): ToolFinding {
  const line = fields.line ?? 1;
  const hasLine = fields.line !== undefined;
  return {
    tool,
    file: fields.file,
    line,
    ...(hasLine && fields.column !== undefined && { column: fields.column }),
    ...(hasLine && fields.endLine !== undefined && { endLine: fields.endLine }),
    ...(hasLine &&
      fields.endLine !== undefined &&
      fields.endColumn !== undefined && { endColumn: fields.endColumn }),
    message: fields.message.trim(),
    ...(fields.ruleId && { ruleId: fields.ruleId }),
    ...(fields.severity && { severity: fields.severity }),
  };
}
