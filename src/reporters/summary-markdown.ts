import {
  isFailure,
  PRIORITIES,
  priorityRank,
  STAGES,
  type GateResult,
  type RunResult,
} from '../engine/index.js';
import { formatDuration, statusIcon, statusLabel, VERDICT_ICONS } from './format.js';
import { buildInsights } from './insights.js';
import { codeSpan, escapeCell, escapeHtmlLine, escapeInline, preBlock } from './markdown-escape.js';

/** GitHub rejects a step summary over 1 MiB; stay well under it. */
export const SUMMARY_BUDGET_BYTES = 1024 * 1024 - 64 * 1024;

export interface SummaryOptions {
  budgetBytes?: number;
  reportPath?: string;
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/** The job summary: verdict first, then what to act on, then the detail. */
export function renderSummary(result: RunResult, options: SummaryOptions = {}): string {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const insights = buildInsights(result);
  const head: string[] = [];

  head.push(`## ${VERDICT_ICONS[result.verdict]} ${escapeInline(insights.headline)}`, '');
  const context = [
    `mode **${result.mode}**`,
    `event ${codeSpan(result.event)}`,
    result.branch ? `branch ${codeSpan(result.branch)}` : undefined,
    `${result.gates.length} gates`,
    result.verdict === 'planned' ? undefined : formatDuration(result.durationMs),
    `config ${codeSpan(result.configFile)}`,
  ].filter(Boolean);
  head.push(context.join(' · '), '');
  head.push(
    `Policy: ${PRIORITIES.map((p) => `${p} ${result.policy[p]}`).join(' · ')}${result.mode === 'audit' ? ' (audit: abort and block act as fail)' : ''}`,
    '',
  );

  head.push('### Executive summary', '');
  for (const point of insights.executive) head.push(`- ${escapeInline(point)}`);
  head.push('');

  const stageTables = (mode: 'full' | 'condensed'): string[] => {
    const lines: string[] = ['### Stages', ''];
    let passedLeftOut = 0;
    for (const stage of STAGES) {
      const all = result.gates.filter((g) => g.stage === stage);
      const gates = mode === 'full' ? all : all.filter((g) => g.status !== 'passed');
      passedLeftOut += all.length - gates.length;
      if (gates.length === 0) continue;
      lines.push(`#### ${stage}`, '');
      lines.push('| Status | Gate | Priority | Duration | Attempts | Note |');
      lines.push('| --- | --- | --- | --- | --- | --- |');
      for (const gate of gates) lines.push(tableRow(gate));
      lines.push('');
    }
    if (passedLeftOut > 0) {
      lines.push(`<sub>${passedLeftOut} passed gate(s) left out to fit the size limit.</sub>`, '');
    }
    if (result.hooks.length > 0) {
      lines.push('#### rollback and cleanup', '');
      lines.push('| Status | Command | Kind | Duration | Note |');
      lines.push('| --- | --- | --- | --- | --- |');
      for (const hook of result.hooks) {
        const icon = hook.status === 'passed' ? '✅' : '❌';
        lines.push(
          `| ${icon} ${hook.status} | ${escapeCell(hook.name)} | ${hook.kind} | ${formatDuration(hook.durationMs)} | ${escapeCell(truncate(hook.detail ?? '', 300))} |`,
        );
      }
      lines.push('');
    }
    return lines;
  };

  const findingsSection = (limit: number): string[] => {
    const lines: string[] = ['### Findings', ''];
    let shown = 0;
    let total = 0;
    for (const priority of PRIORITIES) {
      const list = insights.findings[priority];
      if (list.length === 0) continue;
      total += list.length;
      if (shown >= limit) continue;
      lines.push(`#### ${priority}`, '');
      for (const finding of list.slice(0, limit - shown)) {
        lines.push(
          `- **${escapeInline(finding.gateName)}** · ${finding.stage} · ${finding.action}: ${escapeInline(truncate(finding.text, 500))}`,
        );
        for (const location of finding.locations) {
          lines.push(`  - ${escapeInline(truncate(location, 300))}`);
        }
        if (finding.moreLocations > 0) {
          lines.push(`  - and ${finding.moreLocations} more in report.json and results.sarif`);
        }
        shown++;
      }
      lines.push('');
    }
    if (total === 0) lines.push('No findings.', '');
    else if (shown < total) {
      lines.push(
        `<sub>${total - shown} more finding(s) left out to fit the size limit; see report.json.</sub>`,
        '',
      );
    }
    return lines;
  };

  const next = ['### Next step', '', escapeInline(insights.nextStep), ''];
  const foot: string[] = [];
  if (options.reportPath) {
    foot.push(`<sub>Full report: ${escapeInline(options.reportPath)}</sub>`, '');
  }
  const footText = foot.join('\n');

  // What to act on comes first; when space runs out, tails go first (lowest priority
  // first), then passed rows, then the rows that do not fit, then the longest finding lists.
  const room = budget - byteLength(footText) - 512;
  let core = '';
  for (const limit of [Infinity, 200, 50, 10]) {
    core = [...head, ...findingsSection(limit), ...next].join('\n');
    if (byteLength(core) <= room) break;
  }
  const full = stageTables('full').join('\n');
  if (byteLength(core) + byteLength(full) <= room) {
    return fitTails(`${core}\n${full}`, tailBlocks(result), footText, budget);
  }
  const condensed = stageTables('condensed');
  const kept: string[] = [];
  let used = byteLength(core);
  for (const [index, line] of condensed.entries()) {
    if (used + byteLength(line) + 1 > room - 200) {
      const rows = condensed
        .slice(index)
        .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
      kept.push(
        '',
        `<sub>${rows.length} more row(s) left out to fit the size limit; see report.json.</sub>`,
        '',
      );
      break;
    }
    kept.push(line);
    used += byteLength(line) + 1;
  }
  return fitTails(`${core}\n${kept.join('\n')}`, [], footText, budget);
}

function tableRow(gate: GateResult): string {
  const note = gate.detail ?? '';
  const attempts = gate.attempts === 0 ? '–' : String(gate.attempts);
  const duration =
    gate.status === 'skipped' || gate.status === 'planned' ? '–' : formatDuration(gate.durationMs);
  return (
    `| ${statusIcon(gate)} ${escapeCell(statusLabel(gate))} | ${escapeCell(gate.name)}` +
    `${gate.name !== gate.id ? ` <sub>${escapeCell(gate.id)}</sub>` : ''} | ${gate.priority} · ${gate.action} ` +
    `| ${duration} | ${attempts} | ${escapeCell(truncate(note, 300))} |`
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface TailBlock {
  gate: GateResult;
  text: string;
}

/** The last requests of a failing probe: what came back and why it did not count. */
export function probeTable(gate: GateResult, last = 5): string {
  if (!gate.probe || gate.probe.attempts.length === 0) return '';
  const attempts = gate.probe.attempts.slice(-last);
  const rows = attempts.map(
    (a) =>
      `| ${a.attempt} | ${a.status ?? '–'} | ${Math.round(a.latencyMs)} ms | ${a.ok ? 'ok' : escapeCell(a.failure ?? '')} | ${escapeCell(truncate(a.message ?? '', 200))} |`,
  );
  const shown =
    gate.probe.attempts.length > attempts.length
      ? `Last ${attempts.length} of ${gate.probe.attempts.length} attempts`
      : `${attempts.length} attempt(s)`;
  return [
    `${shown} of ${escapeInline(gate.probe.method)} ${escapeInline(gate.probe.url)}:`,
    '',
    '| # | Status | Latency | Result | Why |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function tailBlocks(result: RunResult): TailBlock[] {
  return result.gates
    .filter((g) => isFailure(g.status) && (g.tail !== '' || g.probe))
    .map((gate) => ({
      gate,
      text: [
        `<details${gate.action === 'abort' || gate.action === 'block' ? ' open' : ''}>`,
        // Inside an HTML block Markdown escapes would show: HTML escaping only.
        `<summary>${statusIcon(gate)} ${escapeHtmlLine(gate.name)} (${gate.priority}, ${escapeHtmlLine(truncate(gate.detail ?? gate.status, 300))})</summary>`,
        '',
        probeTable(gate),
        preBlock(gate.tail),
        gate.tailTruncated ? '\n<sub>Earlier output left out; see the full log.</sub>' : '',
        '</details>',
        '',
      ].join('\n'),
    }));
}

/** Drops whole tails from the lowest priority up until the summary fits, and says so. */
function fitTails(fixed: string, tails: TailBlock[], foot: string, budget: number): string {
  const heading = '### Failing output\n\n';
  // Sizes are summed once, not re-measured per dropped tail: thousands of gates stay fast.
  const sizes = new Map(tails.map((block) => [block, byteLength(block.text) + 1]));
  let total = byteLength(fixed) + byteLength(foot) + byteLength(heading) + 2;
  for (const size of sizes.values()) total += size;
  const dropOrder = [...tails].sort(
    (a, b) =>
      priorityRank(b.gate.priority) - priorityRank(a.gate.priority) ||
      STAGES.indexOf(b.gate.stage) - STAGES.indexOf(a.gate.stage),
  );
  const dropped = new Set<TailBlock>();
  let noteBytes = 400;
  for (const victim of dropOrder) {
    if (total + noteBytes <= budget) break;
    dropped.add(victim);
    total -= sizes.get(victim)!;
    noteBytes += byteLength(victim.gate.id) + 2;
  }
  const kept = tails.filter((block) => !dropped.has(block));
  const parts = [fixed];
  if (tails.length > 0) parts.push(heading);
  for (const block of kept) parts.push(block.text);
  if (dropped.size > 0) {
    const names = [...dropped].map((b) => escapeInline(b.gate.id)).join(', ');
    parts.push(
      `<sub>Output of ${dropped.size} gate(s) left out to fit the size limit ` +
        `(lowest priority first): ${names}. Their logs are in the report directory.</sub>`,
      '',
    );
  }
  parts.push(foot);
  let text = parts.join('\n');
  if (byteLength(text) > budget) {
    // Only a config with thousands of gates gets here: cut at a line boundary.
    const cut = Buffer.from(text, 'utf8')
      .subarray(0, budget - 200)
      .toString('utf8');
    text = `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n<sub>Summary cut to fit the size limit; see the report file.</sub>\n`;
  }
  return text;
}
