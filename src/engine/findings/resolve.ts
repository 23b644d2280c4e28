import type { PolicyAction } from '../stages.js';
import { createPathNormaliser } from './paths.js';
import type { ToolFinding } from './types.js';

export type FindingLevel = 'error' | 'warning' | 'notice';

/**
 * A finding as every output shows it: where (a path from the repository root), which rule
 * and how severe are decided here once; annotations, SARIF, the check run, JUnit and the
 * summary only format it.
 */
export interface Finding extends ToolFinding {
  /** `<tool>/<code>`, e.g. tsc/TS2322, compose/latest-tag, pytest/failure. */
  rule: string;
  level: FindingLevel;
}

const LEVEL_RANK: Record<FindingLevel, number> = { error: 0, warning: 1, notice: 2 };

export function policyLevel(action: PolicyAction): FindingLevel {
  if (action === 'warn') return 'warning';
  if (action === 'notice') return 'notice';
  return 'error';
}

function milder(a: FindingLevel, b: FindingLevel): FindingLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/**
 * The gate's policy level, never more severe than what the tool itself printed (an ESLint
 * warning stays a warning) nor than a warning when the gate did not fail (nothing that let
 * the gate pass is shown as an error).
 */
export function findingLevel(
  action: PolicyAction,
  gateFailed: boolean,
  severity?: ToolFinding['severity'],
): FindingLevel {
  let level = policyLevel(action);
  if (severity === 'warning') level = milder(level, 'warning');
  if (severity === 'note') level = milder(level, 'notice');
  if (!gateFailed) level = milder(level, 'warning');
  return level;
}

/**
 * pytest's "code" is the failing test's id, so every pytest finding is pytest/failure (one
 * rule, not one per test). A check's rule id already carries its check's name.
 */
export function findingRule(finding: ToolFinding): string {
  const tool = finding.tool.trim() === '' ? 'generic' : finding.tool.trim();
  if (tool === 'pytest') return 'pytest/failure';
  const code = finding.ruleId?.trim() ?? '';
  if (code === '') return `${tool}/finding`;
  return code.startsWith(`${tool}/`) ? code : `${tool}/${code}`;
}

/**
 * The finding's source as people read it: the tool and its own code (`tsc TS2322`,
 * `compose latest-tag`, `pytest tests/test_api.py::test_health`), never the check twice.
 */
export function findingSource(finding: ToolFinding): string {
  const tool = finding.tool.trim();
  const code = finding.ruleId?.trim() ?? '';
  const own = code.startsWith(`${tool}/`) ? code.slice(tool.length + 1) : code;
  return [tool, own].filter((part) => part !== '').join(' ');
}

export interface FindingScope {
  action: PolicyAction;
  gateFailed: boolean;
  /** Absolute directory the findings' relative paths are relative to (the workspace). */
  workspace: string;
  /** Absolute repository root; paths are stored relative to it. */
  repositoryRoot: string;
}

export function resolveFindings(findings: readonly ToolFinding[], scope: FindingScope): Finding[] {
  const fromRoot = createPathNormaliser(scope.repositoryRoot, scope.workspace);
  return findings.map((finding) => ({
    ...finding,
    file: fromRoot(finding.file),
    rule: findingRule(finding),
    level: findingLevel(scope.action, scope.gateFailed, finding.severity),
  }));
}
