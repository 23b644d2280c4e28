import path from 'node:path';
import { findCheck } from '../checks/registry.js';
import type { GateSpec } from '../config/types.js';
import type { GateOutcome, GateRunContext, GateRunner } from './gate-runner.js';
import { directoryExists } from './shell-gate.js';

/**
 * A `uses:` gate: runs a built-in check in-process. The options were validated when the
 * config was loaded; they are parsed again here only to apply the schema's defaults.
 */
export function createUsesRunner(runHttpProbe: GateRunner): GateRunner {
  return async function runUsesGate(gate: GateSpec, ctx: GateRunContext): Promise<GateOutcome> {
    const started = ctx.now();
    const fail = (detail: string): GateOutcome => {
      ctx.log.note(`release-gates: ${detail}`);
      return {
        status: 'failed',
        exitCode: null,
        detail,
        attemptHistory: [
          { attempt: 1, status: 'failed', exitCode: null, durationMs: ctx.now() - started },
        ],
      };
    };
    const check = findCheck(gate.uses!);
    if (!check) return fail(`unknown check ${gate.uses}`);
    const parsed = check.options.safeParse(gate.with ?? {});
    if (!parsed.success) return fail(`invalid options for check ${check.id}`);
    if (check.asHttpProbe) {
      return runHttpProbe({ ...gate, kind: 'http', http: check.asHttpProbe(parsed.data) }, ctx);
    }
    const cwd = path.resolve(ctx.workspace, gate.workingDirectory);
    if (!(await directoryExists(cwd))) {
      return fail(`working-directory ${gate.workingDirectory} does not exist (${cwd})`);
    }
    ctx.onAttemptStart(1);
    try {
      const result = await check.run(parsed.data, {
        workspace: ctx.workspace,
        cwd,
        env: { ...ctx.env, ...gate.env },
        spawn: ctx.spawn,
        signal: ctx.signal,
        now: ctx.now,
        log: (line) => ctx.log.note(line),
      });
      for (const finding of result.findings) {
        const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ''}`;
        ctx.log.note(
          `${where}: ${finding.severity ?? 'error'}: ${finding.message}${finding.ruleId ? ` [${finding.ruleId}]` : ''}`,
        );
      }
      ctx.log.note(`${check.id}: ${result.summary}`);
      const status = ctx.signal.aborted ? 'cancelled' : result.passed ? 'passed' : 'failed';
      const outcome: GateOutcome = {
        status,
        exitCode: result.passed ? 0 : 1,
        attemptHistory: [
          { attempt: 1, status, exitCode: result.passed ? 0 : 1, durationMs: ctx.now() - started },
        ],
        findings: result.findings,
      };
      if (!result.passed) outcome.detail = result.summary;
      return outcome;
    } catch (error) {
      return fail(`check ${check.id} crashed: ${(error as Error).message}`);
    }
  };
}
