import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeTempDirs } from '../helpers/fixtures.js';
import { makeWorkspace } from '../helpers/robustness.js';
import { runAction } from '../helpers/runner-harness.js';
import { parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * Defects of an outside red-team pass, driven through the bundle as the runner runs it. Each
 * test fails on the build before its fix.
 */

afterAll(removeTempDirs);

const gate = (run: string, extra = '') =>
  `version: 1\ngates:\n  - id: g\n    stage: lint\n    priority: P1\n    run: ${JSON.stringify(run)}\n${extra}`;

describe('what gates inherit', () => {
  it('gates and hooks get none of the runner-internal credentials or the inputs', async () => {
    const dump = 'env | cut -d= -f1 | sort > "$OUT_DIR/$RELEASE_GATES_GATE_ID.env"';
    const workspace = await makeWorkspace(
      `${gate(dump)}    env: { OUT_DIR: out }\ncleanup:\n  - run: env | cut -d= -f1 | sort > out/cleanup.env\n`,
      { 'out/.keep': '' },
    );
    const internal = {
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
      ACTIONS_RUNTIME_URL: 'http://127.0.0.1:9/runtime/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc',
      ACTIONS_CACHE_URL: 'http://127.0.0.1:9/cache/',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/results/',
      KEPT_BY_THE_WORKFLOW: 'yes',
    };
    const run = await runAction({ workspace, env: internal });
    expect(run.code).toBe(0);
    for (const file of ['g.env', 'cleanup.env']) {
      const names = readFileSync(path.join(workspace, 'out', file), 'utf8').split('\n');
      expect(names).toContain('KEPT_BY_THE_WORKFLOW');
      for (const name of Object.keys(internal).filter((n) => n.startsWith('ACTIONS_'))) {
        expect({ file, name, present: names.includes(name) }).toEqual({
          file,
          name,
          present: false,
        });
      }
      expect(names.filter((name) => name.startsWith('INPUT_'))).toEqual([]);
    }
  });
});

describe('what the action prints from config data', () => {
  it('plan mode cannot issue workflow commands through a run: or an http url', async () => {
    const workspace = await makeWorkspace(
      [
        'version: 1',
        'gates:',
        '  - id: g',
        '    stage: lint',
        '    priority: P1',
        `    run: ${JSON.stringify('true\r::set-output name=result::hijacked\r::add-mask::x')}`,
        '  - id: h',
        '    stage: health',
        '    priority: P1',
        `    http: { url: ${JSON.stringify('http://127.0.0.1:9/\n::set-output name=verdict::hijacked')} }`,
        '',
      ].join('\n'),
    );
    const run = await runAction({ workspace, inputs: { mode: 'plan' } });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('planned');
    // The runner ends a line at \r as well as at \n.
    const log = parseWorkflowLog(run.stdout.replace(/\r/g, '\n'));
    const issued = log.commands.map((c) => c.name);
    expect(issued).not.toContain('set-output');
    expect(issued).not.toContain('add-mask');
    expect(log.suppressed.some((line) => line.startsWith('::set-output'))).toBe(true);
  });
});

describe('paths that resolve outside the workspace', () => {
  it('a working-directory that is a committed symlink to outside is a config error', async () => {
    const outside = await makeTempDir('rg-outside-');
    writeFileSync(path.join(outside, 'secret.txt'), 'outside data');
    const workspace = await makeWorkspace(
      gate('cat secret.txt > ../stolen.txt', '    working-directory: link\n'),
    );
    symlinkSync(outside, path.join(workspace, 'link'));
    const run = await runAction({ workspace });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('gate g: working-directory link resolves outside the workspace');
    expect(existsSync(path.join(workspace, 'stolen.txt'))).toBe(false);
    expect(run.stdout).not.toContain('outside data');
  });

  it('a config input outside the workspace is refused unread, never echoed', async () => {
    const workspace = await makeWorkspace(gate('true'));
    const run = await runAction({
      workspace,
      inputs: { config: '/proc/self/environ' },
      env: { CANARY_VALUE: 'canary-9f3c1e' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the config file resolves outside the workspace; it was not read');
    expect(run.stdout + run.stderr + run.summary).not.toContain('canary-9f3c1e');
  });

  it('a working-directory input that climbs out of the workspace is refused', async () => {
    const workspace = await makeWorkspace(gate('true'));
    const sibling = path.join(path.dirname(workspace), 'sibling');
    await mkdir(path.join(sibling, '.github'), { recursive: true });
    writeFileSync(path.join(sibling, '.github', 'release-gates.yml'), gate('touch ran'));
    const run = await runAction({ workspace, inputs: { 'working-directory': '../sibling' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'input working-directory: ../sibling resolves outside the workspace',
    );
    expect(existsSync(path.join(sibling, 'ran'))).toBe(false);
  });
});

describe('report files', () => {
  it('are each written whole or not at all, and each failure is its own warning', async () => {
    const workspace = await makeWorkspace(gate('true'));
    const reportDir = path.join(workspace, 'reports');
    await mkdir(reportDir);
    // A directory where junit.xml should go: that file cannot be written, the others can.
    await mkdir(path.join(reportDir, 'junit.xml'));
    const run = await runAction({ workspace, inputs: { 'report-dir': 'reports' } });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8')).verdict).toBe(
      'passed',
    );
    expect(readFileSync(path.join(reportDir, 'results.sarif'), 'utf8')).toContain('"2.1.0"');
    const warnings = parseWorkflowLog(run.stdout).commands.filter((c) => c.name === 'warning');
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^release-gates could not write .*junit\.xml: /),
    ]);
    expect(run.outputs['report-path']).toBe(path.join(reportDir, 'report.json'));
    // No half-written temporary file is left behind.
    expect(readdirSync(reportDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
