import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PRESETS } from '../../src/engine/presets/presets.generated.js';

/* checks/README.md documents every preset gate with the stage and priority the preset gives it. */

const readme = readFileSync(new URL('../../checks/README.md', import.meta.url), 'utf8');

/** Rows (id, stage, priority) of the table under "### `<name>`". */
function documented(name: string): string[][] {
  const start = readme.indexOf(`\n### \`${name}\``);
  expect(start).toBeGreaterThan(-1);
  const lines = readme
    .slice(start + 1)
    .split('\n')
    .slice(1);
  const end = lines.findIndex((line) => line.startsWith('#'));
  return lines
    .slice(0, end < 0 ? undefined : end)
    .filter((line) => /^\| `/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

describe('checks/README.md', () => {
  it.each(Object.keys(PRESETS))(
    'lists the gates of preset %s as the preset defines them',
    (name) => {
      const preset = PRESETS[name] as unknown as {
        gates: { id: string; stage: string; priority: string }[];
      };
      expect(documented(name)).toEqual(preset.gates.map((g) => [g.id, g.stage, g.priority]));
    },
  );
});
