import type { Spawner } from '../process.js';
import type { CheckContext } from './types.js';

/** What the git helpers need of a check's context. */
export type GitContext = Pick<CheckContext, 'spawn' | 'cwd' | 'env' | 'signal'>;

export interface GitLimits {
  /** After this long the process group is killed (SIGKILL) and the call answers undefined. */
  timeoutMs: number;
  /** More stdout than this kills the process group and answers undefined. */
  maxOutputBytes: number;
}

export const GIT_LIMITS: GitLimits = { timeoutMs: 30_000, maxOutputBytes: 64 * 1024 * 1024 };

/**
 * `git` as a command-line tool, for the checks that need the index or the tags, started with
 * the engine's spawner in its own process group. Every call is bounded (30 s, 64 MiB of
 * output) and answers undefined when git is missing, the directory is not a repository, git
 * refuses (e.g. a dubious-ownership checkout), a limit is hit or `signal` aborts (which kills
 * the group). git gets `env` as it is: the gate's environment, whose PATH finds it (without
 * a PATH the system's default search path applies).
 */
export function runGit(
  spawn: Spawner,
  cwd: string,
  args: readonly string[],
  signal: AbortSignal | undefined,
  env: Record<string, string>,
  limits: GitLimits = GIT_LIMITS,
): Promise<string | undefined> {
  if (signal?.aborted) return Promise.resolve(undefined);
  let child: ReturnType<Spawner>;
  try {
    child = spawn({ argv: ['git', ...args], cwd, env });
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (output: string | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      child.stdout.removeListener('data', onData);
      // Nothing more is kept, but the pipes are drained so the process never blocks on them.
      child.stdout.resume();
      resolve(output);
    };
    // Killed: answer at once, without waiting for the group to be reaped.
    const kill = () => {
      child.killGroup('SIGKILL');
      finish(undefined);
    };
    const onAbort = () => kill();
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > limits.maxOutputBytes) kill();
      else chunks.push(buffer);
    };
    const timer = setTimeout(kill, limits.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', onData);
    child.stderr.resume();
    child.exited.then(
      (exit) =>
        finish(
          exit.error || exit.code !== 0 || exit.signal
            ? undefined
            : Buffer.concat(chunks).toString('utf8'),
        ),
      () => finish(undefined),
    );
  });
}

/**
 * Tracked files under the context's `cwd`, relative to it (posix), or undefined when `cwd`
 * is not inside a git work tree.
 */
export async function gitTrackedFiles(ctx: GitContext): Promise<string[] | undefined> {
  const git = (args: string[]) => runGit(ctx.spawn, ctx.cwd, args, ctx.signal, ctx.env);
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() !== 'true') return undefined;
  const out = await git(['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached']);
  if (out === undefined) return undefined;
  return [...new Set(out.split('\0').filter((file) => file !== ''))].sort();
}

/** Tag names, newest version first as git sorts them; undefined outside a repository. */
export async function gitTags(ctx: GitContext): Promise<string[] | undefined> {
  const out = await runGit(
    ctx.spawn,
    ctx.cwd,
    ['tag', '--list', '--sort=-v:refname'],
    ctx.signal,
    ctx.env,
  );
  if (out === undefined) return undefined;
  return out
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
