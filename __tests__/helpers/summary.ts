/** The pipeline order from the README's first paragraph; the contract, not the code's constant. */
export const PIPELINE = [
  'lint',
  'typecheck',
  'test',
  'security',
  'build',
  'image',
  'deploy',
  'health',
] as const;

export interface StageTable {
  stage: string;
  header: string;
  rows: string[];
}

/**
 * The per-stage tables of a job summary: a `#### <stage>` heading followed by a Markdown
 * table whose header names Status, Gate, Priority, Duration and Attempts.
 */
export function stageTables(summary: string): StageTable[] {
  const lines = summary.split('\n');
  const tables: StageTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{2,6}\s+(\S+)\s*$/.exec(lines[i]!);
    if (!heading || !(PIPELINE as readonly string[]).includes(heading[1]!)) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const header = lines[j] ?? '';
    if (!header.startsWith('|')) continue;
    const rows: string[] = [];
    // Skip the header and the | --- | separator.
    for (let k = j + 2; k < lines.length && lines[k]!.startsWith('|'); k++) rows.push(lines[k]!);
    tables.push({ stage: heading[1]!, header, rows });
  }
  return tables;
}

/** Markdown headings (any level) in order, without the #s. */
export function headings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => line.replace(/^#{1,6}\s+/, '').trim());
}

/**
 * What a Markdown line reads as once rendered, for comparing against plain text: backslash
 * escapes removed and the HTML entities an escaper uses decoded.
 */
export function renderedText(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
