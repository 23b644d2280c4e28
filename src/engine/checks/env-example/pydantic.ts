import type { LineIndex } from '../scan.js';
import { insideRanges, pythonNonCode } from '../source-ranges.js';
import { NAME, type Read } from './reads.js';

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
export function pydanticReads(files: { file: string; text: string; lines: LineIndex }[]): Read[] {
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
