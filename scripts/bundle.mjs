// Builds dist/index.js (the action), dist/cli.js (the CLI) and dist/health-config.js (the
// config step of the checks/health composite action) with ncc, and regenerates the JSON
// Schemas in schema/ from the bundled CLI so both come from one schema.
// First it regenerates src/engine/presets/presets.generated.ts from checks/presets/*.yml.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const tmp = path.join(root, '.bundle-tmp');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function build(entry, outDir) {
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      entry,
      '-o',
      outDir,
      '--license',
      'licenses.txt',
      // Minified, the bundles parse in about half the time: start-up is a feature.
      '--minify',
      '--quiet',
      '--target',
      'es2022',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

// The presets in checks/presets/*.yml are compiled into the engine before it is bundled.
execFileSync(process.execPath, [path.join(root, 'scripts', 'generate-presets.mjs')], {
  stdio: 'inherit',
});

rmSync(tmp, { recursive: true, force: true });
rmSync(dist, { recursive: true, force: true });
build('src/action/index.ts', path.join(tmp, 'action'));
build('src/cli/index.ts', path.join(tmp, 'cli'));
build('src/action/health-config-entry.ts', path.join(tmp, 'health-config'));
// Toolkit dependencies built on their own into dist/<name>.cjs: the action's stand-ins
// (src/vendor/<name>-lazy.cjs) require them on first use, so an action start never parses them.
const apart = [
  ['undici', 'node_modules/undici/index.js'],
  ['http-client', 'scripts/vendor/http-client.cjs'],
  ['exec', 'scripts/vendor/exec.cjs'],
];
for (const [name, entry] of apart) build(entry, path.join(tmp, name));

// The action in dist/, the CLI in dist/cli/: each loads parts it rarely needs (the GitHub
// API client, the pipeline of a run, `init`) from chunks ncc names <id>.index.js, and the
// two builds' ids would collide in one directory.
const chunk = /^\d+\.index\.js$/;
const outputs = [
  ['action', dist],
  ['cli', path.join(dist, 'cli')],
];
for (const [name, out] of outputs) {
  mkdirSync(out, { recursive: true });
  const dir = path.join(tmp, name);
  for (const file of readdirSync(dir)) {
    if (file === 'index.js' || chunk.test(file))
      renameSync(path.join(dir, file), path.join(out, file));
    // One package.json ({"type": "module"}) and one licences file in dist/ cover both.
    else if (name === 'action' && (file === 'package.json' || file === 'licenses.txt'))
      cpSync(path.join(dir, file), path.join(dist, file));
    else if (file !== 'package.json' && file !== 'licenses.txt')
      throw new Error(`unexpected ncc output ${name}/${file}`);
  }
}
// Built on their own, these are no longer inside the action's bundle: their licences go with
// the action's.
for (const [name] of apart) {
  // ncc names a CommonJS build index.cjs or index.js depending on its entry.
  const built = readdirSync(path.join(tmp, name)).find((file) => /^index\.c?js$/.test(file));
  renameSync(path.join(tmp, name, built), path.join(dist, `${name}.cjs`));
  appendFileSync(
    path.join(dist, 'licenses.txt'),
    `\n${readFileSync(path.join(tmp, name, 'licenses.txt'))}`,
  );
}
// The checks/health action's config step, dist/health-config.js, runs before the engine on its
// own: one file, no chunks. It imports no package today, so ncc writes it no licences file.
for (const file of readdirSync(path.join(tmp, 'health-config'))) {
  const built = path.join(tmp, 'health-config', file);
  if (file === 'index.js') renameSync(built, path.join(dist, 'health-config.js'));
  else if (file === 'licenses.txt')
    appendFileSync(path.join(dist, 'licenses.txt'), `\n${readFileSync(built)}`);
  else if (file !== 'package.json') throw new Error(`unexpected ncc output health-config/${file}`);
}
rmSync(tmp, { recursive: true, force: true });
// dist/cli.js, the CLI's bin, is a small entry that turns on the compile cache first and then
// imports dist/cli/index.js.
cpSync(path.join(root, 'src', 'cli', 'bin.mjs'), path.join(dist, 'cli.js'));
chmodSync(path.join(dist, 'cli.js'), 0o755);

// The published schemas of the config, a preset, the waivers file and report.json, from the
// same zod schemas the code validates and types with.
mkdirSync(path.join(root, 'schema'), { recursive: true });
for (const [file, args] of [
  ['release-gates.schema.json', ['schema']],
  ['preset.schema.json', ['schema', '--preset']],
  ['waivers.schema.json', ['schema', '--waivers']],
  ['report.schema.json', ['schema', '--report']],
]) {
  const schema = execFileSync(process.execPath, [path.join(dist, 'cli.js'), ...args], {
    encoding: 'utf8',
  });
  writeFileSync(path.join(root, 'schema', file), schema);
}

// Last, once dist/ is complete: the hash of the sources it was built from. The end-to-end
// tests refuse to run when the sources no longer hash to it (scripts/source-hash.mjs).
const { writeSourceHash } = await import('./source-hash.mjs');
writeSourceHash(root);
