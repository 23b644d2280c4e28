import {
  hasExtension,
  makeFinding,
  PATH,
  positive,
  severityOf,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/** A stylish file header: the line is nothing but a path with an extension. */
const HEADER = new RegExp(String.raw`^(${PATH})$`);
/** A stylish row: `  12:5  error  'x' is assigned a value but never used  no-unused-vars`. */
const ROW = /^\s*(\d+):(\d+)\s+(error|warning)\s+(\S.*)$/;
/** A rule id: `no-console`, `@typescript-eslint/no-unused-vars`, `react-hooks/rules-of-hooks`. */
const RULE = String.raw`(?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*`;
const RULE_ID = new RegExp(`^${RULE}$`);

/** Splits a stylish row's text into message and rule id (after the last gap of 2+ spaces). */
function splitRule(text: string): { message: string; ruleId?: string } {
  const gap = text.lastIndexOf('  ');
  if (gap < 0) return { message: text };
  const ruleId = text.slice(gap + 2);
  const message = text.slice(0, gap).trimEnd();
  return RULE_ID.test(ruleId) && message ? { message, ruleId } : { message: text };
}

/** `--format unix`: `/abs/a.ts:12:5: 'x' is defined but never used. [Error/no-unused-vars]`. */
const UNIX = new RegExp(
  String.raw`^\s*(${PATH}):(\d+):(\d+): (.*?) \[(Error|Warning)(?:\/([^\]\s]+))?\]$`,
);
/** `--format compact`: `/abs/a.ts: line 12, col 5, Error - msg (no-unused-vars)`. */
const COMPACT = new RegExp(
  String.raw`^\s*(${PATH}): line (\d+), col (\d+), (Error|Warning) - (.*?)(?: \((${RULE})\))?$`,
);

/**
 * ESLint's default `stylish` formatter: a header line with the file's path, then one indented
 * row per problem, then a blank line; `✖ N problems` closes the report. A row only counts
 * directly under a header (or another row), so stray `12:5  error` text is ignored.
 */
export const eslintStylish: LineParserFactory = (): LineParser => {
  let file: string | undefined;
  return {
    tool: 'eslint',
    push(line, context) {
      if (file !== undefined) {
        const row = ROW.exec(line);
        if (row) {
          if (context.claimed) return false;
          const [, lineText, column, severity, rest] = row;
          const split = splitRule(rest!);
          context.emit(
            makeFinding('eslint', {
              file,
              line: positive(lineText),
              column: positive(column),
              message: split.message,
              ruleId: split.ruleId,
              severity: severityOf(severity),
            }),
          );
          return true;
        }
      }
      file = undefined;
      const header = HEADER.exec(line);
      if (header && hasExtension(header[1]!)) {
        file = header[1]!;
        return !context.claimed;
      }
      return false;
    },
  };
};

/** ESLint's one-line formats, `unix` and `compact`. */
export const eslintLine: LineParserFactory = (): LineParser => ({
  tool: 'eslint',
  push(line, context) {
    if (context.claimed) return false;
    const unix = line.endsWith(']') ? UNIX.exec(line) : null;
    if (unix) {
      const [, file, lineText, column, message, severity, rule] = unix;
      context.emit(
        makeFinding('eslint', {
          file: file!,
          line: positive(lineText),
          column: positive(column),
          message: message!,
          ruleId: rule,
          severity: severityOf(severity),
        }),
      );
      return true;
    }
    const compact = line.includes(': line ') ? COMPACT.exec(line) : null;
    if (compact) {
      const [, file, lineText, column, severity, message, rule] = compact;
      context.emit(
        makeFinding('eslint', {
          file: file!,
          line: positive(lineText),
          column: positive(column),
          message: message!,
          ruleId: rule,
          severity: severityOf(severity),
        }),
      );
      return true;
    }
    return false;
  },
});
