// Jest global setup of the projects that run dist/ (e2e and e2e-slow, see jest.config.js): they
// refuse to test a bundle older than its sources. It does not rebuild: CI runs the tests before
// its own bundle step, so a commit whose dist/ is stale fails there.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundledSourceHash, sourceHash, STALE_DIST_MESSAGE } from '../../scripts/source-hash.mjs';

/** How long to wait for a `npm run bundle` that is running (it deletes dist/ first). */
const BUNDLE_WAIT_MS = 120_000;

export default async function distIsFresh(_globalConfig, projectConfig) {
  const root = projectConfig.rootDir;
  const bundling = () => existsSync(path.join(root, '.bundle-tmp'));
  if (bundling()) process.stderr.write('waiting for the running "npm run bundle" to finish\n');
  const deadline = Date.now() + BUNDLE_WAIT_MS;
  while (bundling() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (bundledSourceHash(root) === sourceHash(root)) return;
  const error = new Error(STALE_DIST_MESSAGE);
  // Jest prints the stack: one line, since nothing here is a bug to trace.
  error.stack = STALE_DIST_MESSAGE;
  throw error;
}
