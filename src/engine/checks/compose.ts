import '../zod-config.js';
import { z } from 'zod';
import { readComposeInput } from './compose/input.js';
import { COMPOSE_RULES } from './compose/rules.js';
import { runRules } from './rule.js';
import { plural, sortFindings } from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export { imageTagProblem } from './compose/images.js';

export const composeOptions = z.strictObject({
  files: z
    .array(z.string().min(1))
    .min(1)
    .default(['docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml']),
  'production-files': z.array(z.string().min(1)).default(['*prod*']),
  'database-images': z
    .array(z.string().min(1))
    .default([
      'postgres',
      'postgresql',
      'mysql',
      'mariadb',
      'redis',
      'mongo',
      'mongodb',
      'rabbitmq',
    ]),
});
export type ComposeOptions = z.output<typeof composeOptions>;

export const composeCheck: CheckDefinition<ComposeOptions> = {
  id: 'compose',
  title: 'Compose services have health checks, pinned images and private databases',
  defaultPriority: 'P1',
  defaultStage: 'lint',
  options: composeOptions,
  run: runCompose,
  rules: COMPOSE_RULES,
};

async function runCompose(options: ComposeOptions, ctx: CheckContext): Promise<CheckResult> {
  const input = await readComposeInput(options, ctx);
  const findings = runRules('compose', COMPOSE_RULES, input);

  if (input.matched === 0) {
    return {
      passed: true,
      summary: `No compose files matching ${options.files.join(', ')} were found.`,
      findings,
    };
  }
  const serviceCount = input.views.reduce(
    (sum, view) => sum + Object.keys(view.compose.services).length,
    0,
  );
  const scope = `${plural(serviceCount, 'service')} in ${plural(input.matched, 'compose file')}`;
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `All ${scope} have health checks, healthy dependencies, pinned images and private databases.`,
      findings,
    };
  }
  const rules = new Set(findings.map((finding) => finding.ruleId!.replace('compose/', '')));
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'problem')} in ${scope} (${[...rules].sort().join(', ')}).`,
    findings: sortFindings(findings),
  };
}
