// Static build: renders the menu page with the compiled modules (tsc -p tsconfig.build.json
// writes them to dist/js) and writes dist/index.html. Plain node, no dependencies.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const webDir = new URL('../', import.meta.url);
const distDir = new URL('dist/', webDir);
const versionFile = new URL('../../VERSION', webDir);

const compiled = async (name) => {
  try {
    return await import(new URL(`js/${name}.js`, distDir).href);
  } catch (error) {
    console.error(`dist/js/${name}.js is missing: run "tsc -p tsconfig.build.json" first.`);
    throw error;
  }
};

const { renderPage } = await compiled('render');
const { MENU } = await compiled('menu');
const version = (await readFile(versionFile, 'utf8')).trim();

const html = renderPage({ title: 'CoffeeStudio menu', version, items: MENU });
await mkdir(distDir, { recursive: true });
const target = new URL('index.html', distDir);
await writeFile(target, html);
console.log(`wrote ${fileURLToPath(target)} (${html.length} bytes, v${version})`);
