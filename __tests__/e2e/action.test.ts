import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  copyFixture,
  isAlive,
  killLeftovers,
  nodeBinaries,
  processesInside,
  readPidFiles,
  removeTempDirs,
  sleep,
  waitFor,
} from '../helpers/fixtures.js';
import { runAction, startAction, type ActionRun } from '../helpers/runner-harness.js';
import { headings, PIPELINE, renderedText, stageTables } from '../helpers/summary.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * The committed bundle (dist/index.js) run as the GitHub runner runs it: a child process with
 * the runner's files and INPUT_* variables. Main cases run under both Node 20 and Node 24.
 */

const NODES = nodeBinaries();
const DEFAULT_POLICY = { P0: 'abort', P1: 'block', P2: 'warn', P3: 'notice' } as const;
const TOKEN = /^[0-9a-f]{16,}$/i;

/**
 * The runner sends SIGTERM 7.5 s after its SIGINT, and SIGKILL 2.5 s after that: a cancelled
 * run must be over before the SIGTERM, its reports written and its cleanup run (README,
 * sections 'Cancellation' and 'Rollback and cleanup'). A contract with the runner, not a speed
 * target: the shutdown itself takes at most about 4.5 s (2 s of kill grace, 2.2 s for the hooks,
 * the reports), and a SIGTERM on its own starts the same shutdown.
 */
const CANCEL_EXIT_WITHIN_MS = 7_500;
/**
 * p0-abort's slow gate sleeps 30 s: a run that ends within this killed it rather than waited
 * for it, on any machine. A contract, not a speed target (npm run bench has those).
 */
const KILLED_NOT_AWAITED_MS = 10_000;

let leftovers: number[] = [];
afterEach(() => {
  killLeftovers(leftovers);
  leftovers = [];
});
afterAll(removeTempDirs);

type ReportGate = NonNullable<ActionRun['report']>['gates'][number];

function gatesById(run: ActionRun): Record<string, ReportGate> {
  expect(run.report).toBeDefined();
  return Object.fromEntries(run.report!.gates.map((g) => [g.id, g]));
}

/** Outputs every run sets; failed-gates parsed as JSON. */
function expectOutputs(run: ActionRun, result: string, failed: string[], highest: string): void {
  expect(Object.keys(run.outputs).sort()).toEqual(
    ['failed-gates', 'highest-failed-priority', 'report-path', 'result'].sort(),
  );
  expect(run.outputs.result).toBe(result);
  expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(failed);
  expect(run.outputs['highest-failed-priority']).toBe(highest);
}

/** report-path is the default $RUNNER_TEMP/release-gates/report.json and names the file read. */
function expectDefaultReportPath(run: ActionRun): void {
  const expected = path.join(run.files.runnerTemp, 'release-gates', 'report.json');
  expect(run.outputs['report-path']).toBe(expected);
  expect(existsSync(expected)).toBe(true);
}

/** Verdict first, the three sections, and one table per stage that has gates. */
function expectSummaryShape(run: ActionRun, verdict: RegExp, stages: string[]): void {
  const firstLine = run.summary.split('\n')[0]!;
  expect(firstLine).toMatch(/^#{1,3} /);
  expect(firstLine).toMatch(verdict);
  const titles = headings(run.summary);
  for (const section of ['Executive summary', 'Findings', 'Next step']) {
    expect(titles).toContain(section);
  }
  const executive = run.summary.split('### Executive summary')[1]!.split(/\n#{1,6} /)[0]!;
  const points = executive.split('\n').filter((line) => line.startsWith('- '));
  expect(points.length).toBeGreaterThanOrEqual(1);
  expect(points.length).toBeLessThanOrEqual(10);
  const tables = stageTables(run.summary);
  expect(tables.map((t) => t.stage)).toEqual(stages);
  for (const table of tables) {
    for (const column of ['Status', 'Gate', 'Priority', 'Duration', 'Attempts']) {
      expect(table.header).toContain(column);
    }
    const inStage = run.report!.gates.filter((g) => g.stage === table.stage);
    expect(table.rows).toHaveLength(inStage.length);
    inStage.forEach((gate, i) => expect(table.rows[i]).toContain(gate.id));
  }
}

/** The report.json contract for every gate. */
function expectReportGateFields(run: ActionRun): void {
  const report = run.report!;
  expect(report.schema).toBe('release-gates/report@1');
  for (const gate of report.gates) {
    for (const field of [
      'id',
      'name',
      'stage',
      'priority',
      'action',
      'status',
      'reason',
      'exitCode',
      'durationMs',
      'attempts',
      'outputTail',
      'logPath',
    ]) {
      expect(gate).toHaveProperty(field);
    }
    if (gate.status === 'skipped' || gate.status === 'planned') {
      expect(gate.attempts).toBe(0);
      expect(gate.exitCode).toBeNull();
    } else {
      expect(typeof gate.logPath).toBe('string');
      expect(existsSync(gate.logPath!)).toBe(true);
      expect(gate.attempts).toBeGreaterThanOrEqual(1);
    }
  }
  // Pipeline order, whatever the config order.
  const stageOrder = report.gates.map((g) =>
    PIPELINE.indexOf(g.stage as (typeof PIPELINE)[number]),
  );
  expect(stageOrder).toEqual([...stageOrder].sort((a, b) => a - b));
}

/** Every ran gate's log is printed once, in a group, inside stop-commands with a fresh token. */
function expectGateLogsFenced(run: ActionRun): void {
  const log = parseWorkflowLog(run.stdout);
  const ran = run.report!.gates.filter((g) => g.status !== 'skipped' && g.status !== 'planned');
  const tokens = new Set<string>();
  for (const gate of ran) {
    const groups = log.groups.filter((g) => g.title.startsWith(`${gate.name} `));
    expect(groups).toHaveLength(1);
    const group = groups[0]!;
    expect(group.title).toContain(gate.priority);
    expect(group.token).toMatch(TOKEN);
    tokens.add(group.token!);
    const logText = readFileSync(gate.logPath!, 'utf8').trim();
    if (logText !== '') expect(group.body).toContain(logText);
  }
  expect(tokens.size).toBe(ran.length);
}

describe.each(NODES)('action bundle under $label', ({ path: node }) => {
  it('all-pass: passes, sets outputs, writes summary and report, fences gate output', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, node });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectOutputs(run, 'passed', [], '');
    expectDefaultReportPath(run);

    const report = run.report!;
    expect(report.verdict).toBe('passed');
    expect(report.mode).toBe('enforce');
    expect(report.cancelled).toBe(false);
    expectReportGateFields(run);
    expect(report.gates.map((g) => g.id)).toEqual([
      'code-lint',
      'types',
      'unit-tests',
      'env-drift',
      'docs-links',
    ]);
    for (const gate of report.gates) {
      expect(gate.status).toBe('passed');
      expect(gate.reason).toBeNull();
      expect(gate.exitCode).toBe(0);
      expect(gate.attempts).toBe(1);
      expect(gate.action).toBe(DEFAULT_POLICY[gate.priority]);
      expect(existsSync(path.join(workspace, `ran-${gate.id}`))).toBe(true);
    }
    const gates = gatesById(run);
    expect(gates['unit-tests']!.outputTail).toContain('unit tests ok');
    expect(readFileSync(gates['unit-tests']!.logPath!, 'utf8')).toContain('unit tests ok');
    expect(gates['docs-links']!.priority).toBe('P3');
    expect(gates['env-drift']!.priority).toBe('P2');

    expectSummaryShape(run, /passed/i, ['lint', 'typecheck', 'test', 'security', 'build']);
    expect(run.summary.split('\n')[0]).not.toMatch(/fail|warn/i);

    // Gate output that looks like workflow commands stays inert.
    expectGateLogsFenced(run);
    const log = parseWorkflowLog(run.stdout);
    expect(log.suppressed).toEqual(
      expect.arrayContaining([
        '::error title=injected::gate output must not become an annotation',
        '::set-output name=result::hacked',
      ]),
    );
    expect(annotations(log)).toEqual([]);
    expect(log.commands.map((c) => c.name)).not.toContain('set-output');
    expect(run.stdout).toContain('release-gates: passed');
  });

  it('p0-abort: a failing P0 cancels its running neighbour and skips later stages', async () => {
    const workspace = await copyFixture('p0-abort');
    const run = await runAction({ workspace, node });

    expect(run.code).toBe(1);
    // slow-e2e (sleep 30) was killed, not waited for, and nothing of it is left.
    expect(run.exitedAt - run.startedAt).toBeLessThan(KILLED_NOT_AWAITED_MS);
    await sleep(300);
    expect(processesInside(workspace)).toEqual([]);
    expectOutputs(run, 'failed', ['api-tests'], 'P0');
    expectDefaultReportPath(run);
    expectReportGateFields(run);

    const report = run.report!;
    expect(report.verdict).toBe('failed');
    expect(report.stoppedBy).toEqual({ id: 'api-tests', priority: 'P0', action: 'abort' });
    const gates = gatesById(run);
    expect(gates['lint-ok']!.status).toBe('passed');
    expect(gates['api-tests']).toMatchObject({
      stage: 'test',
      priority: 'P0',
      action: 'abort',
      status: 'failed',
      exitCode: 3,
      attempts: 1,
    });
    expect(gates['api-tests']!.outputTail).toContain(
      'FAILED tests/test_health.py::test_health - AssertionError',
    );
    expect(gates['slow-e2e']).toMatchObject({ stage: 'test', priority: 'P1', status: 'cancelled' });
    expect(gates['slow-e2e']!.durationMs).toBeLessThan(KILLED_NOT_AWAITED_MS);
    expect(existsSync(path.join(workspace, 'slow-e2e.finished'))).toBe(false);
    for (const id of ['image-build', 'deploy-prod']) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'policy', attempts: 0 });
      expect(existsSync(path.join(workspace, `${id}.ran`))).toBe(false);
    }
    // Cleanup runs also after an abort, and knows what failed.
    expect(readFileSync(path.join(workspace, 'cleanup.ran'), 'utf8')).toBe(
      'failed gates api-tests\n',
    );
    expect(report.hooks).toEqual([
      expect.objectContaining({ kind: 'cleanup', name: 'mark cleanup', status: 'passed' }),
    ]);

    const log = parseWorkflowLog(run.stdout);
    const errors = annotations(log).filter((a) => a.name === 'error');
    const p0 = errors.filter((a) => a.props.title?.startsWith('P0 '));
    expect(p0).toHaveLength(1);
    expect(p0[0]!.props.title).toBe('P0 API tests');
    expect(p0[0]!.message).toContain('api-tests');
    expect(p0[0]!.message).toContain('exited with code 3');
    // The cancelled neighbour is not a failure annotation.
    expect(errors.some((a) => a.message.includes('slow-e2e'))).toBe(false);
    expectGateLogsFenced(run);

    expectSummaryShape(run, /fail/i, ['lint', 'test', 'build', 'deploy']);
    expect(headings(run.summary)).toContain('P0');
    const findings = run.summary.slice(run.summary.indexOf('### Findings'));
    expect(findings).toContain('API tests');
    const next = run.summary.slice(run.summary.indexOf('### Next step'));
    expect(next).toContain('api-tests');
  });

  it('p1-block: the lint stage finishes, later stages are skipped', async () => {
    const workspace = await copyFixture('p1-block');
    const run = await runAction({ workspace, node });

    expect(run.code).toBe(1);
    expectOutputs(run, 'failed', ['ruff'], 'P1');
    expectReportGateFields(run);
    const gates = gatesById(run);
    expect(run.report!.stoppedBy).toEqual({ id: 'ruff', priority: 'P1', action: 'block' });
    expect(gates.ruff).toMatchObject({ status: 'failed', action: 'block', exitCode: 1 });
    expect(gates.ruff!.outputTail).toContain("app/main.py:3:1: F401 'os' imported but unused");
    // eslint ends a second after ruff failed: block lets the stage finish.
    expect(gates.eslint).toMatchObject({ status: 'passed', exitCode: 0 });
    expect(existsSync(path.join(workspace, 'eslint.finished'))).toBe(true);
    expect(gates.prettier!.status).toBe('passed');
    for (const [id, marker] of [
      ['mypy', 'mypy.ran'],
      ['unit', 'unit.ran'],
    ] as const) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'policy' });
      expect(existsSync(path.join(workspace, marker))).toBe(false);
    }
    const errors = annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === 'error');
    expect(errors.some((a) => a.props.title === 'P1 Python lint (ruff)')).toBe(true);
    expectSummaryShape(run, /fail/i, ['lint', 'typecheck', 'test']);
  });

  it('warn-only: a failing P2 gives passed-with-warnings, exit 0 and a warning', async () => {
    const workspace = await copyFixture('warn-only');
    const run = await runAction({ workspace, node });

    expect(run.code).toBe(0);
    expectOutputs(run, 'passed-with-warnings', ['env-drift'], 'P2');
    expectReportGateFields(run);
    expect(run.report!.verdict).toBe('passed-with-warnings');
    const gates = gatesById(run);
    expect(gates['env-drift']).toMatchObject({ status: 'failed', action: 'warn', exitCode: 1 });
    expect(gates.unit!.status).toBe('passed');
    expect(gates.changelog!.status).toBe('passed');
    expect(existsSync(path.join(workspace, 'unit.ran'))).toBe(true);

    const found = annotations(parseWorkflowLog(run.stdout));
    expect(found.filter((a) => a.name === 'error')).toEqual([]);
    const warnings = found.filter((a) => a.name === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.props.title).toBe('P2 .env.example drift');
    expect(warnings[0]!.message).toContain('env-drift');

    expectSummaryShape(run, /passed with warnings|passed-with-warnings/i, [
      'lint',
      'test',
      'build',
    ]);
    expect(headings(run.summary)).toContain('P2');
  });

  it('invalid-config: fails with one ::error per problem, nothing runs', async () => {
    const workspace = await copyFixture('invalid-config');
    const run = await runAction({ workspace, node });

    expect(run.code).toBe(1);
    expectOutputs(run, 'failed', [], '');
    expect(run.outputs['report-path']).toBe('');
    expect(existsSync(path.join(workspace, 'should-not-run.marker'))).toBe(false);

    const file = '.github/release-gates.yml';
    const expected = [
      `${file}: gates[0].id: expected an id matching`,
      `${file}: gates[0].priority: expected one of P0, P1, P2, P3, got "P5"`,
      `${file}: gates[2].id: duplicate id "dup"`,
      `${file}: gates[2].stage: expected one of lint, typecheck, test, security, build, image, deploy, health, got "tests"`,
      `${file}: gates[3]: expected exactly one of run, http, uses; got run and uses`,
      `${file}: gates[4].working-directory: expected a path inside the workspace`,
      `${file}: gates[4].colour: unknown key "colour"`,
    ];
    const errors = annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === 'error');
    const configErrors = errors.filter((a) => a.props.title === 'release-gates configuration');
    expect(configErrors).toHaveLength(expected.length);
    for (const start of expected) {
      expect(configErrors.filter((a) => a.message.startsWith(start))).toHaveLength(1);
    }
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.summary.split('\n')[0]).toMatch(/invalid configuration/i);
    const summaryText = renderedText(run.summary);
    for (const start of expected) expect(summaryText).toContain(start);
  });

  it('audit mode: every selected gate runs, exit 0, verdict still failed', async () => {
    const workspace = await copyFixture('p0-abort');
    const run = await runAction({ workspace, node, inputs: { mode: 'audit', skip: 'slow-e2e' } });

    expect(run.code).toBe(0);
    expectOutputs(run, 'failed', ['api-tests'], 'P0');
    expectReportGateFields(run);
    const report = run.report!;
    expect(report.mode).toBe('audit');
    expect(report.verdict).toBe('failed');
    const gates = gatesById(run);
    expect(gates['api-tests']).toMatchObject({ status: 'failed', action: 'fail', exitCode: 3 });
    expect(gates['slow-e2e']).toMatchObject({ status: 'skipped', reason: 'filter' });
    for (const id of ['lint-ok', 'image-build', 'deploy-prod']) {
      expect(gates[id]!.status).toBe('passed');
    }
    expect(existsSync(path.join(workspace, 'image-build.ran'))).toBe(true);
    expect(existsSync(path.join(workspace, 'deploy-prod.ran'))).toBe(true);
    expect(report.gates.some((g) => g.reason === 'policy')).toBe(false);
    expect(
      annotations(parseWorkflowLog(run.stdout)).some((a) => a.props.title === 'P0 API tests'),
    ).toBe(true);
    expectSummaryShape(run, /fail/i, ['lint', 'test', 'build', 'deploy']);
  });

  it('plan mode: nothing runs, result planned', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, node, inputs: { mode: 'plan' } });

    expect(run.code).toBe(0);
    expectOutputs(run, 'planned', [], '');
    for (const id of ['code-lint', 'types', 'unit-tests', 'env-drift', 'docs-links']) {
      expect(existsSync(path.join(workspace, `ran-${id}`))).toBe(false);
    }
    const log = parseWorkflowLog(run.stdout);
    expect(log.groups).toEqual([]);
    expect(annotations(log)).toEqual([]);
    expectDefaultReportPath(run);
    expect(run.report!.verdict).toBe('planned');
    expect(run.report!.mode).toBe('plan');
    expect(run.report!.gates.map((g) => g.status)).toEqual(Array(5).fill('planned'));
    expectSummaryShape(run, /plan/i, ['lint', 'typecheck', 'test', 'security', 'build']);
  });

  it('SIGTERM cancels: exits in time, reports cancelled gates, leaves no process', async () => {
    await expectCancel(node, ['SIGTERM']);
  });
});

describe('action plan output', () => {
  // README, section 'Modes': plan mode "validate[s] the config and print[s] the ordered plan
  // (stages, gates, priorities, policy); nothing runs".
  it('plan mode shows what a failure of each gate would do (the policy)', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, inputs: { mode: 'plan' } });
    expect(run.code).toBe(0);
    const shown = `${run.stdout}\n${renderedText(run.summary)}`;
    for (const action of ['abort', 'block', 'warn', 'notice']) {
      expect(shown).toMatch(new RegExp(`\\b${action}\\b`));
    }
  });

  it('plan mode prints the ordered plan in the step log', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, inputs: { mode: 'plan' } });
    expect(run.code).toBe(0);
    const positions = ['code-lint', 'types', 'unit-tests', 'env-drift', 'docs-links'].map((id) =>
      run.stdout.indexOf(id),
    );
    expect(positions.filter((i) => i < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('action inputs', () => {
  it('only: ids and stage:<name>, comma separated', async () => {
    const workspace = await copyFixture('filters');
    const run = await runAction({ workspace, inputs: { only: 'lint-a, stage:test' } });
    expect(run.code).toBe(0);
    expectOutputs(run, 'passed', [], '');
    expectRan(workspace, ['lint-a', 'push-only', 'unit']);
    const gates = gatesById(run);
    for (const id of ['lint-b', 'main-only', 'release-branches', 'dispatch-main']) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'filter' });
    }
  });

  it('skip: newline separated, with when conditions on push to main', async () => {
    const workspace = await copyFixture('filters');
    const run = await runAction({ workspace, inputs: { skip: 'stage:lint\nunit' } });
    expect(run.code).toBe(0);
    expectRan(workspace, ['main-only', 'push-only']);
    const gates = gatesById(run);
    for (const id of ['lint-a', 'lint-b', 'unit']) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'filter' });
    }
    for (const id of ['release-branches', 'dispatch-main']) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'condition' });
    }
  });

  it('when: a pull_request from release/1.2 uses the head branch', async () => {
    const workspace = await copyFixture('filters');
    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      env: { GITHUB_HEAD_REF: 'release/1.2', GITHUB_BASE_REF: 'main' },
      event: { number: 7, pull_request: { head: { ref: 'release/1.2' }, base: { ref: 'main' } } },
    });
    expect(run.code).toBe(0);
    expectRan(workspace, ['lint-a', 'lint-b', 'release-branches', 'unit']);
    const gates = gatesById(run);
    for (const id of ['push-only', 'main-only', 'dispatch-main']) {
      expect(gates[id]).toMatchObject({ status: 'skipped', reason: 'condition' });
    }
  });

  it('when: workflow_dispatch on main runs the dispatch-only gate', async () => {
    const workspace = await copyFixture('filters');
    const run = await runAction({ workspace, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(0);
    expectRan(workspace, ['dispatch-main', 'lint-a', 'lint-b', 'main-only', 'unit']);
    expect(gatesById(run)['push-only']).toMatchObject({ status: 'skipped', reason: 'condition' });
  });

  it('an unknown only selector is a configuration error', async () => {
    const workspace = await copyFixture('filters');
    const run = await runAction({ workspace, inputs: { only: 'lint-a,nope' } });
    expect(run.code).toBe(1);
    expectOutputs(run, 'failed', [], '');
    expectRan(workspace, []);
    const errors = annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === 'error');
    expect(errors.some((a) => a.message.includes('"nope"') && a.message.startsWith('only'))).toBe(
      true,
    );
  });

  it('an invalid mode input is reported as an error annotation', async () => {
    const workspace = await copyFixture('all-pass');
    const run = await runAction({ workspace, inputs: { mode: 'yolo' } });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(existsSync(path.join(workspace, 'ran-code-lint'))).toBe(false);
    const errors = annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === 'error');
    expect(errors.some((a) => a.message.includes('mode') && a.message.includes('"yolo"'))).toBe(
      true,
    );
  });

  it('report-dir and working-directory are relative to the workspace', async () => {
    const repo = await copyFixture('all-pass');
    const root = path.dirname(repo);
    const run = await runAction({
      workspace: root,
      inputs: { 'working-directory': 'repo', 'report-dir': 'out/gates' },
    });
    expect(run.code).toBe(0);
    const reportPath = path.join(root, 'out', 'gates', 'report.json');
    expect(run.outputs['report-path']).toBe(reportPath);
    expect(run.reportPath).toBe(reportPath);
    expect(run.report!.verdict).toBe('passed');
    for (const gate of run.report!.gates) {
      expect(gate.logPath!.startsWith(path.join(root, 'out', 'gates'))).toBe(true);
    }
    // Gates ran in the working directory.
    expect(existsSync(path.join(repo, 'ran-unit-tests'))).toBe(true);
    expect(existsSync(path.join(root, 'ran-unit-tests'))).toBe(false);
  });
});

describe('action annotations', () => {
  it('stay within the runner limit of 10 errors per step, P0 first, then "N more"', async () => {
    const workspace = await copyFixture('many-failures');
    const run = await runAction({ workspace });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.outputs['failed-gates']!)).toHaveLength(12);
    expect(run.outputs['highest-failed-priority']).toBe('P0');

    const errors = annotations(parseWorkflowLog(run.stdout)).filter((a) => a.name === 'error');
    // The runner shows 10 error annotations per step; whatever comes after is lost, so every
    // ::error the step emits (the step's own failure message included) must fit in 10.
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors[0]!.props.title).toBe('P0 Critical check');
    const perGate = errors.filter((a) => /^P[0-3] /.test(a.props.title ?? ''));
    const more = errors.find((a) => /^\d+ more$/.test(a.props.title ?? ''));
    expect(more).toBeDefined();
    expect(perGate.length + Number(/^(\d+)/.exec(more!.props.title!)![1])).toBe(12);
  });
});

describe('action secrets and untrusted output', () => {
  const SECRET = 'dpl_S3cr3t-value-4242';

  it('redact values never reach the summary, report or annotations, and are masked first', async () => {
    const workspace = await copyFixture('secrets-and-markup');
    const run = await runAction({ workspace, env: { DEPLOY_TOKEN: SECRET } });

    expect(run.code).toBe(0);
    expectOutputs(run, 'passed-with-warnings', ['markup', 'leaky-deploy'], 'P2');
    const gates = gatesById(run);
    expect(gates['leaky-deploy']!.outputTail).toContain('deploying with token ***');
    expect(run.summary).not.toContain(SECRET);
    expect(readFileSync(run.reportPath, 'utf8')).not.toContain(SECRET);
    const log = parseWorkflowLog(run.stdout);
    for (const annotation of annotations(log)) {
      expect(JSON.stringify(annotation)).not.toContain(SECRET);
    }
    // The runner masks a value only in what is printed after ::add-mask:: for it.
    const mask = `::add-mask::${SECRET}`;
    expect(run.stdout).toContain(mask);
    expect(run.stdout.indexOf(SECRET)).toBe(run.stdout.indexOf(mask) + '::add-mask::'.length);
  });

  it('gate output can neither break the summary Markdown nor inject HTML', async () => {
    const workspace = await copyFixture('secrets-and-markup');
    const run = await runAction({ workspace, env: { DEPLOY_TOKEN: SECRET } });

    expect(run.code).toBe(0);
    const gates = gatesById(run);
    expect(gates.markup!.outputTail).toContain('<script>alert(1)</script>');
    const summary = run.summary;
    expect(summary).not.toMatch(/<script/i);
    expect(summary).not.toMatch(/<img/i);
    const count = (needle: string) => summary.split(needle).length - 1;
    expect(count('<details')).toBe(2);
    expect(count('</details>')).toBe(2);
    expect(count('<pre>')).toBe(2);
    expect(count('</pre>')).toBe(2);
    // Raw output lines may only sit inside a <pre> HTML block, which only </pre> ends.
    const outsidePre = summary.replace(/<pre>[\s\S]*?<\/pre>/g, '');
    expect(outsidePre).not.toContain('not a heading');
    expect(outsidePre).not.toContain('broken');
    expect(summary).toContain('## not a heading');
    expectSummaryShape(run, /passed with warnings|passed-with-warnings/i, ['lint', 'deploy']);
  });
});

describe('action cancellation like the runner', () => {
  it('SIGINT, then SIGTERM 7.5 s later if still alive: exits before the SIGTERM', async () => {
    await expectCancel(undefined, ['SIGINT', 'SIGTERM']);
  });
});

function expectRan(workspace: string, ids: string[]): void {
  const dir = path.join(workspace, 'ran');
  const ran = existsSync(dir) ? readdirSync(dir).sort() : [];
  expect(ran).toEqual([...ids].sort());
}

const CANCEL_GATES = ['long-sleep', 'ignores-term', 'holds-stdout'];

/**
 * Starts the cancel fixture, waits until every long gate wrote its pids, sends signals the
 * way the runner does (the second one only if the action is still alive 7.5 s later) and
 * checks the run ended cleanly.
 */
async function expectCancel(node: string | undefined, signals: NodeJS.Signals[]): Promise<void> {
  const workspace = await copyFixture('cancel');
  const pidDir = path.join(workspace, '.pids');
  const action = await startAction({ workspace, ...(node ? { node } : {}), timeoutMs: 30_000 });
  try {
    const ready = await waitFor(
      () => CANCEL_GATES.every((id) => existsSync(path.join(pidDir, `${id}.pids`))),
      15_000,
    );
    expect(ready).toBe(true);
    const pids = Object.values(readPidFiles(pidDir)).flat();
    leftovers = pids;
    expect(pids.length).toBeGreaterThanOrEqual(2 * CANCEL_GATES.length);
    expect(pids.every((pid) => isAlive(pid))).toBe(true);
    expect(action.exited()).toBe(false);

    const signalledAt = Date.now();
    action.kill(signals[0]!);
    if (signals[1]) {
      const gone = await waitFor(() => action.exited(), 7_500);
      if (!gone) action.kill(signals[1]);
    }
    const run = await action.done;
    expect(run.killedByHarness).toBe(false);
    expect(run.exitedAt - signalledAt).toBeLessThan(CANCEL_EXIT_WITHIN_MS);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();

    await sleep(300);
    const alive = pids.filter((pid) => isAlive(pid));
    expect(alive).toEqual([]);
    expect(processesInside(workspace)).toEqual([]);

    expect(run.outputs.result).toBe('failed');
    expect(existsSync(run.reportPath)).toBe(true);
    const report = run.report!;
    expect(report.cancelled).toBe(true);
    expect(report.verdict).toBe('failed');
    const gates = gatesById(run);
    expect(gates.warmup!.status).toBe('passed');
    for (const id of CANCEL_GATES) {
      expect(gates[id]!.status).toBe('cancelled');
      expect(gates[id]!.outputTail).not.toContain('late');
    }
    for (const marker of ['long-sleep.finished', 'holds-stdout.finished', 'never-started.ran']) {
      expect(existsSync(path.join(workspace, marker))).toBe(false);
    }
    // Cleanup runs also after a cancel.
    expect(existsSync(path.join(workspace, 'cleanup.ran'))).toBe(true);
    expect(report.hooks).toEqual([
      expect.objectContaining({ kind: 'cleanup', name: 'mark cleanup', status: 'passed' }),
    ]);
    expect(gates['never-started']!.status).toBe('skipped');
    expect(gates['never-started']!.reason).not.toBeNull();
    expect(report.gates.filter((g) => g.status === 'passed').map((g) => g.id)).toEqual(['warmup']);
    expect(run.summary.split('\n')[0]).toMatch(/cancel/i);
    expect(stageTables(run.summary).map((t) => t.stage)).toEqual(['lint', 'test', 'build']);
  } finally {
    if (!action.exited()) action.kill('SIGKILL');
  }
}
