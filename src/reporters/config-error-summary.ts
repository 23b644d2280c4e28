import { escapeInline } from './markdown-escape.js';

export function renderConfigErrorSummary(problems: readonly string[]): string {
  return [
    '## ❌ Release gates: invalid configuration',
    '',
    'Nothing ran. Fix these and push again:',
    '',
    ...problems.map((problem) => `- ${escapeInline(problem)}`),
    '',
  ].join('\n');
}
