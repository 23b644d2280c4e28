import { isFailure, PRIORITIES, STAGES, type GateResult, type RunResult } from '../engine/index.js';
import { stripControl } from './markdown-escape.js';
import { formatDuration, statusLabel } from './format.js';
import { buildInsights } from './insights.js';

export interface TextOptions {
  color: boolean;
  /** Lines of each failing gate's tail to print. */
  tailLines?: number;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;
type Paint = (code: keyof typeof CODES, text: string) => string;

function painter(color: boolean): Paint {
  return (code, text) => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
}

function statusColor(gate: GateResult): keyof typeof CODES {
  if (gate.status === 'passed') return 'green';
  if (isFailure(gate.status))
    return gate.action === 'warn' || gate.action === 'notice' ? 'yellow' : 'red';
  if (gate.status === 'cancelled') return 'red';
  return 'dim';
}

/** The CLI's closing report: a table, failing tails, then what to do. */
export function renderTextReport(result: RunResult, options: TextOptions): string {
  const paint = painter(options.color);
  const insights = buildInsights(result);
  const rows: string[][] = [
    ['STATUS', 'STAGE', 'GATE', 'PRIORITY', 'DURATION', 'ATTEMPTS', 'NOTE'],
  ];
  const colors: (keyof typeof CODES)[] = ['bold'];
  for (const stage of STAGES) {
    for (const gate of result.gates.filter((g) => g.stage === stage)) {
      const idle = gate.status === 'skipped' || gate.status === 'planned';
      rows.push([
        statusLabel(gate),
        gate.stage,
        gate.id,
        `${gate.priority} ${gate.action}`,
        idle ? '-' : formatDuration(gate.durationMs),
        gate.attempts === 0 ? '-' : String(gate.attempts),
        oneLine(gate.detail ?? ''),
      ]);
      colors.push(statusColor(gate));
    }
  }
  const widths = rows[0]!.map((_, col) =>
    Math.min(40, Math.max(...rows.map((row) => row[col]!.length))),
  );
  const lines: string[] = [];
  rows.forEach((row, index) => {
    const cells = row.map((cell, col) =>
      col === row.length - 1 ? cell : cell.slice(0, widths[col]).padEnd(widths[col]!),
    );
    const first = paint(colors[index]!, cells[0]!);
    lines.push([first, ...cells.slice(1)].join('  ').trimEnd());
  });

  for (const hook of result.hooks) {
    const color = hook.status === 'passed' ? 'green' : 'red';
    lines.push(
      `${paint(color, hook.status.padEnd(widths[0]!))}  ${hook.kind}: ${oneLine(hook.name)} (${formatDuration(hook.durationMs)})${hook.detail ? ` ${oneLine(hook.detail, 500)}` : ''}`,
    );
  }

  const tailLines = options.tailLines ?? 20;
  for (const gate of result.gates.filter((g) => isFailure(g.status))) {
    lines.push(
      '',
      paint(
        'bold',
        `--- ${gate.id} (${gate.priority}, ${oneLine(gate.detail ?? gate.status, 500)}) ---`,
      ),
    );
    const tail = stripControl(gate.tail).split('\n').slice(-tailLines);
    lines.push(...tail.map((line) => `  ${line}`));
    if (gate.logPath) lines.push(paint('dim', `  full log: ${gate.logPath}`));
  }
  for (const hook of result.hooks.filter((h) => h.status !== 'passed')) {
    lines.push(
      '',
      paint(
        'bold',
        `--- ${hook.kind}: ${oneLine(hook.name)} (${oneLine(hook.detail ?? hook.status, 500)}) ---`,
      ),
    );
    lines.push(
      ...stripControl(hook.tail)
        .split('\n')
        .slice(-tailLines)
        .map((line) => `  ${line}`),
    );
  }

  lines.push('', paint('bold', 'Executive summary'));
  for (const point of insights.executive) lines.push(`  - ${oneLine(point, 500)}`);
  const anyFinding = PRIORITIES.some((p) => insights.findings[p].length > 0);
  if (anyFinding) {
    lines.push('', paint('bold', 'Findings'));
    for (const priority of PRIORITIES) {
      for (const finding of insights.findings[priority]) {
        lines.push(
          `  ${priority} ${finding.gateId} (${finding.stage}, ${finding.action}): ${oneLine(finding.text, 500)}`,
        );
        for (const location of finding.locations) lines.push(`      ${oneLine(location, 200)}`);
        if (finding.moreLocations > 0) lines.push(`      and ${finding.moreLocations} more`);
      }
    }
  }
  lines.push('', paint('bold', 'Next step'), `  ${oneLine(insights.nextStep, 1000)}`);
  const verdictColor =
    result.verdict === 'failed'
      ? 'red'
      : result.verdict === 'passed-with-warnings'
        ? 'yellow'
        : 'green';
  lines.push('', paint(verdictColor, paint('bold', `${insights.headline} (${result.verdict})`)));
  return `${lines.join('\n')}\n`;
}

/** Untrusted text on one line, without control characters that a terminal would obey. */
function oneLine(text: string, max = 80): string {
  const flat = stripControl(text).replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
