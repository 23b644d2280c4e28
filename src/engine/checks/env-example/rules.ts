import type { CheckRule } from '../rule.js';
import { isSuppressed, plural } from '../scan.js';
import type { EnvExampleInput } from './input.js';
import { NAME, type Read } from './reads.js';

type Rule = CheckRule<EnvExampleInput>;

const byPlace = (a: Read, b: Read) =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

/** The first place (by file, line, column) of `reads`. */
const firstOf = (reads: readonly Read[]) => [...reads].sort(byPlace)[0];

export const missing: Rule = {
  id: 'env-example/missing',
  level: 'error',
  description: 'a variable the code or a compose file reads is not listed in .env.example',
  check({ byName, example }, report) {
    for (const [name, places] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (example.listed.has(name)) continue;
      // A silenced read is not reported; the name is, at its first read that is not silenced.
      const visible = places.filter((place) => !isSuppressed(place.lines, place.line, missing.id));
      const first = firstOf(visible);
      if (!first) continue;
      const others = visible.length - 1;
      const also = others > 0 ? ` (also read in ${plural(others, 'other place')})` : '';
      report({
        file: first.file,
        line: first.line,
        column: first.column,
        message: example.exists
          ? `${name} is read here but not listed in ${example.file}${also}`
          : `${name} is read here but ${example.file} does not exist${also}`,
      });
    }
  },
};

export const publicSecret: Rule = {
  id: 'env-example/public-secret',
  level: 'error',
  description: 'a NEXT_PUBLIC_ variable (shipped to the browser) has a name that looks secret',
  check({ options, byName, example }, report) {
    if (!options['public-secrets']) return;
    const names = new Set([...byName.keys(), ...example.listed.keys()]);
    for (const name of [...names].sort()) {
      if (!looksLikePublicSecret(name)) continue;
      const message = `${name} looks like a secret, but NEXT_PUBLIC_ variables are shipped to the browser`;
      const first = firstOf(byName.get(name) ?? []);
      report(
        first
          ? {
              file: first.file,
              line: first.line,
              column: first.column,
              message,
              lines: first.lines,
            }
          : { file: example.file, line: example.listed.get(name)!, message, lines: example.lines },
      );
    }
  },
};

export const committedEnv: Rule = {
  id: 'env-example/committed-env',
  level: 'error',
  description: 'a committed .env file gives a variable a value',
  check({ envFiles, example }, report) {
    const assignment = new RegExp(`^\\s*(?:export\\s+)?(${NAME})\\s*=(.*)$`);
    for (const { file, lines } of envFiles) {
      lines.text.split(/\r?\n/).forEach((line, index) => {
        const match = assignment.exec(line);
        if (!match || !hasValue(match[2]!)) return;
        report({
          file,
          line: index + 1,
          message: `${match[1]} has a value in the committed file ${file} (value not shown); keep values out of the repository and list the name in ${example.file}`,
          lines,
        });
      });
    }
  },
};

export const ENV_EXAMPLE_RULES: readonly Rule[] = [missing, publicSecret, committedEnv];

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
