import type { ToolFinding } from '../findings/types.js';
import { type LineIndex, isSuppressed } from './scan.js';

/*
 * A built-in check is a set of named rules. Its `run` gathers what the rules read once (the
 * files, parsed; git's answers), runs each rule over that input, and then sorts the
 * findings and writes the summary. A rule does no I/O: it reads the input and reports.
 */

/**
 * How a rule's findings count by default. `error` findings carry no severity (the gate's
 * own level applies, as for a tool's errors); `warning` and `note` ones carry it.
 */
export type RuleLevel = NonNullable<ToolFinding['severity']>;

/** What docs and tests list of a rule. */
export interface RuleInfo {
  /** `<check>/<rule>`: the ruleId of its findings, and a name `release-gates-ignore` takes. */
  id: string;
  level: RuleLevel;
  /** One line: what a finding of this rule means. */
  description: string;
}

/** One problem a rule found. */
export interface RuleReport {
  file: string;
  line: number;
  column?: number;
  message: string;
  /**
   * The lines of the file the finding is in: a `release-gates-ignore` comment on the line
   * (or just above it) silences the finding. Without them it cannot be silenced that way.
   */
  lines?: LineIndex;
}

/** Reports a finding; answers false when a `release-gates-ignore` comment silenced it. */
export type Report = (found: RuleReport) => boolean;

export interface CheckRule<Input> extends RuleInfo {
  /** Reports what the rule finds in the gathered input, in a stable order. */
  check(input: Input, report: Report): void;
}

/** Runs `rules` in order over one input: the findings of the check `tool`, unsorted. */
export function runRules<Input>(
  tool: string,
  rules: readonly CheckRule<Input>[],
  input: Input,
): ToolFinding[] {
  const findings: ToolFinding[] = [];
  for (const rule of rules) {
    rule.check(input, (found) => {
      if (found.lines && isSuppressed(found.lines, found.line, rule.id)) return false;
      findings.push({
        tool,
        file: found.file,
        line: found.line,
        ...(found.column !== undefined ? { column: found.column } : {}),
        ruleId: rule.id,
        message: found.message,
        ...(rule.level !== 'error' ? { severity: rule.level } : {}),
      });
      return true;
    });
  }
  return findings;
}
