import type { z } from 'zod';
import { describeValue, formatFieldPath, quote } from './field-path.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

const KIND_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  int: 'an integer',
};

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = KIND_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `required: expected ${expected}`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      const required = issue.input === undefined ? 'required: ' : '';
      const values = issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const list = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      if (required) return `${required}expected ${list}`;
      return `expected ${list}, got ${describeValue(issue.input)}`;
    }
    case 'unrecognized_keys':
      return '';
    case 'too_small': {
      if (issue.origin === 'array' && issue.message.startsWith('expected')) return issue.message;
      if (issue.message.startsWith('expected')) return withInput(issue.message, issue);
      const bound = issue.inclusive === false ? 'above' : 'at least';
      if (issue.origin === 'array') return `expected ${bound} ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `expected ${bound} ${issue.minimum} character(s)`;
      return withInput(`expected a number ${bound} ${issue.minimum}`, issue);
    }
    case 'too_big': {
      if (issue.message.startsWith('expected')) return withInput(issue.message, issue);
      const bound = issue.inclusive === false ? 'below' : 'at most';
      if (issue.origin === 'array') return `expected ${bound} ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `expected ${bound} ${issue.maximum} character(s)`;
      return withInput(`expected a number ${bound} ${issue.maximum}`, issue);
    }
    case 'invalid_format':
      return withInput(
        issue.message.startsWith('expected') ? issue.message : `expected ${issue.format}`,
        issue,
      );
    case 'invalid_key': {
      // A bad record key: the key's own schema says what was expected.
      const inner = issue.issues[0]?.message ?? 'expected a valid key';
      return withInput(inner.startsWith('expected') ? inner : 'expected a valid key', issue);
    }
    case 'invalid_union':
      return withInput('expected a string, number or boolean', issue);
    default:
      return withInput(issue.message, issue);
  }
}

function withInput(message: string, issue: Issue): string {
  return issue.input === undefined ? message : `${message}, got ${describeValue(issue.input)}`;
}

/** One line per problem: `file: field.path: what was expected`. */
export function formatIssues(file: string, issues: readonly Issue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = formatFieldPath([...issue.path, key]);
        lines.push(`${file}: ${path}: unknown key ${quote(key)}`);
      }
      continue;
    }
    lines.push(`${file}: ${formatFieldPath(issue.path)}: ${expectation(issue)}`);
  }
  return lines;
}
