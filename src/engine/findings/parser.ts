import { cleanLine } from './ansi.js';
import type { FindingSink, LineContext, LineParser } from './line-parser.js';
import { createPathNormaliser, type PathNormaliser } from './paths.js';
import { createLineParsers } from './registry.js';
import { MAX_FINDINGS_PER_GATE, type ToolFinding } from './types.js';

export interface FindingParserOptions {
  workspace: string;
  /** absolute cwd of the gate; relative paths in tool output are relative to it */
  cwd: string;
  max?: number /* default MAX_FINDINGS_PER_GATE */;
}

export interface FindingResult {
  /** The first distinct findings, in output order; at most `max`. */
  findings: ToolFinding[];
  /** How many distinct findings the output had, including those not kept. */
  total: number;
}

/**
 * Distinct findings remembered (as 53-bit hashes) for de-duplication. Past this many, new
 * findings are still counted but no longer de-duplicated against each other, so `total` can
 * overcount for outputs with more distinct findings than this.
 */
export const DEDUPE_LIMIT = 250_000;

/** Two 32-bit FNV-1a hashes with different seeds, combined into one safe integer. */
function hashKey(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

function keyOf(finding: ToolFinding): string {
  return JSON.stringify([
    finding.tool,
    finding.file,
    finding.line,
    finding.column,
    finding.endLine,
    finding.endColumn,
    finding.message,
    finding.ruleId,
    finding.severity,
  ]);
}

/**
 * Turns a gate's output, fed line by line as it streams, into `file:line` findings (tsc,
 * ESLint, ruff, mypy, flake8, pytest, ShellCheck, and a generic `path:line: message`
 * fallback). State is bounded: lines are never stored, each line is looked at up to 4 KiB
 * (after colour codes are removed), and at most `max` findings are kept.
 */
export class FindingParser {
  private readonly max: number;
  private readonly normalise: PathNormaliser;
  private readonly parsers: LineParser[] = createLineParsers();
  private readonly findings: ToolFinding[] = [];
  private readonly seen = new Set<number>();
  private total = 0;
  private result: FindingResult | undefined;

  /** What the tool parsers see; `claimed` is set once one of them recognised the line. */
  private readonly context: LineContext & { claimed: boolean } = {
    claimed: false,
    emit: (finding) => {
      // A parser must not emit for a line another one already recognised.
      if (!this.context.claimed) this.add(finding);
    },
    normalise: (printed) => this.normalise(printed),
  };

  private readonly sink: FindingSink = {
    emit: (finding) => this.add(finding),
    normalise: (printed) => this.normalise(printed),
  };

  constructor(options: FindingParserOptions) {
    const max = options.max ?? MAX_FINDINGS_PER_GATE;
    this.max = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : MAX_FINDINGS_PER_GATE;
    this.normalise = createPathNormaliser(options.workspace, options.cwd);
  }

  /** One line of output, without its newline; may contain ANSI colour codes and CR. */
  push(line: string): void {
    if (this.result) return;
    if (line.includes('\n')) {
      // Tolerate a caller that passes several lines at once.
      for (const part of line.split('\n')) this.push(part);
      return;
    }
    const text = cleanLine(line);
    const context = this.context;
    context.claimed = false;
    for (const parser of this.parsers) {
      if (parser.push(text, context)) context.claimed = true;
    }
    context.claimed = false;
  }

  /** Call once at the end; returns the findings (at most max) */
  finish(): FindingResult {
    if (!this.result) {
      for (const parser of this.parsers) parser.finish?.(this.sink);
      this.result = { findings: this.findings, total: this.total };
    }
    return { findings: [...this.result.findings], total: this.result.total };
  }

  private add(finding: ToolFinding): void {
    const file = this.normalise(finding.file);
    const normalised: ToolFinding = file === finding.file ? finding : { ...finding, file };
    const hash = hashKey(keyOf(normalised));
    if (this.seen.has(hash)) return;
    if (this.seen.size < DEDUPE_LIMIT) this.seen.add(hash);
    this.total++;
    if (this.findings.length < this.max) this.findings.push(normalised);
  }
}

/** Parses a whole output at once (split on newlines); for tests and small outputs. */
export function parseFindings(output: string, options: FindingParserOptions): FindingResult {
  const parser = new FindingParser(options);
  for (const line of output.split('\n')) parser.push(line);
  return parser.finish();
}
