import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../helpers/fixtures.js';

/*
 * The README's first command: `npm run demo` (scripts/demo.mjs) runs the example through the
 * committed CLI bundle, and `--broken` makes its API unhealthy. Run as real processes.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function demo(args: string[]) {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'rg-demo-'));
  return new Promise<{ code: number | null; stdout: string; stderr: string; report: any }>(
    (resolve) => {
      const child = spawn(
        process.execPath,
        ['scripts/demo.mjs', ...args, '--report-dir', reportDir],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) =>
        resolve({
          code,
          stdout,
          stderr,
          report: JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8')),
        }),
      );
    },
  );
}

const statusOf = (report: any, id: string) =>
  report.gates.find((gate: { id: string }) => gate.id === id)?.status;

function servicesStopped(report: any) {
  const cleanup = report.hooks.find((hook: { kind: string }) => hook.kind === 'cleanup');
  expect(cleanup?.status).toBe('passed');
  expect(cleanup.outputTail).toMatch(/stopped api \(pid \d+\)/);
  expect(cleanup.outputTail).toMatch(/stopped web \(pid \d+\)/);
  for (const pid of cleanup.outputTail.match(/pid (\d+)/g).map((m: string) => Number(m.slice(4)))) {
    expect(isAlive(pid)).toBe(false);
  }
}

describe('npm run demo', () => {
  it('runs the whole example pipeline green, deploy and health included', async () => {
    const run = await demo([]);
    expect(run.code).toBe(0);
    expect(run.report.verdict).toBe('passed');
    expect(run.report.gates).toHaveLength(15);
    expect(run.report.gates.every((g: { status: string }) => g.status === 'passed')).toBe(true);
    const api = run.report.gates.find((g: { id: string }) => g.id === 'api-health');
    expect(api.probe.attempts.at(-1)).toMatchObject({ status: 200, ok: true });
    expect(run.report.hooks.map((h: { kind: string }) => h.kind)).toEqual(['cleanup']);
    servicesStopped(run.report);
    expect(run.stdout).toContain('Release gates passed');
  }, 60_000);

  it('with --broken, the P0 API probe aborts the run, rollback runs and the report says why', async () => {
    const run = await demo(['--broken']);
    expect(run.code).toBe(1);
    expect(run.report.verdict).toBe('failed');
    expect(run.report.stoppedBy).toEqual({ id: 'api-health', priority: 'P0', action: 'abort' });
    expect(statusOf(run.report, 'api-health')).toBe('failed');
    const api = run.report.gates.find((g: { id: string }) => g.id === 'api-health');
    expect(api.detail).toContain('expected status 200, got 503');
    expect(api.detail).toContain('"database": "unreachable"');
    expect(api.probe.attempts).toHaveLength(20);
    const rollback = run.report.hooks.find((h: { kind: string }) => h.kind === 'rollback');
    expect(rollback.status).toBe('passed');
    expect(rollback.outputTail).toContain('api-health failed');
    servicesStopped(run.report);
    expect(run.stdout).toMatch(/P0 api-health \(health, abort\): .*got 503/);
  }, 60_000);
});
