import type { GateResult, GateStatus, RunVerdict } from '../engine/index.js';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export const STATUS_ICONS: Record<GateStatus, string> = {
  passed: '✅',
  failed: '❌',
  'timed-out': '⏱️',
  cancelled: '🚫',
  skipped: '⏭️',
  planned: '📋',
};

export const VERDICT_ICONS: Record<RunVerdict, string> = {
  passed: '✅',
  'passed-with-warnings': '⚠️',
  failed: '❌',
  planned: '📋',
};

/** A failed gate whose policy makes it a warning or notice is shown as such, not as red. */
export function statusLabel(gate: GateResult): string {
  if (gate.status === 'skipped' && gate.reason) return `skipped (${gate.reason})`;
  if ((gate.status === 'failed' || gate.status === 'timed-out') && gate.action === 'warn') {
    return `${gate.status} (warn)`;
  }
  if ((gate.status === 'failed' || gate.status === 'timed-out') && gate.action === 'notice') {
    return `${gate.status} (notice)`;
  }
  return gate.status;
}

export function statusIcon(gate: GateResult): string {
  if (gate.status === 'failed' || gate.status === 'timed-out') {
    if (gate.action === 'warn') return '⚠️';
    if (gate.action === 'notice') return 'ℹ️';
  }
  return STATUS_ICONS[gate.status];
}
