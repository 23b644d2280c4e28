import {
  makeFinding,
  PATH,
  positive,
  severityOf,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/** `-f gcc`: `deploy.sh:3:8: warning: Double quote to prevent globbing ... [SC2086]`. */
const GCC = new RegExp(
  String.raw`^\s*(${PATH}):(\d+):(\d+): (error|warning|note): (.*?) \[(SC\d+)\]$`,
);

/** ShellCheck's gcc format. The script may have no extension (`scripts/deploy`). */
export const shellcheckGcc: LineParserFactory = (): LineParser => ({
  tool: 'shellcheck',
  push(line, context) {
    if (context.claimed || !line.includes('[SC')) return false;
    const match = GCC.exec(line);
    if (!match) return false;
    const [, file, lineText, column, severity, message, code] = match;
    context.emit(
      makeFinding('shellcheck', {
        file: file!,
        line: positive(lineText),
        column: positive(column),
        message: message!,
        ruleId: code,
        severity: severityOf(severity),
      }),
    );
    return true;
  },
});

/** The default `tty` format: `In deploy.sh line 3:`, the source line, then markers ... */
const BLOCK = /^In (\S.*?) line (\d+):$/;
/** ... `     ^-- SC2086 (info): Double quote to prevent globbing and word splitting.` */
const MARKER = /^(\s*)\^[-^]*\s+(SC\d+)\s+\((error|warning|info|style)\):\s*(.*)$/;

/**
 * ShellCheck's default `tty` format. A block runs from its `In <file> line <n>:` line to the
 * next blank line; every line in it is taken (so the quoted script is never parsed as output),
 * and each marker is a finding whose column is the marker's position.
 */
export const shellcheckTty: LineParserFactory = (): LineParser => {
  let block: { file: string; line: number | undefined } | undefined;
  return {
    tool: 'shellcheck',
    push(line, context) {
      const start = line.startsWith('In ') ? BLOCK.exec(line) : null;
      if (start) {
        block = { file: start[1]!, line: positive(start[2]) };
        return !context.claimed;
      }
      if (!block) return false;
      if (line.trim() === '') {
        block = undefined;
        return false;
      }
      if (context.claimed) return false;
      const marker = MARKER.exec(line);
      if (marker) {
        const [, indent, code, severity, message] = marker;
        context.emit(
          makeFinding('shellcheck', {
            file: block.file,
            line: block.line,
            column: indent!.length + 1,
            message: message!,
            ruleId: code,
            severity: severityOf(severity),
          }),
        );
      }
      return true;
    },
  };
};
