import path from 'node:path';

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\)/;
const CACHE_LIMIT = 4096;

/** Maps a path as a tool printed it to the form a finding stores. */
export type PathNormaliser = (printed: string) => string;

/**
 * Resolves a printed path against the gate's `cwd`, then makes it relative to `workspace` as a
 * posix path. A path outside the workspace is returned exactly as printed. Windows-style
 * workspaces (`D:\a\repo\repo`) are handled with win32 semantics on any platform.
 */
export function createPathNormaliser(workspace: string, cwd: string): PathNormaliser {
  const windows = WINDOWS_ABSOLUTE.test(workspace);
  const flavour = windows ? path.win32 : path.posix;
  const root = flavour.resolve(workspace);
  const base = flavour.resolve(root, cwd);
  const cache = new Map<string, string>();

  return (printed) => {
    const known = cache.get(printed);
    if (known !== undefined) return known;
    const relative = flavour.relative(root, flavour.resolve(base, printed));
    const outside =
      relative === '' ||
      relative === '..' ||
      relative.startsWith(`..${flavour.sep}`) ||
      flavour.isAbsolute(relative);
    const result = outside ? printed : windows ? relative.replaceAll('\\', '/') : relative;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(printed, result);
    return result;
  };
}
