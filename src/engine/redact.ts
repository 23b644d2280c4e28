export const REDACTED = '***';

/**
 * Replaces every occurrence of the given secret values. Values shorter than 3 characters
 * are ignored: masking "1" or "a" would shred every report without protecting anything.
 */
export function createRedactor(values: readonly string[]): (text: string) => string {
  const secrets = [...new Set(values.filter((v) => v.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/** The values of the config's `redact` names that are set in `env`. */
export function redactValues(names: readonly string[], env: Record<string, string>): string[] {
  return names.map((name) => env[name]).filter((value): value is string => !!value);
}
