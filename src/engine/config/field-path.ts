/** Formats ['gates', 2, 'priority'] as gates[2].priority, the way users write it. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      // Long names are quoted, so they can be cut short like any other quoted value.
      const plain = name.length <= 60 && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
      if (!plain) out += `[${quote(name)}]`;
      else out += out === '' ? name : `.${name}`;
    }
  }
  return out === '' ? '(top level)' : out;
}

/** A short, safe description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return String(value);
}

/**
 * A user's string in a message: in double quotes, at most `max` characters of it, and on one
 * line (JSON escapes, plus U+2028 and U+2029, which JSON leaves as they are).
 */
export function quote(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max - 3)}...` : value;
  return JSON.stringify(shown)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text from a library (a YAML parser's message) on one line: control characters escaped. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => {
    return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
