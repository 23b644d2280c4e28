import type { ProcessExit, SpawnedProcess, SpawnRequest } from '../engine/process.js';

/** After the shell exits, how long its output may stay open (a grandchild holding it). */
const STDIO_GRACE_MS = 250;

/**
 * Starts each gate in its own process group (detached), so that a timeout or a cancel
 * can signal the gate and every process it started.
 */
export function spawnInProcessGroup(request: SpawnRequest): SpawnedProcess {
  const [program, ...args] = request.argv;
  // Loaded on the first spawn: node:child_process (with net and dgram) costs every start-up
  // several ms, and a plan or a probe-only run never starts a process.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(program!, args, {
    cwd: request.cwd,
    env: request.env,
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

  return { pid: child.pid, stdout: child.stdout, stderr: child.stderr, exited, killGroup };
}
