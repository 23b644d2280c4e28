import { z } from 'zod';
import { BUILTIN_CHECKS } from '../../src/engine/checks/builtin.js';
import { createCatalogue, type CheckCatalogue } from '../../src/engine/checks/catalogue.js';
import type { CheckDefinition } from '../../src/engine/checks/types.js';
import { parseConfig, type ParseOptions } from '../../src/engine/config/parse.js';

/* Check catalogues for tests: the built-in checks plus stand-ins a test brings. */

/** A check that passes and takes any options (or those of `options`). */
export function standInCheck(id: string, options: z.ZodType = z.record(z.string(), z.unknown())) {
  return {
    id,
    title: `stand-in for ${id}`,
    defaultPriority: 'P2',
    defaultStage: 'lint',
    options,
    run: async () => ({ passed: true, summary: 'ok', findings: [] }),
  } satisfies CheckDefinition<unknown>;
}

export function catalogueWith(...extra: CheckDefinition<any>[]): CheckCatalogue {
  return createCatalogue([...BUILTIN_CHECKS, ...extra]);
}

/** parseConfig with a catalogue: the one the engine gets, unless a test passes its own. */
export function parserWith(checks: CheckCatalogue = catalogueWith()) {
  return (text: string, file: string, options: ParseOptions = {}) =>
    parseConfig(text, file, { checks, ...options });
}
