import { ConfigurationError, MODES, type Mode, type RunResult } from '../engine/index.js';
import { checkedOutBranch } from './git-branch.js';

/*
 * What the action and the CLI both decide, decided once: how a mode and a concurrency are
 * read, which branch a run is on, and whether a verdict fails the run.
 */

/** `label` names where the value came from: `input mode`, `--mode`. */
export function parseMode(value: string, label: string): Mode {
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  throw new ConfigurationError(
    `${label}: expected one of ${MODES.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

export function parseConcurrency(value: string, label: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new ConfigurationError(
      `${label}: expected a whole number of at least 1, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * The branch being built: the PR's head branch, or the pushed branch; undefined for a tag.
 * Outside Actions (no GITHUB_REF), the branch checked out at `dir`, so that `when: branches`
 * means the same on a laptop as in CI.
 */
export function detectBranch(
  env: Record<string, string | undefined>,
  dir: string,
): string | undefined {
  if (env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  const ref = env.GITHUB_REF;
  if (ref?.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  if (ref) return undefined;
  return checkedOutBranch(dir);
}

/** Enforce fails on a failed verdict; audit reports it, and plan has none. */
export function failsRun(result: RunResult): boolean {
  return result.mode === 'enforce' && result.verdict === 'failed';
}
