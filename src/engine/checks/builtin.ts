import type { CheckDefinition } from './types.js';

/** Every built-in check; `uses: <id>` finds them through the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const BUILTIN_CHECKS: CheckDefinition<any>[] = [];
