import type { GateSpec } from '../config/types.js';
import type { CheckCatalogue } from '../checks/catalogue.js';
import { directoryExists } from '../run/directory.js';
import type { AttemptContext, AttemptOutcome, GateRunner } from './gate-runner.js';

/**
 * A `uses:` gate: runs a built-in check in-process. The options were validated when the
 * config was loaded; they are parsed again here only to apply the schema's defaults. A check
 * that is an http probe (health) is handed to the probe runner.
 */
export function createUsesRunner(checks: CheckCatalogue, httpProbe: GateRunner): GateRunner {
  const fail = (ctx: AttemptContext, detail: string): AttemptOutcome => {
    ctx.log.note(`release-gates: ${detail}`);
    return { passed: false, exitCode: null, detail, final: true };
  };
  return {
    // A check that is a probe needs no directory, like an http: gate; the others check it.
    needsWorkingDirectory: false,
    parsesOutput: false,
    async run(gate: GateSpec, ctx: AttemptContext): Promise<AttemptOutcome> {
      const check = checks.find(gate.uses!);
      if (!check) return fail(ctx, `unknown check ${gate.uses}`);
      const parsed = check.options.safeParse(gate.with ?? {});
      if (!parsed.success) return fail(ctx, `invalid options for check ${check.id}`);
      if (check.asHttpProbe) {
        return httpProbe.run({ ...gate, kind: 'http', http: check.asHttpProbe(parsed.data) }, ctx);
      }
      if (!(await directoryExists(ctx.cwd))) {
        return fail(ctx, `working-directory ${gate.workingDirectory} does not exist (${ctx.cwd})`);
      }
      let result;
      try {
        result = await check.run(parsed.data, {
          workspace: ctx.workspace,
          cwd: ctx.cwd,
          env: ctx.env,
          spawn: ctx.spawn,
          signal: ctx.signal,
          now: ctx.now,
          log: (line) => ctx.log.note(line),
        });
      } catch (error) {
        return fail(ctx, `check ${check.id} crashed: ${(error as Error).message}`);
      }
      for (const finding of result.findings) {
        const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ''}`;
        ctx.log.note(
          `${where}: ${finding.severity ?? 'error'}: ${finding.message}${finding.ruleId ? ` [${finding.ruleId}]` : ''}`,
        );
      }
      ctx.log.note(`${check.id}: ${result.summary}`);
      const outcome: AttemptOutcome = {
        passed: result.passed,
        exitCode: result.passed ? 0 : 1,
        findings: result.findings,
      };
      if (!result.passed) outcome.detail = result.summary;
      return outcome;
    },
  };
}
