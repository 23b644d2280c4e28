/**
 * `git` as a command-line tool, for the checks that need the index or the tags. Every call
 * is bounded (30 s, 64 MiB of output) and answers undefined when git is missing, the
 * directory is not a repository or git refuses (e.g. a dubious-ownership checkout).
 */
export function runGit(
  cwd: string,
  args: readonly string[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  // Loaded on first use, like the spawner's: a plan never starts a process.
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        timeout: 30_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
        windowsHide: true,
        ...(signal ? { signal } : {}),
      },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/**
 * Tracked files under `cwd`, relative to it (posix), or undefined when `cwd` is not inside
 * a git work tree.
 */
export async function gitTrackedFiles(
  cwd: string,
  signal?: AbortSignal,
): Promise<string[] | undefined> {
  const inside = await runGit(cwd, ['rev-parse', '--is-inside-work-tree'], signal);
  if (inside?.trim() !== 'true') return undefined;
  const out = await runGit(
    cwd,
    ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached'],
    signal,
  );
  if (out === undefined) return undefined;
  return [...new Set(out.split('\0').filter((file) => file !== ''))].sort();
}

/** Tag names, newest version first as git sorts them; undefined outside a repository. */
export async function gitTags(cwd: string, signal?: AbortSignal): Promise<string[] | undefined> {
  const out = await runGit(cwd, ['tag', '--list', '--sort=-v:refname'], signal);
  if (out === undefined) return undefined;
  return out
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
