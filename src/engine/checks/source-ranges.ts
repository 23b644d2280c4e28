/*
 * Where comments and plain string literals are in Python and JavaScript source, so that a
 * regex hit inside them (documentation, examples) is not taken for code. Small scanners, not
 * parsers: good enough for env reads, and linear in the size of the file.
 */

/** Sorted, non-overlapping [start, end) ranges. */
export type Ranges = [number, number][];

export function insideRanges(ranges: Ranges, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) high = mid - 1;
    else if (offset >= end) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Python comments and string literals, docstrings included. f-strings are left out: the
 * expressions inside their braces are code.
 */
export function pythonNonCode(text: string): Ranges {
  const ranges: Ranges = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '#') {
      const end = lineEnd(text, i);
      ranges.push([i, end]);
      i = end;
      continue;
    }
    if (char === '"' || char === "'") {
      const prefix = /[A-Za-z]{0,2}$/.exec(text.slice(Math.max(0, i - 2), i))?.[0] ?? '';
      const formatted = /f/i.test(prefix);
      const triple = text.startsWith(char.repeat(3), i);
      let end: number;
      if (triple) {
        const close = findUnescaped(text, char.repeat(3), i + 3);
        end = close < 0 ? text.length : close + 3;
      } else {
        let j = i + 1;
        while (j < text.length && text[j] !== char && text[j] !== '\n') {
          j += text[j] === '\\' ? 2 : 1;
        }
        end = Math.min(j + 1, text.length);
      }
      if (!formatted) ranges.push([i, end]);
      i = end;
      continue;
    }
    i++;
  }
  return ranges;
}

/**
 * JavaScript/TypeScript comments. Strings are skipped so that `//` in a URL is not a
 * comment; template literals are followed into their `${...}` parts, which are code.
 */
export function jsComments(text: string): Ranges {
  const ranges: Ranges = [];
  // Each entry: a template literal, or code inside `${` with its open-brace depth.
  const stack: ({ kind: 'template' } | { kind: 'code'; depth: number })[] = [
    { kind: 'code', depth: 0 },
  ];
  let i = 0;
  while (i < text.length) {
    const mode = stack[stack.length - 1]!;
    const char = text[i]!;
    if (mode.kind === 'template') {
      if (char === '\\') i += 2;
      else if (char === '`') {
        stack.pop();
        i++;
      } else if (char === '$' && text[i + 1] === '{') {
        stack.push({ kind: 'code', depth: 0 });
        i += 2;
      } else i++;
      continue;
    }
    if (char === '/' && text[i + 1] === '/') {
      const end = lineEnd(text, i);
      ranges.push([i, end]);
      i = end;
    } else if (char === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      ranges.push([i, end]);
      i = end;
    } else if (char === '"' || char === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== char && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (char === '`') {
      stack.push({ kind: 'template' });
      i++;
    } else if (char === '{') {
      mode.depth++;
      i++;
    } else if (char === '}') {
      if (mode.depth === 0 && stack.length > 1) stack.pop();
      else mode.depth = Math.max(0, mode.depth - 1);
      i++;
    } else i++;
  }
  return ranges;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function findUnescaped(text: string, needle: string, from: number): number {
  let index = text.indexOf(needle, from);
  while (index > 0 && isEscaped(text, index)) index = text.indexOf(needle, index + 1);
  return index;
}

function isEscaped(text: string, index: number): boolean {
  let slashes = 0;
  for (let j = index - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}
