import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { globToRegExp } from '../glob.js';
import { gitTrackedFiles } from './git.js';
import {
  LineIndex,
  displayPath,
  inSkippedDir,
  isSuppressed,
  matchesGlob,
  plural,
  readTextOrUndefined,
  relativePathOption,
  sortFindings,
  walkFiles,
} from './scan.js';
import { insideRanges, jsComments, pythonNonCode } from './source-ranges.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

/** Variables every process sees, set by the OS, the shell, the runner or the toolchain. */
export const DEFAULT_IGNORED_NAMES = [
  'PATH',
  'HOME',
  'USER',
  'USERNAME',
  'LOGNAME',
  'SHELL',
  'PWD',
  'OLDPWD',
  'HOSTNAME',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'CI',
  'NODE_ENV',
  'NODE_OPTIONS',
  'GITHUB_*',
  'RUNNER_*',
  'npm_*',
  'PYTHONPATH',
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'VIRTUAL_ENV',
];

/** Tests set and read variables of their own; they are not the app's configuration. */
export const DEFAULT_EXCLUDE = [
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '*.test.*',
  '*.spec.*',
  'test_*.py',
  '*_test.py',
  'conftest.py',
];

const namePattern = z.string().regex(/^[A-Za-z_*?][A-Za-z0-9_*?]*$/, {
  error: 'expected a variable name or a glob like GITHUB_*',
});

export const envExampleOptions = z.strictObject({
  file: relativePathOption.default('.env.example'),
  paths: z.array(relativePathOption).min(1).default(['.']),
  exclude: z.array(z.string().min(1)).default(DEFAULT_EXCLUDE),
  ignore: z.array(namePattern).default(DEFAULT_IGNORED_NAMES),
  'public-secrets': z.boolean().default(true),
  'committed-env': z.boolean().default(true),
});
export type EnvExampleOptions = z.output<typeof envExampleOptions>;

const CODE_FILE = /\.(?:py|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const COMPOSE_FILE = /^(?:docker-)?compose[\w.-]*\.ya?ml$/;
/** `.env`, `.env.production`, `.env.local`, ... but not templates. */
const ENV_FILE = /^\.env(?:\..+)?$/;
const ENV_TEMPLATE = /\.(?:example|sample|template|tpl|dist|defaults)$/;
const NAME = '[A-Za-z_][A-Za-z0-9_]*';

/** A compose file by its name; workflow files under .github/ are not, whatever their name. */
const isComposeFile = (relative: string) =>
  COMPOSE_FILE.test(path.posix.basename(relative)) && !/(?:^|\/)\.github\//.test(relative);

/** One place a variable is read. */
interface Read {
  name: string;
  file: string;
  line: number;
  column: number;
  lines: LineIndex;
}

export const envExampleCheck: CheckDefinition<EnvExampleOptions> = {
  id: 'env-example',
  title: '.env.example lists every variable the code reads',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: envExampleOptions,
  run: runEnvExample,
};

async function runEnvExample(options: EnvExampleOptions, ctx: CheckContext): Promise<CheckResult> {
  const ignored = options.ignore.map((pattern) => globToRegExp(pattern));
  const isIgnored = (name: string) => ignored.some((regex) => regex.test(name));
  const exampleAbs = path.resolve(ctx.cwd, options.file);
  const exampleRel = displayPath(ctx.workspace, exampleAbs);

  // 1. Every read in code and compose files.
  const sources = new Set<string>();
  let truncated = false;
  for (const start of options.paths) {
    const walk = await walkFiles(ctx.cwd, start, {
      include: (relative) => {
        const base = path.posix.basename(relative);
        if (!CODE_FILE.test(base) && !isComposeFile(relative)) return false;
        return !options.exclude.some((pattern) => matchesGlob(relative, pattern));
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

  // 2. What .env.example lists.
  const exampleText = await readTextOrUndefined(exampleAbs);
  const listed = new Map<string, number>();
  const exampleLines = new LineIndex(exampleText ?? '');
  if (exampleText !== undefined) {
    exampleText.split(/\r?\n/).forEach((line, index) => {
      const match = new RegExp(`^\\s*(?:#\\s*)?(?:export\\s+)?(${NAME})\\s*=`).exec(line);
      if (match && !listed.has(match[1]!)) listed.set(match[1]!, index + 1);
    });
  }

  const findings: ToolFinding[] = [];
  const add = (finding: Omit<ToolFinding, 'tool'>, lines?: LineIndex) => {
    if (lines && isSuppressed(lines, finding.line, finding.ruleId!)) return;
    findings.push({ tool: 'env-example', ...finding });
  };

  // 3. Missing names, reported once at the first place they are read.
  const byName = new Map<string, Read[]>();
  for (const read of reads) {
    if (isIgnored(read.name)) continue;
    const list = byName.get(read.name) ?? [];
    list.push(read);
    byName.set(read.name, list);
  }
  let missing = 0;
  for (const [name, places] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (listed.has(name)) continue;
    const visible = places.filter(
      (place) => !isSuppressed(place.lines, place.line, 'env-example/missing'),
    );
    const first = visible.sort(byPlace)[0];
    if (!first) continue;
    missing++;
    const others = visible.length - 1;
    const also = others > 0 ? ` (also read in ${plural(others, 'other place')})` : '';
    add({
      file: first.file,
      line: first.line,
      column: first.column,
      ruleId: 'env-example/missing',
      message:
        exampleText === undefined
          ? `${name} is read here but ${exampleRel} does not exist${also}`
          : `${name} is read here but not listed in ${exampleRel}${also}`,
    });
  }

  // 4. NEXT_PUBLIC_ names that look secret end up in the browser bundle.
  let publicSecrets = 0;
  if (options['public-secrets']) {
    const names = new Set([...byName.keys(), ...listed.keys()]);
    for (const name of [...names].sort()) {
      if (!looksLikePublicSecret(name)) continue;
      const first = (byName.get(name) ?? []).sort(byPlace)[0];
      const message = `${name} looks like a secret, but NEXT_PUBLIC_ variables are shipped to the browser`;
      const ruleId = 'env-example/public-secret';
      const before = findings.length;
      if (first) {
        add(
          { file: first.file, line: first.line, column: first.column, ruleId, message },
          first.lines,
        );
      } else {
        add({ file: exampleRel, line: listed.get(name)!, ruleId, message }, exampleLines);
      }
      if (findings.length > before) publicSecrets++;
    }
  }

  // 5. Committed .env files with values.
  const envFilesWithValues = new Set<string>();
  if (options['committed-env']) {
    for (const relative of await committedEnvFiles(ctx, exampleAbs)) {
      const absolute = path.join(ctx.cwd, relative);
      const text = await readTextOrUndefined(absolute);
      if (text === undefined) continue;
      const file = displayPath(ctx.workspace, absolute);
      const lines = new LineIndex(text);
      text.split(/\r?\n/).forEach((line, index) => {
        const match = new RegExp(`^\\s*(?:export\\s+)?(${NAME})\\s*=(.*)$`).exec(line);
        if (!match || !hasValue(match[2]!)) return;
        const before = findings.length;
        add(
          {
            file,
            line: index + 1,
            ruleId: 'env-example/committed-env',
            message: `${match[1]} has a value in the committed file ${file} (value not shown); keep values out of the repository and list the name in ${exampleRel}`,
          },
          lines,
        );
        if (findings.length > before) envFilesWithValues.add(file);
      });
    }
  }

  const passed = findings.length === 0;
  const scanned = `${plural(byName.size, 'variable')} read in ${plural(files.length, 'scanned file')}`;
  const cut = truncated ? ' (the scan stopped at the file limit)' : '';
  if (passed) {
    return {
      passed,
      summary:
        byName.size === 0
          ? `No environment variable reads found in ${plural(files.length, 'scanned file')}${cut}.`
          : `All ${scanned} are listed in ${exampleRel}${cut}.`,
      findings,
    };
  }
  const parts: string[] = [];
  if (missing > 0) {
    parts.push(
      exampleText === undefined
        ? `${plural(missing, 'variable')} read by the code but ${exampleRel} does not exist`
        : `${plural(missing, 'variable')} read by the code ${missing === 1 ? 'is' : 'are'} missing from ${exampleRel}`,
    );
  }
  if (publicSecrets > 0) {
    parts.push(
      `${plural(publicSecrets, 'NEXT_PUBLIC_ variable')} ${publicSecrets === 1 ? 'looks' : 'look'} secret`,
    );
  }
  if (envFilesWithValues.size > 0) {
    parts.push(
      `${plural(envFilesWithValues.size, 'committed env file')} ${envFilesWithValues.size === 1 ? 'has' : 'have'} values`,
    );
  }
  return {
    passed,
    summary: `${joinParts(parts)}${cut}.`.replace(/^./, (c) => c.toUpperCase()),
    findings: sortFindings(findings),
  };
}

function joinParts(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const byPlace = (a: Read, b: Read) =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

/** After `NEXT_PUBLIC_`: SECRET, TOKEN, PASSWORD, PRIVATE, or a KEY that is not a public one. */
export function looksLikePublicSecret(name: string): boolean {
  if (!name.startsWith('NEXT_PUBLIC_')) return false;
  const rest = name.slice('NEXT_PUBLIC_'.length).toUpperCase();
  if (/SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE/.test(rest)) return true;
  const words = rest.split('_');
  return words.some(
    (word, index) =>
      /^(?:API)?KEYS?$/.test(word) && !/^(?:PUBLIC|PUBLISHABLE)$/.test(words[index - 1] ?? ''),
  );
}

function hasValue(raw: string): boolean {
  const value = raw.trim();
  if (value === '' || value.startsWith('#')) return false;
  return !/^(?:""|'')\s*(?:#.*)?$/.test(value);
}

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

type FoundRead = Omit<Read, 'file' | 'lines'>;

function pythonReads(lines: LineIndex): FoundRead[] {
  const text = lines.text;
  const nonCode = pythonNonCode(text);
  const imported = new Set<string>();
  for (const match of text.matchAll(/^\s*from\s+os\s+import\s+\(?([^)\n]*)/gm)) {
    for (const word of match[1]!.split(',')) imported.add(word.trim().split(/\s+/)[0]!);
  }
  const prefixes = ['os\\.'];
  if (imported.has('environ') || imported.has('getenv')) prefixes.push('');
  const regex = new RegExp(
    `(?<![\\w.])(?:${prefixes.join('|')})(environ\\s*\\.\\s*get\\s*\\(|environ\\s*\\[|getenv\\s*\\()\\s*[rRuU]?(['"])(${NAME})\\2`,
    'g',
  );
  const found: FoundRead[] = [];
  for (const match of text.matchAll(regex)) {
    const index = match.index;
    const accessor = match[1]!;
    const bare = !match[0].startsWith('os');
    if (bare && !imported.has(accessor.startsWith('getenv') ? 'getenv' : 'environ')) continue;
    const after = text.slice(index + match[0].length, index + match[0].length + 40);
    // A write (os.environ["X"] = ...) or a delete is not a read.
    if (accessor.startsWith('environ') && accessor.endsWith('[') && /^\s*\]\s*=(?!=)/.test(after)) {
      continue;
    }
    if (/\bdel\s+$/.test(text.slice(Math.max(0, index - 8), index))) continue;
    if (insideRanges(nonCode, index)) continue;
    found.push({ name: match[3]!, line: lines.line(index), column: lines.column(index) });
  }
  return found;
}

function jsReads(lines: LineIndex): FoundRead[] {
  const text = lines.text;
  const comments = jsComments(text);
  const found: FoundRead[] = [];
  const push = (name: string, offset: number) => {
    if (insideRanges(comments, offset)) return;
    found.push({ name, line: lines.line(offset), column: lines.column(offset) });
  };
  const access = new RegExp(
    `(?<![\\w$.])process\\s*\\??\\.\\s*env\\s*(?:\\??\\.\\s*(${NAME})\\b|\\??\\.?\\[\\s*(['"\`])(${NAME})\\2\\s*\\])`,
    'g',
  );
  for (const match of text.matchAll(access)) {
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 8);
    if (/^\s*=(?!=)/.test(after)) continue; // process.env.X = ... sets it
    push(match[1] ?? match[3]!, match.index);
  }
  for (const match of text.matchAll(/\{([^{}]*)\}\s*=\s*process\s*\.\s*env\b/g)) {
    const body = match[1]!;
    const bodyStart = match.index + 1;
    for (const part of body.matchAll(new RegExp(`(?:^|,)\\s*(${NAME})\\s*(?=[:=,]|$)`, 'g'))) {
      const name = part[1]!;
      push(name, bodyStart + part.index + part[0].indexOf(name));
    }
  }
  return found;
}

/** `${X}`, `${X:-default}`, `${X?err}`, `$X`; `$$` is a literal dollar sign. */
function composeReads(lines: LineIndex): FoundRead[] {
  const found: FoundRead[] = [];
  for (const match of lines.text.matchAll(new RegExp(`\\$(?:\\$|\\{(${NAME})|(${NAME}))`, 'g'))) {
    const name = match[1] ?? match[2];
    if (!name) continue;
    const line = lines.line(match.index);
    if (lines.lineText(line).trimStart().startsWith('#')) continue;
    found.push({ name, line, column: lines.column(match.index) });
  }
  return found;
}

interface PyClass {
  name: string;
  bases: string[];
  file: string;
  lines: LineIndex;
  /** 1-based line of the `class` statement. */
  line: number;
  body: { line: number; text: string }[];
  bodyIndent: number;
}

/**
 * Fields of pydantic BaseSettings subclasses (also subclasses of those, across files). The
 * variable is the field name upper-cased, after `env_prefix`; an `alias=` or
 * `validation_alias=` string replaces it.
 */
function pydanticReads(files: { file: string; text: string; lines: LineIndex }[]): Read[] {
  const classes: PyClass[] = [];
  for (const { file, text, lines } of files) {
    const nonCode = pythonNonCode(text);
    for (const match of text.matchAll(/^([ \t]*)class\s+(\w+)\s*\(([^)]*)\)\s*:/gm)) {
      if (insideRanges(nonCode, match.index + match[1]!.length)) continue;
      const indent = match[1]!.length;
      const line = lines.line(match.index);
      const headerEnd = lines.line(match.index + match[0].length);
      const body: PyClass['body'] = [];
      let bodyIndent = -1;
      const last = lines.line(text.length);
      for (let n = headerEnd + 1; n <= last; n++) {
        const content = lines.lineText(n);
        if (content.trim() === '' || content.trimStart().startsWith('#')) {
          body.push({ line: n, text: content });
          continue;
        }
        const own = content.length - content.trimStart().length;
        if (own <= indent) break;
        if (bodyIndent < 0) bodyIndent = own;
        body.push({ line: n, text: content });
      }
      const bases = match[3]!
        .split(',')
        .map((base) => base.trim())
        .filter((base) => base !== '' && !base.includes('='))
        .map((base) => base.split('[')[0]!.split('.').at(-1)!.trim());
      classes.push({ name: match[2]!, bases, file, lines, line, body, bodyIndent });
    }
  }
  const settings = new Map<string, PyClass>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const cls of classes) {
      if (settings.has(cls.name)) continue;
      if (cls.bases.some((base) => base === 'BaseSettings' || settings.has(base))) {
        settings.set(cls.name, cls);
        grew = true;
      }
    }
  }
  const ownPrefix = (cls: PyClass) => {
    const text = cls.body.map((entry) => entry.text).join('\n');
    const match = /\benv_prefix['"]?\s*[=:]\s*[rRuU]?(['"])(.*?)\1/.exec(text);
    return match ? match[2]! : undefined;
  };
  const prefixOf = (cls: PyClass, seen = new Set<string>()): string => {
    const own = ownPrefix(cls);
    if (own !== undefined || seen.has(cls.name)) return own ?? '';
    seen.add(cls.name);
    for (const base of cls.bases) {
      const parent = settings.get(base);
      if (parent) return prefixOf(parent, seen);
    }
    return '';
  };
  const reads: Read[] = [];
  for (const cls of settings.values()) {
    const inString = tripleQuotedLines(cls.body.map((entry) => entry.text));
    const bodyText = cls.body.map((entry) => entry.text).join('\n');
    const caseSensitive = /\bcase_sensitive['"]?\s*[=:]\s*True\b/.test(bodyText);
    const prefix = prefixOf(cls);
    cls.body.forEach((entry, index) => {
      const own = entry.text.length - entry.text.trimStart().length;
      if (own !== cls.bodyIndent || inString[index]) return;
      const field = /^\s*([A-Za-z]\w*)\s*:\s*(.+)$/.exec(entry.text);
      if (!field) return;
      const name = field[1]!;
      if (name === 'model_config' || /^ClassVar\b|^typing\.ClassVar\b/.test(field[2]!)) return;
      // The statement runs until the next line at the body's indent.
      let statement = entry.text;
      for (const next of cls.body.slice(index + 1)) {
        const indent = next.text.length - next.text.trimStart().length;
        if (next.text.trim() !== '' && indent <= cls.bodyIndent) break;
        statement += `\n${next.text}`;
      }
      const alias = new RegExp(
        `(?<![\\w])(?:validation_)?alias\\s*=\\s*[rRuU]?(['"])(${NAME})\\1`,
      ).exec(statement);
      const variable = alias ? alias[2]! : `${prefix}${name}`;
      reads.push({
        name: caseSensitive ? variable : variable.toUpperCase(),
        file: cls.file,
        line: entry.line,
        column: own + 1,
        lines: cls.lines,
      });
    });
  }
  return reads;
}

/** For each line: does it start inside, or open, a triple-quoted string (a docstring)? */
function tripleQuotedLines(lines: readonly string[]): boolean[] {
  let open: string | undefined;
  return lines.map((line) => {
    const wasOpen = open !== undefined;
    let touched = false;
    for (const match of line.matchAll(/"""|'''/g)) {
      touched = true;
      if (open === undefined) open = match[0];
      else if (open === match[0]) open = undefined;
    }
    return wasOpen || touched;
  });
}
