import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { PEM_BEGIN, PEM_END, TOKEN_PATTERNS } from '../redact.js';
import { gitTrackedFiles } from './git.js';
import {
  LineIndex,
  MAX_FILES,
  displayPath,
  inSkippedDir,
  isInside,
  mapLimit,
  matchesGlob,
  plural,
  readText,
  readTextOrUndefined,
  relativePathOption,
  sortFindings,
  toPosix,
  walkFiles,
} from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export const secretsOptions = z.strictObject({
  allowlist: relativePathOption.default('.release-gates-allowlist'),
  paths: z.array(relativePathOption).min(1).default(['.']),
});
export type SecretsOptions = z.output<typeof secretsOptions>;

export const secretsCheck: CheckDefinition<SecretsOptions> = {
  id: 'secrets',
  title: 'No token- or key-shaped secrets in committed files',
  defaultPriority: 'P0',
  defaultStage: 'security',
  options: secretsOptions,
  run: runSecrets,
};

/** The detectors of redaction, as global regexes for scanning. */
const TOKEN_SCANNERS = TOKEN_PATTERNS.map((pattern) => new RegExp(pattern.source, 'g'));
const ANY_TOKEN = new RegExp(TOKEN_PATTERNS.map((pattern) => pattern.source).join('|'));
const PEM_BEGIN_ALL = new RegExp(PEM_BEGIN.source, 'g');

interface Kind {
  /** Named in the message: "GitHub token", "AWS access key id", "private key". */
  name: string;
  rule: string;
}

/** What a matched token is, from its shape. Never returns any part of the token. */
export function tokenKind(token: string): Kind {
  if (/^gh[pousr]_/.test(token)) return { name: 'GitHub token', rule: 'secrets/github-token' };
  if (token.startsWith('github_pat_')) {
    return { name: 'GitHub fine-grained token', rule: 'secrets/github-token' };
  }
  if (/^(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)/.test(token)) {
    return { name: 'AWS access key id', rule: 'secrets/aws-access-key-id' };
  }
  if (token.startsWith('xox')) return { name: 'Slack token', rule: 'secrets/slack-token' };
  if (token.startsWith('https://hooks.slack.com/')) {
    return { name: 'Slack webhook URL', rule: 'secrets/slack-webhook' };
  }
  if (token.startsWith('eyJ')) return { name: 'JSON Web Token', rule: 'secrets/jwt' };
  return { name: 'token', rule: 'secrets/token' };
}

function pemKind(header: string): Kind {
  const words = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY/.exec(header)?.[1]?.trim() ?? '';
  const names: Record<string, string> = {
    RSA: 'RSA private key',
    EC: 'EC private key',
    DSA: 'DSA private key',
    OPENSSH: 'OpenSSH private key',
    PGP: 'PGP private key',
    ENCRYPTED: 'encrypted private key',
  };
  return { name: names[words] ?? 'private key', rule: 'secrets/private-key' };
}

/** A stable, one-way name for a secret: the first 16 hex digits of its SHA-256. */
export function fingerprint(secret: string): string {
  // Loaded on first use: node:crypto costs every start-up ~5 ms, and few runs scan for secrets.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16)}`;
}

interface Allowlist {
  fingerprints: Set<string>;
  places: Set<string>;
  globs: string[];
}

export function parseAllowlist(text: string): Allowlist {
  const list: Allowlist = { fingerprints: new Set(), places: new Set(), globs: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^sha256:[0-9a-f]{16,64}$/i.test(line)) {
      list.fingerprints.add(line.toLowerCase().slice(0, 'sha256:'.length + 16));
    } else if (/^.+:\d+$/.test(line)) {
      list.places.add(line.replace(/^\.\//, ''));
    } else {
      list.globs.push(line);
    }
  }
  return list;
}

function allowed(list: Allowlist, names: readonly string[], line: number, print: string) {
  if (list.fingerprints.has(print)) return true;
  return names.some(
    (name) =>
      list.places.has(`${name}:${line}`) || list.globs.some((glob) => matchesGlob(name, glob)),
  );
}

async function runSecrets(options: SecretsOptions, ctx: CheckContext): Promise<CheckResult> {
  const allowlistAbs = path.resolve(ctx.cwd, options.allowlist);
  const allowlistText = await readTextOrUndefined(allowlistAbs);
  const allowlist = parseAllowlist(allowlistText ?? '');
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
  const findings: ToolFinding[] = [];
  const kinds = new Set<string>();
  const filesWithSecrets = new Set<string>();
  await mapLimit(files, 16, async (relative) => {
    if (ctx.signal.aborted) return;
    const absolute = path.join(ctx.cwd, relative);
    if (!isInside(relative)) return;
    const result = await readText(absolute);
    if (!result.ok) {
      if (result.reason === 'too-large') skipped.large++;
      if (result.reason === 'binary') skipped.binary++;
      return;
    }
    const text = result.text;
    if (!ANY_TOKEN.test(text) && !text.includes('PRIVATE KEY')) return;
    const file = displayPath(ctx.workspace, absolute);
    const names = [...new Set([toPosix(relative), file])];
    const lines = new LineIndex(text);
    const seen = new Set<string>();
    const report = (offset: number, secret: string, kind: Kind) => {
      const line = lines.line(offset);
      const column = lines.column(offset);
      const print = fingerprint(secret);
      if (seen.has(`${line}:${column}`) || allowed(allowlist, names, line, print)) return;
      seen.add(`${line}:${column}`);
      kinds.add(kind.name);
      filesWithSecrets.add(file);
      findings.push({
        tool: 'secrets',
        file,
        line,
        column,
        ruleId: kind.rule,
        message: `${kind.name} committed here (fingerprint ${print}); revoke it and remove it, or allowlist the fingerprint in ${options.allowlist} if it is not a secret`,
      });
    };
    for (const scanner of TOKEN_SCANNERS) {
      for (const match of text.matchAll(scanner)) {
        report(match.index, match[0], tokenKind(match[0]));
      }
    }
    for (const match of text.matchAll(PEM_BEGIN_ALL)) {
      const rest = text.slice(match.index);
      const end = PEM_END.exec(rest);
      const block = end ? rest.slice(0, end.index + end[0].length) : rest;
      report(match.index, block, pemKind(match[0]));
    }
  });
  if (skipped.large > 0) ctx.log(`secrets: skipped ${plural(skipped.large, 'file')} over 1 MiB`);
  if (skipped.binary > 0) ctx.log(`secrets: skipped ${plural(skipped.binary, 'binary file')}`);

  const cut = truncated ? ` (stopped at ${MAX_FILES} files)` : '';
  const source = tracked ? 'tracked file' : 'file';
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `No token- or private-key-shaped secrets in ${plural(files.length, source)}${cut}.`,
      findings,
    };
  }
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'secret')} (${[...kinds].sort().join(', ')}) in ${plural(filesWithSecrets.size, 'file')}${cut}; the findings name file and line, never the value.`,
    findings: sortFindings(findings),
  };
}
