import { spawn, type ChildProcess } from 'node:child_process';
import { DIST_CLI, waitForBundle } from './fixtures.js';

/* Runs dist/cli.js as a real process with a minimal environment. */

export interface CliRunOptions {
  cwd: string;
  /** Added to the minimal environment (PATH, HOME); nothing else of this process leaks in. */
  env?: Record<string, string>;
  node?: string;
  /** SIGKILL the CLI after this long. */
  timeoutMs?: number;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killedByHarness: boolean;
  stdout: string;
  stderr: string;
  startedAt: number;
  exitedAt: number;
}

export interface StartedCli {
  child: ChildProcess;
  pid: number;
  kill(signal: NodeJS.Signals): boolean;
  exited(): boolean;
  stderrSoFar(): string;
  done: Promise<CliRun>;
}

export function cliEnvironment(options: CliRunOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: options.cwd,
    ...options.env,
  };
}

export async function startCli(args: string[], options: CliRunOptions): Promise<StartedCli> {
  await waitForBundle(DIST_CLI);
  const startedAt = Date.now();
  const child = spawn(options.node ?? process.execPath, [DIST_CLI, ...args], {
    cwd: options.cwd,
    env: cliEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.node ?? 'node'}`);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let hasExited = false;
  let killedByHarness = false;
  const timer = setTimeout(() => {
    killedByHarness = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 45_000);

  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      hasExited = true;
      const exitedAt = Date.now();
      clearTimeout(timer);
      const finish = () =>
        resolve({ code, signal, killedByHarness, stdout, stderr, startedAt, exitedAt });
      const guard = setTimeout(() => {
        child.stdout!.destroy();
        child.stderr!.destroy();
        finish();
      }, 3000);
      child.once('close', () => {
        clearTimeout(guard);
        finish();
      });
    });
  });
  return {
    child,
    pid: child.pid,
    kill: (signal) => child.kill(signal),
    exited: () => hasExited,
    stderrSoFar: () => stderr,
    done,
  };
}

export async function runCli(args: string[], options: CliRunOptions): Promise<CliRun> {
  return (await startCli(args, options)).done;
}
