import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { globToRegExp, matchesInOrder } from '../glob.js';

/*
 * Shared helpers of the built-in checks. Checks run in-process, so everything here is
 * bounded: directories that hold dependencies or build output are skipped, files larger
 * than MAX_FILE_BYTES are not read and a walk stops after MAX_FILES files.
 */

/** Directories no check walks into. */
export const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  '.venv',
  'venv',
  '__pycache__',
  '.release-gates',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.next',
  '.turbo',
  'coverage',
]);
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_FILES = 20_000;
/** Directory entries a walk looks at before it gives up, whatever it keeps. */
const MAX_ENTRIES = 200_000;

/** A path option: relative, inside the workspace. */
export const relativePathOption = z
  .string()
  .min(1, { error: 'expected a non-empty path relative to the working directory' })
  .refine((value) => isInside(value), { error: 'expected a path inside the workspace' });

export function isInside(relative: string): boolean {
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) return false;
  const normalized = path.posix.normalize(relative.replaceAll('\\', '/'));
  return normalized !== '..' && !normalized.startsWith('../');
}

export const toPosix = (value: string) => value.split(path.sep).join('/');

/** A path for a finding: relative to the workspace, posix. */
export function displayPath(workspace: string, absolute: string): string {
  const relative = toPosix(path.relative(workspace, absolute));
  return relative === '' ? '.' : relative;
}

export interface WalkResult {
  /** Posix paths relative to the walk's root, sorted. */
  files: string[];
  /** The walk stopped at the file or entry limit. */
  truncated: boolean;
}

/**
 * Files under `root`/`start` (a directory or a single file), relative to `root`. Skips
 * SKIP_DIRS and symbolic links; keeps at most `maxFiles` files for which `include` says yes.
 */
export async function walkFiles(
  root: string,
  start = '.',
  options: {
    include?: (relative: string) => boolean;
    maxFiles?: number;
    signal?: AbortSignal;
  } = {},
): Promise<WalkResult> {
  const maxFiles = options.maxFiles ?? MAX_FILES;
  const include = options.include ?? (() => true);
  const files: string[] = [];
  const first = path.resolve(root, start);
  const info = await stat(first).catch(() => undefined);
  if (!info) return { files, truncated: false };
  if (info.isFile()) {
    const relative = toPosix(path.relative(root, first));
    if (include(relative)) files.push(relative);
    return { files, truncated: false };
  }
  let entriesSeen = 0;
  const pending = [first];
  while (pending.length > 0) {
    if (options.signal?.aborted) break;
    const dir = pending.pop()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      if (++entriesSeen > MAX_ENTRIES) return { files: files.sort(), truncated: true };
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) pending.push(absolute);
      } else if (entry.isFile()) {
        const relative = toPosix(path.relative(root, absolute));
        if (!include(relative)) continue;
        if (files.length >= maxFiles) return { files: files.sort(), truncated: true };
        files.push(relative);
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/** True when one of the path's directories is in SKIP_DIRS. */
export function inSkippedDir(relative: string): boolean {
  const parts = relative.split('/');
  return parts.slice(0, -1).some((part) => SKIP_DIRS.has(part));
}

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' | 'too-large' | 'binary' | 'not-a-file' };

/** Reads a text file of at most `maxBytes`; binary files (a NUL byte early on) are refused. */
export async function readText(absolute: string, maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(absolute, 'r');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-a-file' };
    if (info.size > maxBytes) return { ok: false, reason: 'too-large' };
    const buffer = await handle.readFile();
    if (buffer.subarray(0, 8000).includes(0)) return { ok: false, reason: 'binary' };
    return { ok: true, text: buffer.toString('utf8') };
  } finally {
    await handle.close();
  }
}

/** Reads a text file, or undefined when it is missing, too large or binary. */
export async function readTextOrUndefined(absolute: string): Promise<string | undefined> {
  const result = await readText(absolute);
  return result.ok ? result.text : undefined;
}

/** Maps offsets in a text to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  line(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]! + 1;
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const end = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(start, end - 1).replace(/\r$/, '');
  }
}

const IGNORE_MARKER = /release-gates-ignore\b:?([^\n]*)/;

/**
 * A `release-gates-ignore` comment at the end of the line, or on a line of its own just above
 * it, silences a finding: without a list it silences every rule, with a list
 * (`release-gates-ignore: compose/latest-tag, compose/no-healthcheck`, or the check id) only
 * those.
 */
export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  const checkId = ruleId.split('/')[0]!;
  for (const candidate of [line, line - 1]) {
    if (candidate < 1) continue;
    const text = lines.lineText(candidate);
    // The line above counts only when it is a comment of its own.
    if (candidate !== line && !/^\s*(?:#|\/\/|\/\*|\*|<!--)/.test(text)) continue;
    const match = IGNORE_MARKER.exec(text);
    if (!match) continue;
    const names = (match[1] ?? '')
      .split(/[\s,]+/)
      .filter((word) => word.includes('/') || /^[a-z][a-z0-9-]*$/.test(word));
    const rules = names.filter((word) => word.includes('/') || word === checkId);
    if (rules.length === 0 || rules.includes(ruleId) || rules.includes(checkId)) return true;
  }
  return false;
}

/**
 * Matches a posix path against a glob with GitHub's filter-pattern semantics (src/engine/glob.ts).
 * A pattern without a slash matches the file's name in any directory; one ending in `/`
 * matches everything below it.
 */
export function matchesGlob(relative: string, pattern: string): boolean {
  const cleaned = pattern.replace(/^\.\//, '');
  if (!cleaned.includes('/')) return globToRegExp(cleaned).test(path.posix.basename(relative));
  if (cleaned.endsWith('/')) return matchesGlob(relative, `${cleaned}**`);
  return globToRegExp(cleaned).test(relative);
}

/** An ordered list of path globs: a `!` pattern excludes, a later positive one includes again. */
export function matchesPathGlobs(relative: string, patterns: readonly string[]): boolean {
  return matchesInOrder(patterns, (pattern) => matchesGlob(relative, pattern));
}

export const hasGlobMagic = (pattern: string) => /[*?+[\\]/.test(pattern);

/**
 * Files matching glob patterns relative to `root`, in the order of the patterns (each
 * pattern's matches sorted). Patterns without magic are checked for existence; others walk
 * the tree (bounded, SKIP_DIRS skipped) from their fixed prefix.
 */
export async function expandGlobs(
  root: string,
  patterns: readonly string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const found = new Set<string>();
  for (const raw of patterns) {
    if (raw.startsWith('!')) {
      // Excludes what the patterns before it found; a later pattern may find it again.
      for (const file of found) if (matchesGlob(file, raw.slice(1))) found.delete(file);
      continue;
    }
    const pattern = raw.replace(/^\.\//, '');
    if (!hasGlobMagic(pattern)) {
      const info = await stat(path.join(root, pattern)).catch(() => undefined);
      if (info?.isFile()) found.add(toPosix(path.posix.normalize(pattern)));
      continue;
    }
    const segments = pattern.split('/');
    const fixed: string[] = [];
    for (const segment of segments) {
      if (hasGlobMagic(segment)) break;
      fixed.push(segment);
    }
    const start = fixed.length > 0 ? fixed.join('/') : '.';
    const { files } = await walkFiles(root, start, {
      include: (relative) =>
        matchesGlob(relative, pattern.includes('/') ? pattern : `**/${pattern}`),
      ...(signal ? { signal } : {}),
    });
    for (const file of files) found.add(file);
  }
  return [...found];
}

/** Findings in a stable order: file, line, column, rule. */
export function sortFindings(findings: ToolFinding[]): ToolFinding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.ruleId ?? '').localeCompare(b.ruleId ?? ''),
  );
}

/** Runs `worker` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;
