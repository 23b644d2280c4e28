import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The branch checked out at or above `dir`, read from git's HEAD file, or undefined for a
 * detached HEAD or outside a repository. Reading the file instead of spawning
 * `git rev-parse` keeps a process spawn off every CLI start.
 */
export function checkedOutBranch(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const gitDir = gitDirAt(current);
    if (gitDir !== undefined) return branchFromHead(path.join(gitDir, 'HEAD'));
    if (path.dirname(current) === current) return undefined;
  }
}

/** `.git` is a directory, or a file pointing at one (worktrees, submodules). */
function gitDirAt(dir: string): string | undefined {
  const dotGit = path.join(dir, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    return pointer ? path.resolve(dir, pointer[1]!) : undefined;
  } catch {
    return undefined;
  }
}

function branchFromHead(headFile: string): string | undefined {
  try {
    const ref = /^ref:\s*refs\/heads\/(.+?)\s*$/.exec(readFileSync(headFile, 'utf8'));
    return ref ? ref[1] : undefined;
  } catch {
    return undefined;
  }
}
