import type { Readable } from 'node:stream';
import type { GateLog } from '../output/gate-log.js';
import type { Spawner } from '../process.js';

export interface CommandRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  spawn: Spawner;
  log: GateLog;
  /** How long a process group gets between SIGTERM and SIGKILL. */
  killGraceMs: number;
}

export type CommandOutcome =
  | { kind: 'exited'; code: number | null; signal: string | null }
  | { kind: 'timed-out' }
  | { kind: 'cancelled' }
  | { kind: 'not-started'; message: string };

/** Runs one process to its end, a timeout or a cancel; its output goes to `log`. */
export async function runCommand(request: CommandRequest): Promise<CommandOutcome> {
  const { log } = request;
  if (request.signal.aborted) return { kind: 'cancelled' };
  const child = request.spawn({ argv: request.argv, cwd: request.cwd, env: request.env });

  let stoppedAs: 'timed-out' | 'cancelled' | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (as: 'timed-out' | 'cancelled') => {
    if (stoppedAs) return;
    stoppedAs = as;
    child.killGroup('SIGTERM');
    // Gates that ignore SIGTERM still end: the whole group gets SIGKILL after the grace.
    killTimer = setTimeout(() => child.killGroup('SIGKILL'), request.killGraceMs);
    killTimer.unref();
  };
  const timeout = setTimeout(() => stop('timed-out'), request.timeoutMs);
  const onAbort = () => stop('cancelled');
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
  clearTimeout(timeout);
  if (killTimer) clearTimeout(killTimer);
  // The shell is gone; anything it left in its group when stopped goes too.
  if (stoppedAs) child.killGroup('SIGKILL');
  request.signal.removeEventListener('abort', onAbort);

  if (exit.error) {
    return {
      kind: 'not-started',
      message: `could not start ${request.argv[0]}: ${exit.error.message}`,
    };
  }
  if (stoppedAs) return { kind: stoppedAs };
  return { kind: 'exited', code: exit.code, signal: exit.signal };
}
