import {
  isPythonFile,
  makeFinding,
  positive,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';
import { CODE_LINE, looksLikeFlake8Path } from './ruff.js';

/**
 * flake8's default format, `./app/main.py:12:5: E501 line too long (88 > 79 characters)`.
 * The line has the same shape as ruff's; it is flake8's when the path keeps the `./` that
 * `flake8 .` prints (ruff never prints it). flake8 prints no severity.
 */
export const flake8: LineParserFactory = (): LineParser => ({
  tool: 'flake8',
  push(line, context) {
    if (context.claimed) return false;
    const match = CODE_LINE.exec(line);
    if (!match) return false;
    const [, file, lineText, column, code, fixable, message] = match;
    if (fixable || !looksLikeFlake8Path(file!) || !isPythonFile(file!)) return false;
    context.emit(
      makeFinding('flake8', {
        file: file!,
        line: positive(lineText),
        column: positive(column),
        message: message!,
        ruleId: code,
      }),
    );
    return true;
  },
});
