import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFixture } from '../helpers/fixtures.js';

/*
 * The CLI on a real terminal: `script` (util-linux) gives it a pseudo-terminal, as a person
 * running it in a shell would have.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'cli.js');

async function onTerminal(args: string, env: Record<string, string>) {
  const workspace = await copyFixture('warn-only');
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} ${args}`;
  return new Promise<string>((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: workspace,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', () => resolve(out));
  });
}

const ESC = '\u001b';
const COLOUR = /\u001b\[(?:3[0-7]|1|2)m/;
const CURSOR = /\u001b\[\d+F\u001b\[0J/;

describe('CLI on a terminal', () => {
  it('draws live progress in place and colours the report', async () => {
    const out = await onTerminal('run', {});
    expect(out).toMatch(CURSOR);
    expect(out).toMatch(COLOUR);
    expect(out).toContain('passed with warnings');
  });

  it('never colours with NO_COLOR, but still redraws in place', async () => {
    const out = await onTerminal('run', { NO_COLOR: '1' });
    expect(out).toMatch(CURSOR);
    expect(out).not.toMatch(COLOUR);
    expect(out).toContain('passed with warnings');
  });

  it('prints only the report JSON with --json', async () => {
    // Progress goes to stderr, which a pipe would keep apart; here it is dropped.
    const out = await onTerminal('run --json --report-dir /tmp/rg-tty-json 2>/dev/null', {});
    expect(out.includes(ESC)).toBe(false);
    expect(JSON.parse(out).schema).toBe('release-gates/report@1');
  });
});
