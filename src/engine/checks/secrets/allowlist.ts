import { matchesPathGlobs } from '../scan.js';

/** The allowlist file: fingerprints, `path:line` places and path globs that are not secrets. */
export interface Allowlist {
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

/** Whether the secret `print` at `line` of a file known by `names` is allowlisted. */
export function allowed(list: Allowlist, names: readonly string[], line: number, print: string) {
  if (list.fingerprints.has(print)) return true;
  return names.some(
    (name) => list.places.has(`${name}:${line}`) || matchesPathGlobs(name, list.globs),
  );
}

/** A stable, one-way name for a secret: the first 16 hex digits of its SHA-256. */
export function fingerprint(secret: string): string {
  // Loaded on first use: node:crypto costs every start-up ~5 ms, and few runs scan for secrets.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16)}`;
}
