/*
 * Every glob of the config (`when.branches`, the path and name options of the built-in checks)
 * has the semantics of GitHub's workflow filters, the "Filter pattern cheat sheet" of the
 * workflow syntax docs, so a filter copied from a workflow means the same here:
 *
 *   *      any characters but `/`            feature/*   matches feature/login
 *   **     any characters, `/` included      feature/**  matches feature/a/b; before a `/`
 *          it may also match nothing, so a pattern starting `**` and `/` matches at the top
 *   ?      zero or one of the character before it      *.jsx?  matches page.js and page.jsx
 *   +      one or more of the character before it      v[0-9]+ matches v10
 *   [...]  one character listed or in a range (a-z, A-Z, 0-9)   [CB]at, v[12]
 *   \      the next character literally      v1\+ matches v1+
 *   !      first in a pattern of a list: excludes what the patterns before it matched; a
 *          positive pattern after it includes again. The last pattern that matches decides.
 *
 * picomatch was measured for this and left out: its `?` is exactly one character and a `+`
 * after a letter is a literal `+`, so `*.jsx?` would not match page.js nor `a+` match aa as
 * the cheat sheet says; bundled it also adds 28 KB and several milliseconds of start-up. The
 * translation to a RegExp below is the whole matcher.
 */

const RANGE_KINDS = [/[a-z]/, /[A-Z]/, /[0-9]/];
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
const escapeRegExp = (text: string) => text.replace(REGEX_SPECIAL, '\\$&');

/** Compiled patterns, keyed by their text: the same filters are tested over and over. */
const compiled = new Map<string, RegExp>();

/**
 * One pattern as an anchored RegExp. A leading `!` is an ordinary character here: negation
 * belongs to a list of patterns (matchesGlobs). Never throws: an unclosed `[` is a literal
 * `[` (globSyntaxError reports such patterns for config validation).
 */
export function globToRegExp(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${translate(pattern)}$`);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

function translate(pattern: string): string {
  let source = '';
  // Whether `?` and `+` have a character (or a bracket) before them to apply to.
  let quantifiable = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` may also match nothing, so `**/README.md` matches README.md at the top.
        if (pattern[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
      quantifiable = false;
    } else if ((char === '?' || char === '+') && quantifiable) {
      source += char;
      quantifiable = false;
    } else if (char === '[' && pattern.indexOf(']', i + 2) > i) {
      const end = pattern.indexOf(']', i + 2);
      source += `[${classBody(pattern.slice(i + 1, end))}]`;
      i = end;
      quantifiable = true;
    } else if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
      quantifiable = true;
    } else {
      source += escapeRegExp(char);
      quantifiable = true;
    }
  }
  return source;
}

/** The inside of `[...]`: ranges as ranges, every other character as itself. */
function classBody(body: string): string {
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const from = body[i]!;
    const to = body[i + 2];
    if (body[i + 1] === '-' && to !== undefined && isRange(from, to)) {
      source += `${from}-${to}`;
      i += 2;
    } else source += escapeRegExp(from);
  }
  return source;
}

const isRange = (from: string, to: string) =>
  from <= to && RANGE_KINDS.some((kind) => kind.test(from) && kind.test(to));

/**
 * Why a pattern is not a valid filter pattern, as GitHub would refuse it, or undefined: an
 * empty or unclosed bracket, a range other than a-z, A-Z and 0-9 (or backwards), a character
 * in brackets that is not a letter or digit, or a trailing `\`.
 */
export function globSyntaxError(pattern: string): string | undefined {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (body === '') return 'expected a pattern after "!"';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char === '\\') {
      if (i + 1 >= body.length) return 'expected a character after "\\"';
      i++;
    } else if (char === '[') {
      const end = body.indexOf(']', i + 1);
      if (end < 0) return 'expected "]" to close "["';
      if (end === i + 1) return 'expected a character or a range inside "[]"';
      const inside = body.slice(i + 1, end);
      for (let j = 0; j < inside.length; j++) {
        const from = inside[j]!;
        if (inside[j + 1] === '-' && j + 2 < inside.length) {
          const to = inside[j + 2]!;
          if (!isRange(from, to)) {
            return `expected a range within a-z, A-Z or 0-9, got "${from}-${to}"`;
          }
          j += 2;
        } else if (!/[a-zA-Z0-9]/.test(from)) {
          return `expected letters, digits and ranges inside "[]", got "${from}"`;
        }
      }
      i = end;
    }
  }
  return undefined;
}

/**
 * Evaluates an ordered list: each pattern that `test` says matches includes the value, or
 * excludes it when it starts with `!`; the last one that matches decides, and a list that
 * nothing matches (or no positive pattern) excludes. `test` gets the pattern without its `!`,
 * so a caller with its own path rules (see matchesGlob in checks/scan.ts) keeps them.
 */
export function matchesInOrder(
  patterns: readonly string[],
  test: (pattern: string) => boolean,
): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negative = pattern.startsWith('!');
    // Only a pattern that could change the outcome needs testing.
    if (negative === included && test(negative ? pattern.slice(1) : pattern)) included = !negative;
  }
  return included;
}

/** Whether `value` matches the ordered list of filter patterns (GitHub's `branches:`). */
export function matchesGlobs(value: string, patterns: readonly string[]): boolean {
  return matchesInOrder(patterns, (pattern) => globToRegExp(pattern).test(value));
}
