import type { RunResult } from '../engine/index.js';

/** Applies a redactor to every free-text field of a result before any reporter sees it. */
export function redactResult(result: RunResult, redact: (text: string) => string): RunResult {
  return {
    ...result,
    hooks: result.hooks.map((hook) => {
      const copy = { ...hook, tail: redact(hook.tail) };
      if (hook.detail !== undefined) copy.detail = redact(hook.detail);
      return copy;
    }),
    gates: result.gates.map((gate) => {
      const copy = { ...gate, tail: redact(gate.tail) };
      if (gate.detail !== undefined) copy.detail = redact(gate.detail);
      if (gate.findings) {
        copy.findings = gate.findings.map((finding) => ({
          ...finding,
          message: redact(finding.message),
        }));
      }
      if (gate.probe) {
        copy.probe = {
          ...gate.probe,
          url: redact(gate.probe.url),
          attempts: gate.probe.attempts.map((attempt) =>
            attempt.message === undefined
              ? attempt
              : { ...attempt, message: redact(attempt.message) },
          ),
        };
      }
      return copy;
    }),
  };
}
