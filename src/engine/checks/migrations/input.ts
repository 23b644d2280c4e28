import path from 'node:path';
import type { MigrationsOptions } from '../migrations.js';
import { LineIndex, displayPath, readTextOrUndefined, walkFiles } from '../scan.js';
import type { CheckContext } from '../types.js';

const VERSIONS_DIR = /^(?:(.*)\/)?(?:alembic|migrations)\/versions$/;

export interface Revision {
  file: string;
  lines: LineIndex;
  id: string;
  idLine: number;
  down: string[];
  downLine: number;
}

/** One versions directory, its revisions and the history they form. */
export interface History {
  /** Relative to the workspace. */
  dir: string;
  /** No `*.py` file at all (only reported for a directory named by the `path` option). */
  empty: boolean;
  /** By path. */
  revisions: Revision[];
  /** The first revision (by path) of each id. */
  byId: Map<string, Revision>;
  /** Later revisions that reuse an id, with the one that keeps it. */
  duplicates: { revision: Revision; first: Revision }[];
  /** down_revisions that name no revision of the directory. */
  unknown: { revision: Revision; down: string }[];
  /** Revisions that are no revision's down_revision. */
  heads: Revision[];
}

/** `revision = "..."` and `down_revision = None | "..." | ("a", "b")`, typed or not. */
export function parseRevision(text: string): Omit<Revision, 'file' | 'lines'> | undefined {
  const lines = new LineIndex(text);
  const revision = /^revision\s*(?::[^=\n]+)?=\s*[rRuU]?(['"])([^'"\n]+)\1/m.exec(text);
  if (!revision) return undefined;
  const down = /^down_revision\s*(?::[^=\n]+)?=\s*/m.exec(text);
  let ids: string[] = [];
  let downLine = lines.line(revision.index);
  if (down) {
    downLine = lines.line(down.index);
    const rest = text.slice(down.index + down[0].length);
    let value: string;
    if (rest.startsWith('(') || rest.startsWith('[')) {
      const close = rest.indexOf(rest.startsWith('(') ? ')' : ']');
      value = close < 0 ? rest : rest.slice(0, close + 1);
    } else {
      value = rest.split('\n')[0]!.replace(/\s#.*$/, '');
    }
    ids = [...value.matchAll(/(['"])([^'"\n]+)\1/g)].map((match) => match[2]!);
  }
  return { id: revision[2]!, idLine: lines.line(revision.index), down: ids, downLine };
}

/**
 * The versions directories (the `path` option's, else every `alembic/versions` and
 * `migrations/versions` below the working directory), sorted, each with its history.
 */
export async function readHistories(
  options: MigrationsOptions,
  ctx: CheckContext,
): Promise<History[]> {
  const dirs = new Set<string>();
  if (options.path !== undefined) {
    dirs.add(path.posix.normalize(options.path.replaceAll('\\', '/')).replace(/\/$/, ''));
  } else {
    const walk = await walkFiles(ctx.cwd, '.', {
      include: (relative) => /(?:^|\/)(?:alembic|migrations)\/versions\//.test(relative),
      signal: ctx.signal,
    });
    for (const file of walk.files) {
      const parts = file.split('/');
      for (let i = parts.length - 1; i > 0; i--) {
        const dir = parts.slice(0, i).join('/');
        if (VERSIONS_DIR.test(dir)) {
          dirs.add(dir);
          break;
        }
      }
    }
  }
  const histories: History[] = [];
  for (const dir of [...dirs].sort()) {
    const walk = await walkFiles(ctx.cwd, dir, {
      include: (relative) => relative.endsWith('.py'),
      signal: ctx.signal,
    });
    const revisions: Revision[] = [];
    for (const relative of walk.files) {
      const absolute = path.join(ctx.cwd, relative);
      const text = await readTextOrUndefined(absolute);
      if (text === undefined) continue;
      const parsed = parseRevision(text);
      if (!parsed) {
        if (!relative.endsWith('__init__.py'))
          ctx.log(`migrations: ${relative}: no revision = "..."; skipped`);
        continue;
      }
      revisions.push({
        ...parsed,
        file: displayPath(ctx.workspace, absolute),
        lines: new LineIndex(text),
      });
    }
    histories.push({
      ...history(revisions),
      dir: displayPath(ctx.workspace, path.resolve(ctx.cwd, dir)),
      empty: walk.files.length === 0,
    });
  }
  return histories;
}

function history(revisions: Revision[]): Omit<History, 'dir' | 'empty'> {
  const byId = new Map<string, Revision>();
  const duplicates: History['duplicates'] = [];
  for (const revision of revisions) {
    const first = byId.get(revision.id);
    if (first) duplicates.push({ revision, first });
    else byId.set(revision.id, revision);
  }
  const unknown: History['unknown'] = [];
  const referenced = new Set<string>();
  for (const revision of revisions) {
    for (const down of revision.down) {
      referenced.add(down);
      if (!byId.has(down)) unknown.push({ revision, down });
    }
  }
  const heads = [...byId.values()].filter((revision) => !referenced.has(revision.id));
  return { revisions, byId, duplicates, unknown, heads };
}
