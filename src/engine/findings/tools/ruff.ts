import {
  makeFinding,
  PATH,
  positive,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/**
 * The pycodestyle-style line shared by ruff (concise/text output) and flake8:
 * `app/main.py:12:5: F401 [*] \`os\` imported but unused`. Groups: path, line, column, code,
 * the `[*]` fixable mark, message.
 */
export const CODE_LINE = new RegExp(
  String.raw`^\s*(${PATH}):(\d+):(\d+): ([A-Z]+[0-9]+)( \[\*\])? (.*)$`,
);
const RUFF_FILE = /\.(?:py|pyi|pyw|ipynb|toml)$/i;
/** True when flake8 printed the path: it keeps the `./` of `flake8 .`; ruff never does. */
export function looksLikeFlake8Path(file: string): boolean {
  return file.startsWith('./') || file.startsWith('.\\');
}

/** Ruff's full (rustc-like) output: `F401 [*] \`os\` imported but unused` ... */
const HEADER = /^([A-Z]+[0-9]+|invalid-syntax)(?: \[\*\])?:? (\S.*)$/;
/** ... then ` --> app/main.py:1:8`. */
const ARROW = new RegExp(String.raw`^\s*-->\s+(${PATH}):(\d+):(\d+)$`);

/**
 * Ruff, in its concise form (`path:line:col: CODE [*] message`, also the older `text` and
 * pre-0.12 `full` outputs whose first line has that shape) and in its newer full form, where a
 * `CODE message` header is followed by a ` --> path:line:col` line. Ruff prints no severity.
 * Lines without the `[*]` mark are shared with flake8: see `looksLikeFlake8Path`.
 */
export const ruff: LineParserFactory = (): LineParser => {
  let header: { code: string; message: string } | undefined;
  return {
    tool: 'ruff',
    push(line, context) {
      const pending = header;
      header = undefined;
      if (pending) {
        const arrow = line.includes('-->') ? ARROW.exec(line) : null;
        if (arrow) {
          if (context.claimed) return false;
          const [, file, lineText, column] = arrow;
          context.emit(
            makeFinding('ruff', {
              file: file!,
              line: positive(lineText),
              column: positive(column),
              message: pending.message,
              ruleId: pending.code === 'invalid-syntax' ? undefined : pending.code,
            }),
          );
          return true;
        }
      }
      if (context.claimed) return false;
      const match = CODE_LINE.exec(line);
      if (match) {
        const [, file, lineText, column, code, fixable, message] = match;
        if (!RUFF_FILE.test(file!) || (!fixable && looksLikeFlake8Path(file!))) return false;
        context.emit(
          makeFinding('ruff', {
            file: file!,
            line: positive(lineText),
            column: positive(column),
            message: message!,
            ruleId: code,
          }),
        );
        return true;
      }
      const next = HEADER.exec(line);
      if (next) header = { code: next[1]!, message: next[2]! };
      return false;
    },
  };
};
