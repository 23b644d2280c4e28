import {
  baseName,
  hasExtension,
  makeFinding,
  PATH,
  positive,
  severityOf,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/**
 * `path:line:col: message` or `path:line: message`, at the very start of the line (no
 * indentation, no prefix). Line and column have at most 7 digits.
 */
const LINE = new RegExp(String.raw`^(${PATH}):(\d{1,7})(?::(\d{1,7}))?: \s*(\S.*)$`);
/** `error: ...`, `fatal error: ...`, `warning: ...`, `note: ...` at the start of the message. */
const SEVERITY = /^(fatal error|error|warning|note):\s+(\S.*)$/;
/** Host names look like file names (`example.com:443: ...`): these endings are never files. */
const HOST_ENDING =
  /\.(?:com|org|net|io|dev|edu|gov|local|localhost|localdomain|internal|lan|cluster|svc)$/i;

/**
 * The fallback for lines no specific tool recognised: conservative, so that log noise (URLs,
 * `12:30:45` timestamps, host:port, `Ran 7 tests in 0.08s`) never becomes a finding. The path
 * must have an extension, contain no `@` (user@host), and — when it has no directory part —
 * not end like a host name. A leading `error:`/`warning:`/`note:` sets the severity.
 */
export const generic: LineParserFactory = (): LineParser => ({
  tool: 'generic',
  push(line, context) {
    if (context.claimed) return false;
    const match = LINE.exec(line);
    if (!match) return false;
    const [, file, lineText, column, rest] = match;
    if (!hasExtension(file!) || file!.includes('@')) return false;
    if (baseName(file!) === file && HOST_ENDING.test(file!)) return false;
    const lineNumber = positive(lineText);
    if (lineNumber === undefined) return false;
    const severity = SEVERITY.exec(rest!);
    context.emit(
      makeFinding('generic', {
        file: file!,
        line: lineNumber,
        column: positive(column),
        message: severity ? severity[2]! : rest!,
        severity: severity ? severityOf(severity[1]) : undefined,
      }),
    );
    return true;
  },
});
