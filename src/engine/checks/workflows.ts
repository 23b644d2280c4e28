import '../zod-config.js';
import { z } from 'zod';
import { runRules } from './rule.js';
import { plural, relativePathOption, sortFindings } from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';
import { actionReferences, readWorkflowsInput } from './workflows/input.js';
import { WORKFLOWS_RULES } from './workflows/rules.js';

export const workflowsOptions = z.strictObject({
  path: relativePathOption.default('.github/workflows'),
  'allow-unpinned': z.array(z.string().min(1)).default([]),
});
export type WorkflowsOptions = z.output<typeof workflowsOptions>;

export const workflowsCheck: CheckDefinition<WorkflowsOptions> = {
  id: 'workflows',
  title: 'Workflows set permissions, pin actions by SHA and keep untrusted input out of run:',
  defaultPriority: 'P1',
  defaultStage: 'security',
  options: workflowsOptions,
  run: runWorkflows,
  rules: WORKFLOWS_RULES,
};

async function runWorkflows(options: WorkflowsOptions, ctx: CheckContext): Promise<CheckResult> {
  const input = await readWorkflowsInput(options, ctx);
  const findings = runRules('workflows', WORKFLOWS_RULES, input);

  if (input.matched === 0) {
    return { passed: true, summary: `No workflows found under ${options.path}.`, findings };
  }
  const actions = [...actionReferences(input)].length;
  const scope = `${plural(input.matched, 'workflow')} (${plural(actions, 'action reference')})`;
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `All ${scope} set permissions, pin actions by commit SHA and keep untrusted input out of scripts.`,
      findings,
    };
  }
  const rules = new Set(findings.map((finding) => finding.ruleId!.replace('workflows/', '')));
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'problem')} in ${scope}: ${[...rules].sort().join(', ')}.`,
    findings: sortFindings(findings),
  };
}
