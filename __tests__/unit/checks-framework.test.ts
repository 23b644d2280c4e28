import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { CheckDefinition } from '../../src/engine/checks/types.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { buildPlan } from '../../src/engine/plan.js';
import { runPipeline } from '../../src/engine/pipeline.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { catalogueWith, parserWith } from '../helpers/checks.js';

const FILE = '.github/release-gates.yml';
const hasFile: CheckDefinition<{ path: string; min: number }> = {
  id: 'has-file',
  title: 'A file exists',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: z.strictObject({ path: z.string().min(1), min: z.number().int().default(1) }),
  async run(options, ctx) {
    ctx.log(`looking for ${options.path}`);
    const found = existsSync(path.join(ctx.cwd, options.path));
    return {
      passed: found,
      summary: found ? `${options.path} exists` : `${options.path} is missing`,
      findings: found
        ? []
        : [
            {
              tool: 'has-file',
              file: options.path,
              line: 1,
              message: 'missing',
              ruleId: 'missing',
            },
          ],
    };
  },
};
const CHECKS = catalogueWith(hasFile);
const parse = parserWith(CHECKS);

const config = (gate: string) =>
  `version: 1\ngates:\n  - id: check\n    stage: lint\n    priority: P1\n${gate}`;

function problems(text: string): readonly string[] {
  try {
    parse(text, FILE);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('uses: built-in checks', () => {
  it('names the gate, the option and the check when with: is wrong', () => {
    expect(problems(config('    uses: has-file\n    with: { path: 3, extra: 1 }\n'))).toEqual([
      `${FILE}: gates[0].with.path: expected a string, got 3 (check has-file)`,
      `${FILE}: gates[0].with.extra: unknown key "extra" (check has-file)`,
    ]);
  });

  it('names an unknown check and lists the known ones', () => {
    expect(problems(config('    uses: no-such-check\n'))[0]).toMatch(
      /^\.github\/release-gates\.yml: gates\[0\]\.uses: unknown check "no-such-check"; expected one of .*has-file/,
    );
  });

  it('runs the check in-process and reports its findings', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'rg-uses-'));
    const parsed = parse(config('    uses: has-file\n    with: { path: missing.txt }\n'), FILE);
    const plan = buildPlan(parsed, { mode: 'enforce', event: 'push', defaultConcurrency: 1 });
    const result = await runPipeline(plan, {
      workspace,
      env: {},
      spawn: spawnInProcessGroup,
      now: Date.now,
      logDir: path.join(workspace, 'logs'),
      checks: CHECKS,
    });
    const gate = result.gates[0]!;
    expect(gate.status).toBe('failed');
    expect(gate.kind).toBe('uses');
    expect(gate.detail).toBe('missing.txt is missing');
    expect(gate.findings).toEqual([
      {
        tool: 'has-file',
        file: 'missing.txt',
        line: 1,
        message: 'missing',
        ruleId: 'missing',
        rule: 'has-file/missing',
        level: 'error',
      },
    ]);
    expect(gate.tail).toContain('looking for missing.txt');
    expect(gate.tail).toContain('missing.txt:1: error: missing [missing]');
  });
});
