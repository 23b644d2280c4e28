import { describe, expect, it } from '@jest/globals';
import type { GateResult, RunResult } from '../../src/engine/index.js';
import { findingLevel } from '../../src/engine/findings/resolve.js';
import { buildAnnotations } from '../../src/reporters/annotations.js';
import { gate as built } from '../helpers/results.js';
import { checkConclusion } from '../../src/action/github/check-run.js';

function gate(
  id: string,
  priority: GateResult['priority'],
  action: GateResult['action'],
  findings = 0,
): GateResult {
  return built({
    id,
    priority,
    action,
    status: 'failed',
    detail: 'exited with code 1',
    exitCode: 1,
    durationMs: 10,
    attemptHistory: [],
    findings: Array.from({ length: findings }, (_, i) => ({
      tool: 'tsc',
      file: `src/f${i}.ts`,
      line: i + 1,
      column: 2,
      message: `problem ${i}`,
      ruleId: 'TS2322',
      severity: 'error' as const,
    })),
  });
}

function run(gates: GateResult[], mode: RunResult['mode'] = 'enforce'): RunResult {
  return {
    verdict: 'failed',
    mode,
    configFile: '.github/release-gates.yml',
    event: 'push',
    policy: { P0: 'abort', P1: 'block', P2: 'warn', P3: 'notice' },
    concurrency: 2,
    startedAt: '',
    finishedAt: '',
    durationMs: 0,
    cancelled: false,
    gates,
    hooks: [],
    failedGates: gates.map((g) => g.id),
  };
}

describe('annotations from findings', () => {
  it('puts each gate annotation before its file:line findings, P0 first', () => {
    const annotations = buildAnnotations(
      run([gate('lint', 'P1', 'block', 2), gate('api', 'P0', 'abort', 1)]),
    );
    expect(annotations.map((a) => [a.level, a.title, a.file, a.line, a.column])).toEqual([
      ['error', 'P0 api', undefined, undefined, undefined],
      ['error', 'P0 api: tsc TS2322', 'src/f0.ts', 1, 2],
      ['error', 'P1 lint', undefined, undefined, undefined],
      ['error', 'P1 lint: tsc TS2322', 'src/f0.ts', 1, 2],
      ['error', 'P1 lint: tsc TS2322', 'src/f1.ts', 2, 2],
    ]);
  });

  it('keeps within 10 per level, with a last slot saying how many more, and a reserved slot', () => {
    const annotations = buildAnnotations(run([gate('types', 'P1', 'block', 30)]), 1);
    expect(annotations).toHaveLength(9);
    expect(annotations[8]).toMatchObject({ title: '23 more', level: 'error' });
  });

  it("never raises a tool's own warning or note above it, and follows a lenient policy", () => {
    expect(findingLevel('abort', true, 'warning')).toBe('warning');
    expect(findingLevel('block', true, 'note')).toBe('notice');
    expect(findingLevel('warn', true, 'error')).toBe('warning');
    expect(findingLevel('notice', true, 'error')).toBe('notice');
    expect(findingLevel('fail', true, undefined)).toBe('error');
    // Nothing that let its gate pass is an error.
    expect(findingLevel('abort', false, 'error')).toBe('warning');
    expect(findingLevel('notice', false, undefined)).toBe('notice');
  });
});

describe('check run conclusion', () => {
  it('is neutral for a failed verdict in audit mode, failure in enforce mode', () => {
    expect(checkConclusion(run([gate('a', 'P0', 'fail')], 'audit'))).toBe('neutral');
    expect(checkConclusion(run([gate('a', 'P0', 'abort')]))).toBe('failure');
  });
});
