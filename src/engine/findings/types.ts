/** A file:line problem parsed from a tool's output (tsc, eslint, ruff, ...). */
export interface ToolFinding {
  /** tsc, eslint, ruff, mypy, flake8, pytest, shellcheck, or generic. */
  tool: string;
  /** Posix path relative to the workspace when it lies inside it; otherwise as printed. */
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** The tool's rule or code, e.g. TS2322, no-unused-vars, E501, SC2086. */
  ruleId?: string;
  /** The tool's own severity, when it prints one. */
  severity?: 'error' | 'warning' | 'note';
}

/** How many findings one gate keeps; the rest are counted, not stored. */
export const MAX_FINDINGS_PER_GATE = 1000;
