import path from 'node:path';
import { PEM_BEGIN, PEM_END, TOKEN_PATTERNS } from '../../redact.js';
import { gitTrackedFiles } from '../git.js';
import {
  LineIndex,
  MAX_FILES,
  displayPath,
  inSkippedDir,
  isInside,
  mapLimit,
  plural,
  readText,
  readTextOrUndefined,
  toPosix,
  walkFiles,
} from '../scan.js';
import type { SecretsOptions } from '../secrets.js';
import type { CheckContext } from '../types.js';
import { allowed, fingerprint, parseAllowlist } from './allowlist.js';
import { type Kind, pemKind, tokenKind } from './kinds.js';

/** The detectors of redaction, as global regexes for scanning. */
const TOKEN_SCANNERS = TOKEN_PATTERNS.map((pattern) => new RegExp(pattern.source, 'g'));
const ANY_TOKEN = new RegExp(TOKEN_PATTERNS.map((pattern) => pattern.source).join('|'));
const PEM_BEGIN_ALL = new RegExp(PEM_BEGIN.source, 'g');

/** What the secrets rules read: every secret-shaped string that is not allowlisted. */
export interface SecretsInput {
  /** The allowlist option, for the messages. */
  allowlist: string;
  /** How many files were scanned, and whether they are git's tracked files. */
  scanned: number;
  tracked: boolean;
  /** The scan stopped at MAX_FILES files. */
  truncated: boolean;
  found: Secret[];
}

/** One secret-shaped string: where it is, what it looks like, its fingerprint. Never its value. */
export interface Secret {
  file: string;
  line: number;
  column: number;
  fingerprint: string;
  kind: Kind;
}

export async function readSecretsInput(
  options: SecretsOptions,
  ctx: CheckContext,
): Promise<SecretsInput> {
  const allowlistAbs = path.resolve(ctx.cwd, options.allowlist);
  const allowlist = parseAllowlist((await readTextOrUndefined(allowlistAbs)) ?? '');
  const roots = options.paths.map((p) => path.posix.normalize(p.replaceAll('\\', '/')));
  const inPaths = (relative: string) =>
    roots.some((root) => root === '.' || relative === root || relative.startsWith(`${root}/`));
  const wanted = (relative: string) =>
    inPaths(relative) &&
    !inSkippedDir(relative) &&
    path.resolve(ctx.cwd, relative) !== allowlistAbs;

  const tracked = await gitTrackedFiles(ctx);
  let files: string[];
  let truncated = false;
  if (tracked) {
    files = tracked.filter(wanted);
    ctx.log(`secrets: ${plural(files.length, 'tracked file')} (git ls-files)`);
  } else {
    const walk = await walkFiles(ctx.cwd, '.', { include: wanted, signal: ctx.signal });
    files = walk.files;
    truncated = walk.truncated;
    ctx.log(`secrets: not a git work tree; walking ${plural(files.length, 'file')}`);
  }
  if (files.length > MAX_FILES) {
    files = files.slice(0, MAX_FILES);
    truncated = true;
  }

  const skipped = { large: 0, binary: 0 };
  const perFile = await mapLimit(files, 16, async (relative): Promise<Secret[]> => {
    if (ctx.signal.aborted) return [];
    const absolute = path.join(ctx.cwd, relative);
    if (!isInside(relative)) return [];
    const result = await readText(absolute);
    if (!result.ok) {
      if (result.reason === 'too-large') skipped.large++;
      if (result.reason === 'binary') skipped.binary++;
      return [];
    }
    const file = displayPath(ctx.workspace, absolute);
    const names = [...new Set([toPosix(relative), file])];
    return scan(result.text, file, (line, print) => allowed(allowlist, names, line, print));
  });
  if (skipped.large > 0) ctx.log(`secrets: skipped ${plural(skipped.large, 'file')} over 1 MiB`);
  if (skipped.binary > 0) ctx.log(`secrets: skipped ${plural(skipped.binary, 'binary file')}`);
  return {
    allowlist: options.allowlist,
    scanned: files.length,
    tracked: tracked !== undefined,
    truncated,
    found: perFile.flat(),
  };
}

/** The secret-shaped strings of one file, one per place, that `isAllowed` does not excuse. */
export function scan(
  text: string,
  file: string,
  isAllowed: (line: number, print: string) => boolean,
): Secret[] {
  if (!ANY_TOKEN.test(text) && !text.includes('PRIVATE KEY')) return [];
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  const found: Secret[] = [];
  const add = (offset: number, secret: string, kind: Kind) => {
    const line = lines.line(offset);
    const column = lines.column(offset);
    const print = fingerprint(secret);
    if (seen.has(`${line}:${column}`) || isAllowed(line, print)) return;
    seen.add(`${line}:${column}`);
    found.push({ file, line, column, fingerprint: print, kind });
  };
  for (const scanner of TOKEN_SCANNERS) {
    for (const match of text.matchAll(scanner)) add(match.index, match[0], tokenKind(match[0]));
  }
  for (const match of text.matchAll(PEM_BEGIN_ALL)) {
    const rest = text.slice(match.index);
    const end = PEM_END.exec(rest);
    const block = end ? rest.slice(0, end.index + end[0].length) : rest;
    add(match.index, block, pemKind(match[0]));
  }
  return found;
}
