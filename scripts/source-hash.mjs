// The hash of what `npm run bundle` builds dist/ from. bundle.mjs writes it to
// dist/source-hash.txt as its last step; the end-to-end tests' global setup
// (__tests__/helpers/dist-is-fresh.mjs) recomputes it and refuses to test a dist/ older than its
// sources. `node scripts/source-hash.mjs [root]` prints it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where bundle.mjs writes the hash, relative to the repository root. */
export const SOURCE_HASH_FILE = 'dist/source-hash.txt';

/** What the end-to-end tests say when dist/ does not match its sources. */
export const STALE_DIST_MESSAGE = 'dist/ is older than its sources: run "npm run bundle" first';

/**
 * The bundle's inputs, relative to the root: directories are taken whole (every file below
 * them), `dir/*.ext` takes the files of one directory with that extension, anything else is one
 * file (left out when it does not exist).
 */
export const SOURCE_INPUTS = [
  'src/',
  'checks/presets/*.yml',
  'scripts/bundle.mjs',
  'scripts/generate-presets.mjs',
  'scripts/vendor/',
  'package-lock.json',
  'tsconfig.json',
];

/** Every file below `dir` (relative to root, `/`-separated); symlinks to files count as files. */
function filesBelow(root, dir) {
  const files = [];
  const absolute = path.join(root, dir);
  if (!existsSync(absolute)) return files;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...filesBelow(root, relative));
    else if (entry.isFile() || statSync(path.join(root, relative)).isFile()) files.push(relative);
  }
  return files;
}

/** The input files under `root`, relative and `/`-separated, sorted by code unit. */
export function sourceFiles(root) {
  const files = [];
  for (const input of SOURCE_INPUTS) {
    const star = /^(.*)\/\*(\.[^/]+)$/.exec(input);
    if (input.endsWith('/')) {
      files.push(...filesBelow(root, input.slice(0, -1)));
    } else if (star) {
      const [, dir, ext] = star;
      const inDir = (file) => !file.slice(dir.length + 1).includes('/');
      files.push(...filesBelow(root, dir).filter((file) => inDir(file) && file.endsWith(ext)));
    } else if (existsSync(path.join(root, input))) {
      files.push(input);
    }
  }
  return [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha256 over each input file's relative path and content, in sorted order: the same tree gives
 * the same hash wherever it is checked out, whatever the files' times.
 */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) {
    const content = readFileSync(path.join(root, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** The hash dist/ was built from, or undefined when bundle.mjs has not written one. */
export function bundledSourceHash(root) {
  const file = path.join(root, SOURCE_HASH_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Called last by bundle.mjs: records what dist/ was built from. */
export function writeSourceHash(root) {
  writeFileSync(path.join(root, SOURCE_HASH_FILE), `${sourceHash(root)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(sourceHash(path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'))));
}
