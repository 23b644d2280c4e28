// Loads a module compiled by scripts/test.sh (tsc into $WEB_COMPILED_DIR).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function load(name) {
  const dir = process.env.WEB_COMPILED_DIR;
  if (!dir) throw new Error('WEB_COMPILED_DIR is not set: run the tests with scripts/test.sh');
  return import(pathToFileURL(join(dir, `${name}.js`)).href);
}
