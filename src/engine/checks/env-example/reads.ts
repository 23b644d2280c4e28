import type { LineIndex } from '../scan.js';
import { insideRanges, jsComments, pythonNonCode } from '../source-ranges.js';

/* Where code and compose files read environment variables (see checks/env-example/README.md). */

export const NAME = '[A-Za-z_][A-Za-z0-9_]*';

/** One place a variable is read. */
export interface Read {
  name: string;
  file: string;
  line: number;
  column: number;
  lines: LineIndex;
}

export type FoundRead = Omit<Read, 'file' | 'lines'>;

export function pythonReads(lines: LineIndex): FoundRead[] {
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

export function jsReads(lines: LineIndex): FoundRead[] {
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
export function composeReads(lines: LineIndex): FoundRead[] {
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
