import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { composeCheck } from '../../src/engine/checks/compose.js';
import { envExampleCheck } from '../../src/engine/checks/env-example.js';
import { migrationsCheck } from '../../src/engine/checks/migrations.js';
import { secretsCheck } from '../../src/engine/checks/secrets.js';
import type { CheckDefinition } from '../../src/engine/checks/types.js';
import { versionsCheck } from '../../src/engine/checks/versions.js';
import { workflowsCheck } from '../../src/engine/checks/workflows.js';

/* checks/<id>/README.md lists every rule of the check, with its default level. */

const CHECKS: CheckDefinition<any>[] = [
  composeCheck,
  envExampleCheck,
  migrationsCheck,
  secretsCheck,
  versionsCheck,
  workflowsCheck,
];

/** `[id, level]` of each row of the README's table whose header starts with `| Rule | Level |`. */
function documentedRules(id: string): string[][] {
  const readme = readFileSync(new URL(`../../checks/${id}/README.md`, import.meta.url), 'utf8');
  const lines = readme.split('\n');
  const header = lines.findIndex((line) => /^\|\s*Rule\s*\|\s*Level\s*\|/.test(line));
  expect(header).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
    rows.push([cells[1]!, cells[2]!]);
  }
  return rows;
}

describe('checks/<id>/README.md lists the rules', () => {
  it.each(CHECKS.map((check) => [check.id, check] as const))('%s', (id, check) => {
    expect(check.rules?.length).toBeGreaterThan(0);
    expect(documentedRules(id)).toEqual(check.rules!.map((rule) => [rule.id, rule.level]));
  });
});
