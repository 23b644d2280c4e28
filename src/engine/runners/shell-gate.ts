import type { GateSpec } from '../config/types.js';
import { runCommand } from './command.js';
import type { AttemptContext, AttemptOutcome, GateRunner } from './gate-runner.js';

/** One attempt of a `run:` gate: the command in its shell, in its own process group. */
async function runShellAttempt(gate: GateSpec, ctx: AttemptContext): Promise<AttemptOutcome> {
  const outcome = await runCommand({
    argv: [...gate.shell, gate.run!],
    cwd: ctx.cwd,
    env: ctx.env,
    signal: ctx.signal,
    spawn: ctx.spawn,
    log: ctx.log,
    killGraceMs: ctx.killGraceMs,
  });
  switch (outcome.kind) {
    case 'exited': {
      if (outcome.code === 0) return { passed: true, exitCode: 0 };
      const detail =
        outcome.code === null
          ? `killed by ${outcome.signal ?? 'a signal'}`
          : `exited with code ${outcome.code}`;
      return { passed: false, exitCode: outcome.code, detail };
    }
    case 'stopped':
      return { passed: false, exitCode: null };
    case 'not-started':
      ctx.log.note(`release-gates: ${outcome.message}`);
      return { passed: false, exitCode: null, detail: outcome.message, final: true };
  }
}

export const shellGateRunner: GateRunner = {
  run: runShellAttempt,
  needsWorkingDirectory: true,
  parsesOutput: true,
  stopNote: "the gate's process group was killed",
};
