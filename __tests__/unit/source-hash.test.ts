import { afterAll, describe, expect, it } from '@jest/globals';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledSourceHash,
  SOURCE_HASH_FILE,
  sourceFiles,
  sourceHash,
  writeSourceHash,
} from '../../scripts/source-hash.mjs';

/*
 * scripts/source-hash.mjs: the hash of the bundle's inputs that `npm run bundle` writes to
 * dist/source-hash.txt and the end-to-end tests' global setup checks.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A small tree with every kind of input and some files that are not inputs. */
function tree(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-source-hash-'));
  temps.push(dir);
  const files: Record<string, string> = {
    'src/index.ts': 'export const a = 1;\n',
    'src/engine/deep/x.ts': 'export const x = 2;\n',
    'src/vendor/lazy.cjs': 'module.exports = {};\n',
    'checks/presets/node.yml': 'gates: []\n',
    'scripts/bundle.mjs': '// bundle\n',
    'scripts/generate-presets.mjs': '// presets\n',
    'scripts/vendor/exec.cjs': '// exec\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    // Not inputs:
    'README.md': '# readme\n',
    'checks/presets/README.md': 'presets\n',
    'checks/presets/old/legacy.yml': 'gates: []\n',
    'checks/health/action.yml': 'name: health\n',
    'scripts/demo.mjs': '// demo\n',
    '__tests__/unit/a.test.ts': 'test\n',
    'dist/index.js': 'bundle\n',
    'src-old/index.ts': 'old\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('sourceFiles', () => {
  it('lists the inputs, relative and sorted, and nothing else', () => {
    expect(sourceFiles(tree())).toEqual([
      'checks/presets/node.yml',
      'package-lock.json',
      'scripts/bundle.mjs',
      'scripts/generate-presets.mjs',
      'scripts/vendor/exec.cjs',
      'src/engine/deep/x.ts',
      'src/index.ts',
      'src/vendor/lazy.cjs',
      'tsconfig.json',
    ]);
  });

  it('covers what bundle.mjs builds from in this repository', () => {
    const files = sourceFiles(root);
    for (const file of [
      'src/action/index.ts',
      'src/cli/index.ts',
      'src/cli/bin.mjs',
      'src/engine/presets/presets.generated.ts',
      'scripts/bundle.mjs',
      'scripts/vendor/http-client.cjs',
      'package-lock.json',
    ]) {
      expect(files).toContain(file);
    }
    expect(
      files.filter((file) => file.startsWith('dist/') || file.startsWith('__tests__/')),
    ).toEqual([]);
  });
});

describe('sourceHash', () => {
  it('is the same for the same files in another directory', () => {
    const a = tree();
    const b = tree();
    expect(sourceHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash(b)).toBe(sourceHash(a));
  });

  it('does not change when only the times of the files change', () => {
    const dir = tree();
    const before = sourceHash(dir);
    const past = new Date('2001-02-03T04:05:06Z');
    for (const file of sourceFiles(dir)) utimesSync(path.join(dir, file), past, past);
    expect(sourceHash(dir)).toBe(before);
  });

  it.each([
    [
      'a src file is edited',
      (dir: string) => writeFileSync(path.join(dir, 'src/index.ts'), 'export const a = 2;\n'),
    ],
    [
      'a src file is added',
      (dir: string) => writeFileSync(path.join(dir, 'src/engine/new.ts'), '\n'),
    ],
    [
      'a preset is edited',
      (dir: string) => writeFileSync(path.join(dir, 'checks/presets/node.yml'), 'gates: [x]\n'),
    ],
    [
      'package-lock.json is edited',
      (dir: string) => writeFileSync(path.join(dir, 'package-lock.json'), '{ }\n'),
    ],
    [
      'a vendored entry is edited',
      (dir: string) => writeFileSync(path.join(dir, 'scripts/vendor/exec.cjs'), '//\n'),
    ],
    [
      'a src file is renamed',
      (dir: string) => {
        cpSync(path.join(dir, 'src/index.ts'), path.join(dir, 'src/main.ts'));
        rmSync(path.join(dir, 'src/index.ts'));
      },
    ],
  ])('changes when %s', (_label, change) => {
    const dir = tree();
    const before = sourceHash(dir);
    change(dir);
    expect(sourceHash(dir)).not.toBe(before);
  });

  it('ignores files outside the inputs', () => {
    const dir = tree();
    const before = sourceHash(dir);
    for (const file of [
      'README.md',
      'checks/presets/README.md',
      'checks/presets/old/legacy.yml',
      'scripts/demo.mjs',
      '__tests__/unit/a.test.ts',
      'dist/index.js',
      'src-old/index.ts',
    ]) {
      writeFileSync(path.join(dir, file), 'changed\n');
    }
    writeFileSync(path.join(dir, SOURCE_HASH_FILE), 'anything\n');
    expect(sourceHash(dir)).toBe(before);
  });

  it('keeps file boundaries: moving text from one file to the next changes it', () => {
    const dir = tree();
    writeFileSync(path.join(dir, 'src/a.ts'), 'ab');
    writeFileSync(path.join(dir, 'src/b.ts'), 'c');
    const before = sourceHash(dir);
    writeFileSync(path.join(dir, 'src/a.ts'), 'a');
    writeFileSync(path.join(dir, 'src/b.ts'), 'bc');
    expect(sourceHash(dir)).not.toBe(before);
  });
});

describe('dist/source-hash.txt', () => {
  it('writeSourceHash records the hash that bundledSourceHash reads back', () => {
    const dir = tree();
    expect(bundledSourceHash(dir)).toBeUndefined();
    writeSourceHash(dir);
    expect(readFileSync(path.join(dir, SOURCE_HASH_FILE), 'utf8')).toBe(`${sourceHash(dir)}\n`);
    expect(bundledSourceHash(dir)).toBe(sourceHash(dir));
  });

  it('is the last thing npm run bundle writes, after dist/ and the schema', () => {
    const bundle = readFileSync(path.join(root, 'scripts', 'bundle.mjs'), 'utf8');
    const last = bundle.trimEnd().split('\n').at(-1);
    expect(last).toBe('writeSourceHash(root);');
    expect(bundle.indexOf('writeSourceHash(root)')).toBeGreaterThan(
      bundle.indexOf("'release-gates.schema.json'"),
    );
  });
});
