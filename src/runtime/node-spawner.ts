import { randomUUID } from 'node:crypto';
import type { ProcessExit, SpawnedProcess, SpawnRequest } from '../engine/process.js';

/** After the shell exits, how long its output may stay open (a grandchild holding it). */
const STDIO_GRACE_MS = 250;

/**
 * The variable every process a gate or hook starts inherits, as the runner's RUNNER_TRACKING_ID:
 * a process that left the group (`setsid`, a double fork) still carries it in its environment.
 */
export const TRACKING_VARIABLE = 'RELEASE_GATES_TRACKING_ID';

/**
 * Starts each gate in its own process group (detached), so that a timeout or a cancel
 * can signal the gate and every process it started. Each spawn also gets a tracking marker of
 * its own; `killGroup` signals the processes that carry it too (Linux, from /proc).
 */
export function spawnInProcessGroup(request: SpawnRequest): SpawnedProcess {
  const [program, ...args] = request.argv;
  // Loaded on the first spawn: node:child_process (with net and dgram) costs every start-up
  // several ms, and a plan or a probe-only run never starts a process.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const trackingId = request.trackingId ?? randomUUID();
  const child = spawn(program!, args, {
    cwd: request.cwd,
    env: { ...request.env, [TRACKING_VARIABLE]: trackingId },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
    for (const pid of processesMarkedWith(trackingId)) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone in the meantime, or not ours to signal.
      }
    }
  };

  const exited = new Promise<ProcessExit>((resolve) => {
    let settled = false;
    const settle = (exit: ProcessExit) => {
      if (settled) return;
      settled = true;
      resolve(exit);
    };
    child.once('error', (error) => {
      // 'error' without a pid means the program never started.
      if (child.pid === undefined) {
        child.stdout.destroy();
        child.stderr.destroy();
        settle({ code: null, signal: null, error });
      }
    });
    child.once('exit', (code, signal) => {
      const exit = { code, signal };
      const grace = setTimeout(() => {
        // A process the gate left behind still holds its output: stop it and stop reading.
        killGroup('SIGKILL');
        child.stdout.destroy();
        child.stderr.destroy();
        settle(exit);
      }, STDIO_GRACE_MS);
      child.once('close', () => {
        clearTimeout(grace);
        settle(exit);
      });
    });
  });

  return {
    pid: child.pid,
    trackingId,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    killGroup,
  };
}

/**
 * Pids whose environment holds `RELEASE_GATES_TRACKING_ID=<id>`, read from /proc/<pid>/environ.
 * Linux only: elsewhere (no /proc) none, and the group kill is all a stop does. A process whose
 * environ cannot be read (another user's, gone meanwhile) is skipped.
 */
export function processesMarkedWith(trackingId: string): number[] {
  if (process.platform !== 'linux') return [];
  const { readdirSync, readFileSync } = process.getBuiltinModule('node:fs');
  const marker = `${TRACKING_VARIABLE}=${trackingId}`;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (environ.split('\0').includes(marker)) found.push(pid);
  }
  return found;
}
