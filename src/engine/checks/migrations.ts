import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { readHistories } from './migrations/input.js';
import { MIGRATIONS_RULES } from './migrations/rules.js';
import { runRules } from './rule.js';
import { plural, relativePathOption, sortFindings } from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export { type Revision, parseRevision } from './migrations/input.js';

export const migrationsOptions = z.strictObject({
  path: relativePathOption.optional(),
});
export type MigrationsOptions = z.output<typeof migrationsOptions>;

export const migrationsCheck: CheckDefinition<MigrationsOptions> = {
  id: 'migrations',
  title: 'Alembic migrations form one linear history',
  defaultPriority: 'P1',
  defaultStage: 'test',
  options: migrationsOptions,
  run: runMigrations,
  rules: MIGRATIONS_RULES,
};

async function runMigrations(options: MigrationsOptions, ctx: CheckContext): Promise<CheckResult> {
  const histories = await readHistories(options, ctx);
  if (histories.length === 0) {
    return {
      passed: false,
      summary:
        'No alembic/versions or migrations/versions directory was found; set the path option to the versions directory.',
      findings: [],
    };
  }

  const findings: ToolFinding[] = [];
  const reports: string[] = [];
  const problems: string[] = [];
  for (const history of histories) {
    const { dir, byId, heads } = history;
    if (history.empty && options.path !== undefined) {
      problems.push(`${dir} holds no revision files`);
      continue;
    }
    const found = runRules('migrations', MIGRATIONS_RULES, history);
    findings.push(...found);

    const dirProblems: string[] = [];
    if (heads.length > 1)
      dirProblems.push(`${heads.length} heads (${heads.map((h) => h.id).join(', ')})`);
    if (heads.length === 0 && byId.size > 0) dirProblems.push('no head (a cycle)');
    if (history.unknown.length > 0) {
      dirProblems.push(plural(history.unknown.length, 'unknown down_revision'));
    }
    if (history.duplicates.length > 0) {
      dirProblems.push(plural(history.duplicates.length, 'duplicate revision id'));
    }
    if (dirProblems.length > 0 && found.length > 0) {
      problems.push(`${dir} has ${dirProblems.join(', ')}`);
    } else if (dirProblems.length > 0) {
      reports.push(`${dir} has ${dirProblems.join(', ')}, all silenced by release-gates-ignore`);
    } else if (heads.length === 1) {
      reports.push(
        `${plural(byId.size, 'revision')} in ${dir} with the single head ${heads[0]!.id}`,
      );
    } else reports.push(`no revisions in ${dir}`);
  }

  if (problems.length === 0) {
    return {
      passed: true,
      summary: `One linear history: ${reports.join('; ')}.`,
      findings,
    };
  }
  return {
    passed: false,
    summary: `${problems.join('; ')}.`,
    findings: sortFindings(findings),
  };
}
