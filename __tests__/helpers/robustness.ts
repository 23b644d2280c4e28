import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from './fixtures.js';

/*
 * Small helpers for the robustness e2e tests (__tests__/e2e/robustness-*.test.ts): process
 * memory, throw-away file systems, and checks that a process failed cleanly.
 */

/** Lines of a Node.js stack trace (`    at fn (file:1:2)`) or an unhandled rejection. */
export const STACK_LINE = /^\s+at \S/m;
export const UNHANDLED = /UnhandledPromiseRejection|unhandled rejection|Unhandled promise/i;

/** The stack-trace and unhandled-rejection lines found in `text` (empty when clean). */
export function crashLines(text: string): string[] {
  return text.split('\n').filter((line) => STACK_LINE.test(line) || UNHANDLED.test(line));
}

/** A fresh workspace with `.github/release-gates.yml` = `config` and any extra files. */
export async function makeWorkspace(
  config: string,
  files: Record<string, string> = {},
): Promise<string> {
  const root = await makeTempDir('rg-robust-ws-');
  const workspace = path.join(root, 'repo');
  await mkdir(path.join(workspace, '.github'), { recursive: true });
  await writeFile(path.join(workspace, '.github', 'release-gates.yml'), config);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await writeFile(path.join(workspace, name), text);
  }
  return workspace;
}

/** A memory field of /proc/<pid>/status in bytes (VmHWM = peak RSS), or undefined. */
export function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface PeakRssWatch {
  /** Stops polling; returns the highest VmHWM seen (bytes) and how many samples were read. */
  stop(): { peakBytes: number; samples: number };
}

/**
 * Polls VmHWM of `pid` every `intervalMs` until stopped. VmHWM is the kernel's own high-water
 * mark, so a short spike between two samples is still caught by the next sample.
 */
export function watchPeakRss(pid: number, intervalMs = 20): PeakRssWatch {
  let peak = 0;
  let samples = 0;
  const sample = () => {
    const value = procStatusBytes(pid, 'VmHWM');
    if (value !== undefined) {
      samples++;
      peak = Math.max(peak, value);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes: peak, samples };
    },
  };
}

/**
 * Mounts a tmpfs of `sizeBytes` on a fresh directory and returns it, or undefined when this
 * sandbox does not allow mounts (not root, no CAP_SYS_ADMIN). Unmount with unmount().
 */
export async function tryMountTmpfs(sizeBytes: number): Promise<string | undefined> {
  const dir = path.join(await makeTempDir('rg-robust-tmpfs-'), 'mnt');
  await mkdir(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], {
      stdio: 'ignore',
      timeout: 5000,
    });
    return dir;
  } catch {
    return undefined;
  }
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // Not mounted (any more).
  }
}

/**
 * A file nobody may write, this process included. As root (the usual CI container), mode bits
 * do not stop a write, so chmod 444 proves nothing; /proc/version is read-only for root too
 * (the kernel has no write handler for it: open succeeds, write fails with EIO). Elsewhere a
 * chmod 444 temp file does the same.
 */
export async function readOnlyFile(): Promise<string> {
  if (process.getuid?.() === 0 && existsSync('/proc/version')) return '/proc/version';
  const file = path.join(await makeTempDir('rg-robust-ro-'), 'read-only');
  await writeFile(file, '');
  await chmod(file, 0o444);
  return file;
}

/** Pids written by gates as whitespace separated numbers in every file under `dir`. */
export function pidsInFiles(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) =>
    readFileSync(path.join(dir, name), 'utf8')
      .split(/\s+/)
      .filter((word) => /^\d+$/.test(word))
      .map(Number),
  );
}
