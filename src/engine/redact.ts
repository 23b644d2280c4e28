export const REDACTED = '***';

/**
 * Replaces every occurrence of the given secret values. Values shorter than 3 characters
 * are ignored: masking "1" or "a" would shred every report without protecting anything.
 */
export function createRedactor(values: readonly string[]): (text: string) => string {
  const secrets = [...new Set(values.filter((v) => v.length >= 3).flatMap(encodedForms))].sort(
    (a, b) => b.length - a.length,
  );
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/**
 * A secret also leaks in the forms it takes on its way into URLs, JSON and headers:
 * percent-encoded (as a URL holds it), JSON-escaped and base64.
 */
export function encodedForms(value: string): string[] {
  const forms = [
    value,
    encodeURIComponent(value),
    encodeURI(value),
    JSON.stringify(value).slice(1, -1),
  ];
  const base64 = Buffer.from(value, 'utf8').toString('base64');
  forms.push(base64, base64.replace(/=+$/, ''));
  return forms.filter((form) => form.length >= 3);
}

/** The values of the config's `redact` names that are set in `env`. */
export function redactValues(names: readonly string[], env: Record<string, string>): string[] {
  return names.map((name) => env[name]).filter((value): value is string => !!value);
}
