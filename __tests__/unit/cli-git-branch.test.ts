import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkedOutBranch } from '../../src/app/git-branch.js';

/* The CLI reads the branch from git's own files; real git makes the repositories. */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-branch-'));
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function repoOn(branch: string): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', branch);
  writeFileSync(path.join(dir, 'file'), 'x');
  git(dir, 'add', 'file');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

describe('checkedOutBranch', () => {
  it('names the branch git names, slashes included', () => {
    const dir = repoOn('release/1.2');
    expect(checkedOutBranch(dir)).toBe(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD'));
    expect(checkedOutBranch(dir)).toBe('release/1.2');
  });

  it('finds the repository from a subdirectory', () => {
    const dir = repoOn('main');
    mkdirSync(path.join(dir, 'apps', 'api'), { recursive: true });
    expect(checkedOutBranch(path.join(dir, 'apps', 'api'))).toBe('main');
  });

  it('follows the .git file of a linked worktree', () => {
    const dir = repoOn('main');
    const worktree = path.join(tempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'feature/x', worktree);
    expect(checkedOutBranch(worktree)).toBe('feature/x');
    expect(checkedOutBranch(dir)).toBe('main');
  });

  it('is undefined on a detached HEAD, as `git rev-parse --abbrev-ref` gives HEAD', () => {
    const dir = repoOn('main');
    git(dir, 'checkout', '-q', '--detach');
    expect(checkedOutBranch(dir)).toBeUndefined();
  });

  it('is undefined outside a repository and for a broken .git file', () => {
    const dir = tempDir();
    expect(checkedOutBranch(dir)).toBeUndefined();
    writeFileSync(path.join(dir, '.git'), 'not a pointer\n');
    expect(checkedOutBranch(dir)).toBeUndefined();
  });
});
