import path from 'node:path';
import { matchesGlobs } from '../../glob.js';
import type { EnvExampleOptions } from '../env-example.js';
import { gitTrackedFiles } from '../git.js';
import {
  LineIndex,
  displayPath,
  inSkippedDir,
  matchesPathGlobs,
  plural,
  readTextOrUndefined,
  walkFiles,
} from '../scan.js';
import type { CheckContext } from '../types.js';
import { pydanticReads } from './pydantic.js';
import { NAME, type Read, composeReads, jsReads, pythonReads } from './reads.js';

const CODE_FILE = /\.(?:py|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const COMPOSE_FILE = /^(?:docker-)?compose[\w.-]*\.ya?ml$/;
/** `.env`, `.env.production`, `.env.local`, ... but not templates. */
const ENV_FILE = /^\.env(?:\..+)?$/;
const ENV_TEMPLATE = /\.(?:example|sample|template|tpl|dist|defaults)$/;

/** A compose file by its name; workflow files under .github/ are not, whatever their name. */
const isComposeFile = (relative: string) =>
  COMPOSE_FILE.test(path.posix.basename(relative)) && !/(?:^|\/)\.github\//.test(relative);

/** What the env-example rules read. */
export interface EnvExampleInput {
  options: EnvExampleOptions;
  example: {
    /** Relative to the workspace. */
    file: string;
    exists: boolean;
    lines: LineIndex;
    /** The names it lists (`NAME=`, `export NAME=`, `# NAME=`), with their first line. */
    listed: Map<string, number>;
  };
  /** The reads of each name, in the order the files were scanned; `ignore`d names left out. */
  byName: Map<string, Read[]>;
  /** How many files were scanned for reads, and whether the walk stopped at its limit. */
  scanned: number;
  truncated: boolean;
  /** The committed `.env*` files (with `committed-env`), read. */
  envFiles: { file: string; lines: LineIndex }[];
}

export async function readEnvExampleInput(
  options: EnvExampleOptions,
  ctx: CheckContext,
): Promise<EnvExampleInput> {
  const isIgnored = (name: string) => matchesGlobs(name, options.ignore);
  const exampleAbs = path.resolve(ctx.cwd, options.file);

  // Every read in code and compose files.
  const sources = new Set<string>();
  let truncated = false;
  for (const start of options.paths) {
    const walk = await walkFiles(ctx.cwd, start, {
      include: (relative) => {
        const base = path.posix.basename(relative);
        if (!CODE_FILE.test(base) && !isComposeFile(relative)) return false;
        return !matchesPathGlobs(relative, options.exclude);
      },
      signal: ctx.signal,
    });
    truncated ||= walk.truncated;
    for (const file of walk.files) sources.add(file);
  }
  const files = [...sources].sort();
  const reads: Read[] = [];
  const pythonFiles: { file: string; text: string; lines: LineIndex }[] = [];
  for (const relative of files) {
    if (ctx.signal.aborted) break;
    const absolute = path.join(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    if (text === undefined) continue;
    const file = displayPath(ctx.workspace, absolute);
    const lines = new LineIndex(text);
    const base = path.posix.basename(relative);
    const found = isComposeFile(relative)
      ? composeReads(lines)
      : base.endsWith('.py')
        ? pythonReads(lines)
        : jsReads(lines);
    for (const read of found) reads.push({ ...read, file, lines });
    if (base.endsWith('.py') && text.includes('class ')) pythonFiles.push({ file, text, lines });
  }
  for (const read of pydanticReads(pythonFiles)) reads.push(read);
  ctx.log(
    `env-example: ${plural(reads.length, 'read')} in ${plural(files.length, 'scanned file')}`,
  );
  const byName = new Map<string, Read[]>();
  for (const read of reads) {
    if (isIgnored(read.name)) continue;
    const list = byName.get(read.name) ?? [];
    list.push(read);
    byName.set(read.name, list);
  }

  // What .env.example lists.
  const exampleText = await readTextOrUndefined(exampleAbs);
  const listed = new Map<string, number>();
  if (exampleText !== undefined) {
    exampleText.split(/\r?\n/).forEach((line, index) => {
      const match = new RegExp(`^\\s*(?:#\\s*)?(?:export\\s+)?(${NAME})\\s*=`).exec(line);
      if (match && !listed.has(match[1]!)) listed.set(match[1]!, index + 1);
    });
  }

  const envFiles: EnvExampleInput['envFiles'] = [];
  if (options['committed-env']) {
    for (const relative of await committedEnvFiles(ctx, exampleAbs)) {
      const absolute = path.join(ctx.cwd, relative);
      const text = await readTextOrUndefined(absolute);
      if (text === undefined) continue;
      envFiles.push({ file: displayPath(ctx.workspace, absolute), lines: new LineIndex(text) });
    }
  }

  return {
    options,
    example: {
      file: displayPath(ctx.workspace, exampleAbs),
      exists: exampleText !== undefined,
      lines: new LineIndex(exampleText ?? ''),
      listed,
    },
    byName,
    scanned: files.length,
    truncated,
    envFiles,
  };
}

/** Tracked `.env*` files (not templates, not the example) under cwd; outside git, on disk. */
async function committedEnvFiles(ctx: CheckContext, exampleAbs: string): Promise<string[]> {
  const isEnvFile = (relative: string) => {
    const base = path.posix.basename(relative);
    return (
      ENV_FILE.test(base) &&
      !ENV_TEMPLATE.test(base) &&
      !base.includes('.example') &&
      path.resolve(ctx.cwd, relative) !== exampleAbs &&
      !inSkippedDir(relative)
    );
  };
  const tracked = await gitTrackedFiles(ctx);
  if (tracked) return tracked.filter(isEnvFile);
  return (await walkFiles(ctx.cwd, '.', { include: isEnvFile, signal: ctx.signal })).files;
}
