import {
  isPythonFile,
  makeFinding,
  PATH,
  positive,
  severityOf,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/**
 * `app/main.py:12: error: Incompatible types in assignment (...)  [assignment]`, optionally
 * with a column (`--show-column-numbers`) or a whole range (`--show-error-end`:
 * `app/main.py:12:5:12:9: error: ...`). Groups: path, line, column, end line, end column,
 * severity, message (with the error code still on it).
 */
const LINE = new RegExp(
  String.raw`^\s*(${PATH}):(\d+)(?::(\d+))?(?::(\d+):(\d+))?: (error|warning|note): (.*)$`,
);
const CODE = /^[a-z][\w-]*$/;

/** Splits `message  [code]` into its parts. */
function splitCode(text: string): { message: string; code?: string } {
  if (!text.endsWith(']')) return { message: text };
  const open = text.lastIndexOf('  [');
  const code = open < 0 ? '' : text.slice(open + 3, -1);
  return CODE.test(code) ? { message: text.slice(0, open), code } : { message: text };
}

/** mypy (and dmypy), for `.py`/`.pyi` files; `note:` lines become findings of severity note. */
export const mypy: LineParserFactory = (): LineParser => ({
  tool: 'mypy',
  push(line, context) {
    if (context.claimed) return false;
    const match = LINE.exec(line);
    if (!match || !isPythonFile(match[1]!)) return false;
    const [, file, lineText, column, endLine, endColumn, severity, text] = match;
    const { message, code } = splitCode(text!);
    context.emit(
      makeFinding('mypy', {
        file: file!,
        line: positive(lineText),
        column: positive(column),
        endLine: positive(endLine),
        endColumn: positive(endColumn),
        message,
        ruleId: code,
        severity: severityOf(severity),
      }),
    );
    return true;
  },
});
