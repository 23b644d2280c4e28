import type { CheckDefinition } from './types.js';

/**
 * The checks a config may name in `uses:`. Passed into config parsing and the engine rather
 * than imported by them, so that tests and embedders bring their own.
 */
export interface CheckCatalogue {
  find(id: string): CheckDefinition<unknown> | undefined;
  /** Every id, sorted: error messages list them. */
  ids(): string[];
}

export function createCatalogue(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  checks: readonly CheckDefinition<any>[],
): CheckCatalogue {
  const byId = new Map<string, CheckDefinition<unknown>>(
    checks.map((check) => [check.id, check as CheckDefinition<unknown>]),
  );
  return {
    find: (id) => byId.get(id),
    ids: () => [...byId.keys()].sort(),
  };
}
