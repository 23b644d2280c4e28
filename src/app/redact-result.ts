import type { RunResult } from '../engine/index.js';

/** Applies a redactor to every free-text field of a result before any reporter sees it. */
export function redactResult(result: RunResult, redact: (text: string) => string): RunResult {
  return {
    ...result,
    gates: result.gates.map((gate) => {
      const copy = { ...gate, tail: redact(gate.tail) };
      if (gate.detail !== undefined) copy.detail = redact(gate.detail);
      return copy;
    }),
  };
}
