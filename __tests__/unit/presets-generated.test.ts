import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { PRESETS } from '../../src/engine/presets/presets.generated.js';

/*
 * The engine carries checks/presets/*.yml as src/engine/presets/presets.generated.ts (the
 * bundles cannot read files next to themselves). These fail when the two drift apart: run
 * `node scripts/generate-presets.mjs` (npm run bundle does it too).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const presetsDir = path.join(root, 'checks', 'presets');

describe('presets.generated.ts', () => {
  it('holds exactly the parsed data of every checks/presets/*.yml', () => {
    const files = readdirSync(presetsDir).filter((file) => file.endsWith('.yml'));
    const names = files.map((file) => file.replace(/\.yml$/, '')).sort();
    expect(Object.keys(PRESETS).sort()).toEqual(names);
    for (const name of names) {
      expect({ name, data: PRESETS[name] }).toEqual({
        name,
        data: parse(readFileSync(path.join(presetsDir, `${name}.yml`), 'utf8')),
      });
    }
  });

  it('is byte for byte what scripts/generate-presets.mjs writes (--check)', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [path.join(root, 'scripts', 'generate-presets.mjs'), '--check'],
        {
          cwd: root,
          stdio: 'pipe',
        },
      ),
    ).not.toThrow();
  });

  it('ships the four documented presets', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['coffeestudio', 'compose', 'fastapi', 'nextjs']);
  });

  it('npm run bundle generates it before ncc runs', () => {
    const bundle = readFileSync(path.join(root, 'scripts', 'bundle.mjs'), 'utf8');
    const generate = bundle.indexOf('generate-presets.mjs');
    expect(generate).toBeGreaterThan(-1);
    expect(generate).toBeLessThan(bundle.indexOf("build('src/action/index.ts'"));
  });
});
