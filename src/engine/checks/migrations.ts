import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import {
  LineIndex,
  displayPath,
  isSuppressed,
  plural,
  readTextOrUndefined,
  relativePathOption,
  sortFindings,
  walkFiles,
} from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export const migrationsOptions = z.strictObject({
  path: relativePathOption.optional(),
});
export type MigrationsOptions = z.output<typeof migrationsOptions>;

export const migrationsCheck: CheckDefinition<MigrationsOptions> = {
  id: 'migrations',
  title: 'Alembic migrations form one linear history',
  defaultPriority: 'P1',
  defaultStage: 'test',
  options: migrationsOptions,
  run: runMigrations,
};

const VERSIONS_DIR = /^(?:(.*)\/)?(?:alembic|migrations)\/versions$/;

export interface Revision {
  file: string;
  lines: LineIndex;
  id: string;
  idLine: number;
  down: string[];
  downLine: number;
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

async function runMigrations(options: MigrationsOptions, ctx: CheckContext): Promise<CheckResult> {
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
  if (dirs.size === 0) {
    return {
      passed: false,
      summary:
        'No alembic/versions or migrations/versions directory was found; set the path option to the versions directory.',
      findings: [],
    };
  }

  const findings: ToolFinding[] = [];
  const add = (revision: Revision, line: number, ruleId: string, message: string) => {
    if (isSuppressed(revision.lines, line, ruleId)) return;
    findings.push({ tool: 'migrations', file: revision.file, line, ruleId, message });
  };
  const reports: string[] = [];
  const problems: string[] = [];
  for (const dir of [...dirs].sort()) {
    const dirAbs = path.resolve(ctx.cwd, dir);
    const dirName = displayPath(ctx.workspace, dirAbs);
    const walk = await walkFiles(ctx.cwd, dir, {
      include: (relative) => relative.endsWith('.py'),
      signal: ctx.signal,
    });
    if (walk.files.length === 0 && options.path !== undefined) {
      problems.push(`${dirName} holds no revision files`);
      continue;
    }
    const findingsBefore = findings.length;
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

    // Duplicate ids: the first file (by path) keeps the id, the others are reported.
    const byId = new Map<string, Revision>();
    let duplicates = 0;
    for (const revision of revisions) {
      const first = byId.get(revision.id);
      if (first) {
        duplicates++;
        add(
          revision,
          revision.idLine,
          'migrations/duplicate-revision',
          `revision ${revision.id} is also defined in ${first.file}; give one of them a new id`,
        );
      } else {
        byId.set(revision.id, revision);
      }
    }

    let unknown = 0;
    const referenced = new Set<string>();
    for (const revision of revisions) {
      for (const down of revision.down) {
        referenced.add(down);
        if (!byId.has(down)) {
          unknown++;
          add(
            revision,
            revision.downLine,
            'migrations/unknown-down-revision',
            `down_revision ${down} of revision ${revision.id} does not exist in ${dirName}`,
          );
        }
      }
    }

    const heads = [...byId.values()].filter((revision) => !referenced.has(revision.id));
    if (heads.length > 1) {
      const ids = heads.map((head) => head.id).join(', ');
      for (const head of heads) {
        add(
          head,
          head.idLine,
          'migrations/multiple-heads',
          `revision ${head.id} is one of ${heads.length} heads (${ids}); merge them with \`alembic merge heads\``,
        );
      }
    } else if (heads.length === 0 && byId.size > 0) {
      const first = [...byId.values()][0]!;
      add(
        first,
        first.idLine,
        'migrations/no-head',
        `the revisions in ${dirName} form a cycle: no revision is a head`,
      );
    }

    const reported = findings.length > findingsBefore;
    const dirProblems: string[] = [];
    if (heads.length > 1)
      dirProblems.push(`${heads.length} heads (${heads.map((h) => h.id).join(', ')})`);
    if (heads.length === 0 && byId.size > 0) dirProblems.push('no head (a cycle)');
    if (unknown > 0) dirProblems.push(plural(unknown, 'unknown down_revision'));
    if (duplicates > 0) dirProblems.push(plural(duplicates, 'duplicate revision id'));
    if (dirProblems.length > 0 && reported)
      problems.push(`${dirName} has ${dirProblems.join(', ')}`);
    else if (dirProblems.length > 0) {
      reports.push(
        `${dirName} has ${dirProblems.join(', ')}, all silenced by release-gates-ignore`,
      );
    } else if (heads.length === 1) {
      reports.push(
        `${plural(byId.size, 'revision')} in ${dirName} with the single head ${heads[0]!.id}`,
      );
    } else reports.push(`no revisions in ${dirName}`);
  }

  if (problems.length === 0) {
    return {
      passed: true,
      summary: `One linear history: ${reports.join('; ')}.`,
      findings,
    };
  }
  return {
    passed: false,
    summary: `${problems.join('; ')}.`,
    findings: sortFindings(findings),
  };
}
