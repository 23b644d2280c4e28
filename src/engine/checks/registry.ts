import { BUILTIN_CHECKS } from './builtin.js';
import type { CheckDefinition } from './types.js';

/**
 * The built-in checks, by the id used in `uses:`. Each lives in its own module under
 * src/engine/checks/ and is documented in checks/<id>/README.md.
 */
const CHECKS = new Map<string, CheckDefinition<unknown>>(
  BUILTIN_CHECKS.map((check) => [check.id, check as CheckDefinition<unknown>]),
);

export function findCheck(id: string): CheckDefinition<unknown> | undefined {
  return CHECKS.get(id);
}

export function checkIds(): string[] {
  return [...CHECKS.keys()].sort();
}

/** For tests: a check that only exists while the test runs. */
export function registerCheckForTest<Options>(check: CheckDefinition<Options>): () => void {
  CHECKS.set(check.id, check as CheckDefinition<unknown>);
  return () => CHECKS.delete(check.id);
}
