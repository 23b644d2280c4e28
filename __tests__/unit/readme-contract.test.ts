import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
};

/** Rows of the Markdown table that follows `## <heading>`, as unescaped cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const lines = readme.slice(start).split('\n').slice(2);
  const rows: string[][] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith('|')))) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\([|<])/g, '$1'));
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    rows.push(cells);
  }
  return rows.slice(1);
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

describe('README matches action.yml', () => {
  it('lists every input with its default and description', () => {
    const rows = tableAfter('Inputs');
    expect(rows.map((row) => unquote(row[0]!))).toEqual(Object.keys(action.inputs));
    for (const row of rows) {
      const input = action.inputs[unquote(row[0]!)]!;
      expect(unquote(row[1]!)).toBe(input.default ?? '');
      expect(row[2]).toBe(input.description);
    }
  });

  it('lists every output with its description', () => {
    const rows = tableAfter('Outputs');
    expect(rows.map((row) => unquote(row[0]!))).toEqual(Object.keys(action.outputs));
    for (const row of rows) expect(row[1]).toBe(action.outputs[unquote(row[0]!)]!.description);
  });

  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
