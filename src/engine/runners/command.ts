import type { Readable } from 'node:stream';
import type { GateLog } from '../output/gate-log.js';
import type { Spawner } from '../process.js';

export interface CommandRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** Aborting it stops the process group: SIGTERM, then SIGKILL after `killGraceMs`. */
  signal: AbortSignal;
  spawn: Spawner;
  log: GateLog;
  /** How long a process group gets between SIGTERM and SIGKILL; read when the stop begins. */
  killGraceMs: number | (() => number);
}

export type CommandOutcome =
  | { kind: 'exited'; code: number | null; signal: string | null }
  | { kind: 'stopped' }
  | { kind: 'not-started'; message: string };

/**
 * Runs one process to its end or until `signal` aborts; its output goes to `log`. Why the
 * signal aborted (a deadline, a cancel) is the caller's to say.
 */
export async function runCommand(request: CommandRequest): Promise<CommandOutcome> {
  const { log } = request;
  if (request.signal.aborted) return { kind: 'stopped' };
  const child = request.spawn({ argv: request.argv, cwd: request.cwd, env: request.env });

  let stopped = false;
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    if (stopped) return;
    stopped = true;
    child.killGroup('SIGTERM');
    // Gates that ignore SIGTERM still end: the whole group gets SIGKILL after the grace.
    const grace =
      typeof request.killGraceMs === 'function' ? request.killGraceMs() : request.killGraceMs;
    killTimer = setTimeout(() => child.killGroup('SIGKILL'), grace);
    killTimer.unref();
  };
  request.signal.addEventListener('abort', onAbort, { once: true });

  const pipe = (stream: Readable, source: 'stdout' | 'stderr') => {
    stream.on('data', (chunk: Buffer) => {
      if (!log.write(chunk, source)) {
        child.stdout.pause();
        child.stderr.pause();
        void log.drain().then(() => {
          child.stdout.resume();
          child.stderr.resume();
        });
      }
    });
  };
  pipe(child.stdout, 'stdout');
  pipe(child.stderr, 'stderr');

  const exit = await child.exited;
  if (killTimer) clearTimeout(killTimer);
  // The shell is gone; anything it left in its group when stopped goes too.
  if (stopped) child.killGroup('SIGKILL');
  request.signal.removeEventListener('abort', onAbort);

  if (exit.error) {
    return {
      kind: 'not-started',
      message: `could not start ${request.argv[0]}: ${exit.error.message}`,
    };
  }
  if (stopped) return { kind: 'stopped' };
  return { kind: 'exited', code: exit.code, signal: exit.signal };
}
