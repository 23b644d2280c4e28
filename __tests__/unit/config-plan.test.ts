import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { parseConfig } from '../../src/engine/config/parse.js';
import type { ReleaseGatesConfig } from '../../src/engine/config/types.js';
import {
  buildPlan,
  parseList,
  plannedGates,
  type Plan,
  type PlanOptions,
  type PlannedGate,
} from '../../src/engine/plan.js';

const FILE = '.github/release-gates.yml';

/** One gate per stage, listed in reverse pipeline order, two lint gates. */
const PIPELINE = `version: 1
gates:
  - { id: prod-health, stage: health, priority: P0, http: { url: "https://api.example.com/health" } }
  - { id: deploy, stage: deploy, priority: P0, run: ./deploy.sh }
  - { id: image-scan, stage: image, priority: P2, run: trivy image app }
  - { id: web-build, stage: build, priority: P1, run: npm run build }
  - { id: audit, stage: security, priority: P3, run: pip-audit }
  - { id: api-test, stage: test, priority: P1, run: pytest }
  - { id: mypy, stage: typecheck, priority: P2, run: mypy . }
  - { id: web-lint, stage: lint, priority: P2, run: npm run lint }
  - { id: api-lint, stage: lint, priority: P1, run: ruff check . }
`;

const STAGE_ORDER = ['lint', 'typecheck', 'test', 'security', 'build', 'image', 'deploy', 'health'];

function config(text: string = PIPELINE): ReleaseGatesConfig {
  return parseConfig(text, FILE);
}

function plan(options: Partial<PlanOptions> = {}, text?: string): Plan {
  return buildPlan(config(text), {
    mode: 'enforce',
    event: 'push',
    branch: 'main',
    defaultConcurrency: 2,
    ...options,
  });
}

function byId(p: Plan): Map<string, PlannedGate> {
  return new Map(plannedGates(p).map((g) => [g.gate.id, g]));
}

function runningIds(p: Plan): string[] {
  return plannedGates(p)
    .filter((g) => g.skip === undefined)
    .map((g) => g.gate.id);
}

function configurationProblems(fn: () => unknown): readonly string[] {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  return (thrown as ConfigurationError).problems;
}

describe('buildPlan: stage order', () => {
  it('lists all eight stages in pipeline order regardless of config order', () => {
    const p = plan();
    expect(p.stages.map((s) => s.stage)).toEqual(STAGE_ORDER);
    expect(p.stages.map((s) => s.gates.map((g) => g.gate.id))).toEqual([
      ['web-lint', 'api-lint'],
      ['mypy'],
      ['api-test'],
      ['audit'],
      ['web-build'],
      ['image-scan'],
      ['deploy'],
      ['prod-health'],
    ]);
  });

  it('keeps empty stages and config order within a stage', () => {
    const p = plan(
      {},
      `version: 1
gates:
  - { id: smoke, stage: health, priority: P0, run: curl -f localhost }
  - { id: z-lint, stage: lint, priority: P1, run: a }
  - { id: a-lint, stage: lint, priority: P1, run: b }
`,
    );
    expect(p.stages.map((s) => s.stage)).toEqual(STAGE_ORDER);
    expect(p.stages.map((s) => s.gates.length)).toEqual([2, 0, 0, 0, 0, 0, 0, 1]);
    expect(p.stages[0]!.gates.map((g) => g.gate.id)).toEqual(['z-lint', 'a-lint']);
    expect(plannedGates(p).map((g) => g.gate.id)).toEqual(['z-lint', 'a-lint', 'smoke']);
  });

  it('does not reorder the config it was given', () => {
    const c = config();
    const before = c.gates.map((g) => g.id);
    buildPlan(c, { mode: 'enforce', event: 'push', defaultConcurrency: 1 });
    expect(c.gates.map((g) => g.id)).toEqual(before);
  });

  it('records mode, event and branch; no branch when none is given', () => {
    const p = plan({ mode: 'plan', event: 'pull_request', branch: 'feature/x' });
    expect(p.mode).toBe('plan');
    expect(p.event).toBe('pull_request');
    expect(p.branch).toBe('feature/x');
    expect(plan({ branch: undefined })).not.toHaveProperty('branch');
  });

  it('runs every gate when nothing filters', () => {
    expect(runningIds(plan())).toHaveLength(9);
  });
});

describe('buildPlan: only and skip', () => {
  it('only with ids skips everything else for filter', () => {
    const p = plan({ only: ['api-lint', 'deploy'] });
    expect(runningIds(p)).toEqual(['api-lint', 'deploy']);
    expect(byId(p).get('web-lint')!.skip).toEqual({
      reason: 'filter',
      detail: 'not selected by only',
    });
  });

  it('only with stage:<name> selects a whole stage, mixed with ids', () => {
    expect(runningIds(plan({ only: ['stage:lint'] }))).toEqual(['web-lint', 'api-lint']);
    expect(runningIds(plan({ only: ['stage:health', 'mypy'] }))).toEqual(['mypy', 'prod-health']);
  });

  it('skip with ids and stages', () => {
    const p = plan({ skip: ['stage:lint', 'deploy'] });
    expect(runningIds(p)).toEqual([
      'mypy',
      'api-test',
      'audit',
      'web-build',
      'image-scan',
      'prod-health',
    ]);
    const gates = byId(p);
    expect(gates.get('api-lint')!.skip).toEqual({
      reason: 'filter',
      detail: 'skipped by skip: stage:lint',
    });
    expect(gates.get('deploy')!.skip).toEqual({
      reason: 'filter',
      detail: 'skipped by skip: deploy',
    });
  });

  it('skip applies after only', () => {
    const p = plan({ only: ['stage:lint', 'api-test'], skip: ['web-lint'] });
    expect(runningIds(p)).toEqual(['api-lint', 'api-test']);
    expect(byId(p).get('web-lint')!.skip!.detail).toBe('skipped by skip: web-lint');
    expect(byId(p).get('mypy')!.skip!.detail).toBe('not selected by only');
  });

  it('selecting a known stage that has no gates is valid and selects nothing', () => {
    const p = plan(
      { only: ['stage:image'] },
      'version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x }\n',
    );
    expect(runningIds(p)).toEqual([]);
  });

  it('an unknown id in only is a ConfigurationError naming only and the known ids', () => {
    const problems = configurationProblems(() => plan({ only: ['api-lnit'] }));
    expect(problems).toEqual([
      `only: unknown gate id "api-lnit"; ${FILE} defines prod-health, deploy, image-scan, web-build, audit, api-test, mypy, web-lint, api-lint`,
    ]);
  });

  it('an unknown id in skip is a ConfigurationError naming skip', () => {
    const problems = configurationProblems(() => plan({ skip: ['nope'] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^skip: unknown gate id "nope"; /);
    expect(problems[0]).toContain(FILE);
  });

  it('an unknown stage is a ConfigurationError naming the field and the stages', () => {
    expect(configurationProblems(() => plan({ only: ['stage:qa'] }))).toEqual([
      `only: unknown stage "qa"; expected one of ${STAGE_ORDER.join(', ')}`,
    ]);
    expect(configurationProblems(() => plan({ skip: ['stage:Lint'] }))).toEqual([
      `skip: unknown stage "Lint"; expected one of ${STAGE_ORDER.join(', ')}`,
    ]);
  });

  it('lists every bad selector of a field at once', () => {
    const problems = configurationProblems(() => plan({ only: ['x', 'stage:y', 'api-lint', 'z'] }));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^only: unknown gate id "x"/);
    expect(problems[1]).toMatch(/^only: unknown stage "y"/);
    expect(problems[2]).toMatch(/^only: unknown gate id "z"/);
  });

  it('does not treat a stage name without the prefix as a stage', () => {
    expect(configurationProblems(() => plan({ only: ['lint'] }))[0]).toMatch(
      /^only: unknown gate id "lint"/,
    );
  });
});

describe('buildPlan: when conditions', () => {
  const text = `version: 1
gates:
  - { id: on-push, stage: test, priority: P1, run: x, when: { events: [push] } }
  - { id: on-main, stage: test, priority: P1, run: x, when: { branches: [main] } }
  - { id: on-release, stage: deploy, priority: P0, run: x, when: { branches: ["release/*"] } }
  - { id: on-feature, stage: test, priority: P2, run: x, when: { branches: ["feature/**"] } }
  - { id: push-main, stage: deploy, priority: P0, run: x, when: { events: [push], branches: [main] } }
  - { id: always, stage: lint, priority: P1, run: x }
`;
  const running = (event: string, branch: string | undefined) =>
    runningIds(plan(branch === undefined ? { event, branch: undefined } : { event, branch }, text));

  it('when.events selects by event', () => {
    expect(running('push', 'other')).toEqual(['always', 'on-push']);
    const p = plan({ event: 'pull_request', branch: 'other' }, text);
    expect(byId(p).get('on-push')!.skip).toEqual({
      reason: 'condition',
      detail: 'runs on push; this run is pull_request',
    });
  });

  it('when.branches matches exact names', () => {
    expect(running('pull_request', 'main')).toEqual(['always', 'on-main']);
    expect(byId(plan({ event: 'push', branch: 'mainline' }, text)).get('on-main')!.skip).toEqual({
      reason: 'condition',
      detail: 'runs on branches main; this run is on mainline',
    });
  });

  it('release/* matches one segment only', () => {
    expect(running('pull_request', 'release/1.2')).toEqual(['always', 'on-release']);
    expect(running('pull_request', 'release/1/2')).toEqual(['always']);
    expect(running('pull_request', 'release')).toEqual(['always']);
  });

  it('feature/** matches deep branches', () => {
    expect(running('pull_request', 'feature/a')).toEqual(['always', 'on-feature']);
    expect(running('pull_request', 'feature/team/a/b')).toEqual(['always', 'on-feature']);
    expect(running('pull_request', 'features/a')).toEqual(['always']);
  });

  it("branch filters have GitHub's semantics: `.` is literal, `?` makes the character before it optional", () => {
    const gate = (branches: string) =>
      `version: 1\ngates:\n  - { id: g, stage: lint, priority: P1, run: x, when: { branches: ${branches} } }\n`;
    const runs = (branch: string, branches: string) =>
      runningIds(plan({ event: 'push', branch }, gate(branches))).length === 1;
    expect(runs('v1x2', '["v1.2", "hotfix-?"]')).toBe(false);
    expect(runs('v1.2', '["v1.2", "hotfix-?"]')).toBe(true);
    expect(runs('hotfix', '["v1.2", "hotfix-?"]')).toBe(true);
    expect(runs('hotfix-9', '["v1.2", "hotfix-?"]')).toBe(false);
    expect(runs('release/v1.2', '["release/v[0-9].[0-9]"]')).toBe(true);
    expect(runs('release/v1.2', '["release/**", "!release/v1.*"]')).toBe(false);
    expect(runs('release/v2.0', '["release/**", "!release/v1.*"]')).toBe(true);
  });

  it('both events and branches must match', () => {
    expect(running('push', 'main')).toEqual(['always', 'on-push', 'on-main', 'push-main']);
    expect(
      byId(plan({ event: 'pull_request', branch: 'main' }, text)).get('push-main')!.skip,
    ).toEqual({ reason: 'condition', detail: 'runs on push; this run is pull_request' });
  });

  it('a run without a branch skips branch-conditioned gates, not the others', () => {
    const p = plan({ event: 'push', branch: undefined }, text);
    expect(runningIds(p)).toEqual(['always', 'on-push']);
    expect(byId(p).get('on-main')!.skip).toEqual({
      reason: 'condition',
      detail: 'runs on branches main; this run has no branch',
    });
  });

  it('a filter skip wins over a condition skip', () => {
    const p = plan({ event: 'pull_request', skip: ['on-push'] }, text);
    expect(byId(p).get('on-push')!.skip!.reason).toBe('filter');
  });
});

describe('buildPlan: concurrency', () => {
  const withConcurrency = PIPELINE.replace('version: 1\n', 'version: 1\nconcurrency: 4\n');

  it('the option wins over the config and the default', () => {
    expect(plan({ concurrency: 7, defaultConcurrency: 3 }, withConcurrency).concurrency).toBe(7);
  });

  it('the config wins over the default', () => {
    expect(plan({ defaultConcurrency: 3 }, withConcurrency).concurrency).toBe(4);
  });

  it('the default is used when neither sets it', () => {
    expect(plan({ defaultConcurrency: 3 }).concurrency).toBe(3);
  });
});

describe('buildPlan: policy actions and modes', () => {
  const text = `version: 1
policy: { P2: fail, P3: warn }
gates:
  - { id: p0, stage: lint, priority: P0, run: x }
  - { id: p1, stage: lint, priority: P1, run: x }
  - { id: p2, stage: lint, priority: P2, run: x }
  - { id: p3, stage: lint, priority: P3, run: x }
`;
  const actions = (mode: PlanOptions['mode'], source = text) =>
    Object.fromEntries(plannedGates(plan({ mode }, source)).map((g) => [g.gate.id, g.action]));

  it('enforce uses the policy as configured', () => {
    expect(actions('enforce')).toEqual({ p0: 'abort', p1: 'block', p2: 'fail', p3: 'warn' });
  });

  it('audit turns abort and block into fail and keeps the rest', () => {
    expect(actions('audit')).toEqual({ p0: 'fail', p1: 'fail', p2: 'fail', p3: 'warn' });
  });

  it('audit keeps warn and notice of the default policy', () => {
    const defaults = text.replace('policy: { P2: fail, P3: warn }\n', '');
    expect(actions('audit', defaults)).toEqual({
      p0: 'fail',
      p1: 'fail',
      p2: 'warn',
      p3: 'notice',
    });
    expect(actions('enforce', defaults)).toEqual({
      p0: 'abort',
      p1: 'block',
      p2: 'warn',
      p3: 'notice',
    });
  });

  it('audit does not skip anything for policy', () => {
    expect(plannedGates(plan({ mode: 'audit' }, text)).every((g) => g.skip === undefined)).toBe(
      true,
    );
  });
});

describe('parseList', () => {
  it('splits commas and newlines and trims', () => {
    expect(parseList('api-lint, web-lint\nstage:test\n  deploy  ')).toEqual([
      'api-lint',
      'web-lint',
      'stage:test',
      'deploy',
    ]);
  });

  it('drops empty items', () => {
    expect(parseList('a,,b,\n\n,c\n')).toEqual(['a', 'b', 'c']);
    expect(parseList(' , \n ')).toEqual([]);
  });

  it('handles CRLF input from a multi-line action input', () => {
    expect(parseList('a\r\nb\r\n')).toEqual(['a', 'b']);
  });

  it('returns an empty list for undefined and the empty string', () => {
    expect(parseList(undefined)).toEqual([]);
    expect(parseList('')).toEqual([]);
  });

  it('feeds buildPlan', () => {
    const p = plan({ only: parseList('stage:lint,\nmypy') });
    expect(runningIds(p)).toEqual(['web-lint', 'api-lint', 'mypy']);
  });
});
