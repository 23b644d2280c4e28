import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The import rule of eslint.config.js, proved on code it must refuse: the engine depends on
 * nothing above it and never reads the process environment; reporters only format.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function violations(file: string, text: string): Promise<string[]> {
  const [report] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return report!.messages.map((m) => m.ruleId ?? m.message);
}

describe('no upward arrows', () => {
  it.each([
    ["import * as core from '@actions/core';\nexport const x = core;\n", 'no-restricted-imports'],
    ["import { run } from '../action/main.js';\nexport const x = run;\n", 'no-restricted-imports'],
    ["import { main } from '../cli/main.js';\nexport const x = main;\n", 'no-restricted-imports'],
    [
      "import { renderSummary } from '../reporters/summary-markdown.js';\nexport const x = renderSummary;\n",
      'no-restricted-imports',
    ],
    [
      "import { runSession } from '../app/session.js';\nexport const x = runSession;\n",
      'no-restricted-imports',
    ],
    ['export const home = process.env.HOME;\n', 'no-restricted-properties'],
  ])('src/engine refuses %j', async (text, rule) => {
    expect(await violations('src/engine/probe.ts', text)).toContain(rule);
  });

  it('src/reporters refuses the adapters and the environment', async () => {
    expect(
      await violations(
        'src/reporters/probe.ts',
        "import { run } from '../action/main.js';\nexport const x = [run, process.env.CI];\n",
      ),
    ).toEqual(['no-restricted-imports', 'no-restricted-properties']);
  });

  it('lets the engine import itself and Node', async () => {
    expect(
      await violations(
        'src/engine/probe.ts',
        "import path from 'node:path';\nimport { isFailure } from './policy.js';\nexport const x = [path, isFailure];\n",
      ),
    ).toEqual([]);
  });
});
