import type { LineParser, LineParserFactory } from './line-parser.js';
import { eslintLine, eslintStylish } from './tools/eslint.js';
import { flake8 } from './tools/flake8.js';
import { generic } from './tools/generic.js';
import { mypy } from './tools/mypy.js';
import { pytest } from './tools/pytest.js';
import { ruff } from './tools/ruff.js';
import { shellcheckGcc, shellcheckTty } from './tools/shellcheck.js';
import { tsc } from './tools/tsc.js';

/**
 * The tool parsers, in the order they look at a line. The first to recognise a line owns it;
 * the others still see it (with `claimed` set) to keep their state right. Parsers that take
 * whole blocks (pytest's sections, ShellCheck's tty blocks, ESLint's stylish report) come
 * first, then the one-line formats, and the generic `path:line: message` fallback last. Ruff
 * and flake8 print the same shape of line and split it between them (see `tools/ruff.ts`).
 */
export const TOOL_PARSERS: readonly LineParserFactory[] = [
  pytest,
  shellcheckTty,
  eslintStylish,
  tsc,
  eslintLine,
  shellcheckGcc,
  mypy,
  ruff,
  flake8,
  generic,
];

/** A fresh, stateful set of parsers for one gate's output. */
export function createLineParsers(
  factories: readonly LineParserFactory[] = TOOL_PARSERS,
): LineParser[] {
  return factories.map((factory) => factory());
}
