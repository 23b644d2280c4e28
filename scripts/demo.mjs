// npm run demo: runs the CoffeeStudio example through the CLI as a push to main, so the
// deploy stage starts the API and web app on free 127.0.0.1 ports and the health stage
// probes them. `--broken` (npm run demo:broken) makes the API unhealthy: the P0 probe
// fails, the run aborts, rollback runs and the report says which probe failed and why.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const example = path.join(root, 'examples', 'coffeestudio');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const args = process.argv.slice(2);
const broken = args.includes('--broken');
const passThrough = args.filter((arg) => arg !== '--broken');
const env = {
  ...process.env,
  // tsc comes from this repo's dev dependencies.
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
  API_PORT: String(await freePort()),
  WEB_PORT: String(await freePort()),
  APP_VERSION: readFileSync(path.join(example, 'VERSION'), 'utf8').trim(),
  // Read by scripts/deploy.sh only, so the unit tests still see a healthy API.
  DEMO_BREAK_API: broken ? '1' : '0',
};
process.stderr.write(
  `demo: CoffeeStudio ${env.APP_VERSION} as a push to main (API on 127.0.0.1:${env.API_PORT}, web on 127.0.0.1:${env.WEB_PORT})${broken ? '; the API is made unhealthy' : ''}\n`,
);
const child = spawn(
  process.execPath,
  [
    path.join(root, 'dist', 'cli.js'),
    'run',
    '--working-directory',
    example,
    '--event',
    'push',
    '--branch',
    'main',
    ...passThrough,
  ],
  { env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
