import {
  makeFinding,
  PATH,
  positive,
  severityOf,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

const CATEGORY = '(error|warning|message|suggestion)';
/** `src/a.ts(12,5): error TS2322: Type 'x' is not assignable ...` (`--pretty false`). */
const PLAIN = new RegExp(String.raw`^\s*(${PATH})\((\d+),(\d+)\): ${CATEGORY} (TS\d+): (.*)$`);
/** `src/a.ts:12:5 - error TS2322: ...` (`--pretty`, the default on a terminal). */
const PRETTY = new RegExp(String.raw`^\s*(${PATH}):(\d+):(\d+) - ${CATEGORY} (TS\d+): (.*)$`);

/**
 * TypeScript's compiler (also vue-tsc, tsc -b). Only the first line of a message chain is
 * kept; the pretty form's code frames and "Found N errors" summary are not findings.
 */
export const tsc: LineParserFactory = (): LineParser => ({
  tool: 'tsc',
  push(line, context) {
    if (context.claimed || !line.includes('TS')) return false;
    const match = PLAIN.exec(line) ?? PRETTY.exec(line);
    if (!match) return false;
    const [, file, lineText, column, category, code, message] = match;
    context.emit(
      makeFinding('tsc', {
        file: file!,
        line: positive(lineText),
        column: positive(column),
        message: message!,
        ruleId: code,
        severity: severityOf(category),
      }),
    );
    return true;
  },
});
