/** Formats ['gates', 2, 'priority'] as gates[2].priority, the way users write it. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
      if (!plain) out += `[${JSON.stringify(name)}]`;
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
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}
