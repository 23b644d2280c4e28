import { describe, expect, it } from '@jest/globals';
import { parserWith } from '../helpers/checks.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { parseConfig } from '../../src/engine/config/parse.js';
import { configJsonSchema } from '../../src/engine/config/json-schema.js';
import { buildPlan } from '../../src/engine/plan.js';
import { planResult } from '../../src/engine/plan-result.js';
import { presetNames } from '../../src/engine/presets/index.js';
import { buildReport } from '../../src/reporters/report-json.js';
import { renderTextPlan } from '../../src/reporters/text-plan.js';

// The presets use the built-in checks; where one is missing (while it is being written),
// a stand-in that accepts any options takes its place for these tests.
const BUILTIN_IDS = [
  'env-example',
  'secrets',
  'compose',
  'workflows',
  'versions',
  'migrations',
  'health',
];
const parse = parserWith();

const FILE = '.github/release-gates.yml';

function problemsOf(text: string, options?: Parameters<typeof parseConfig>[2]): string[] {
  try {
    parse(text, FILE, options);
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

const byId = (config: ReturnType<typeof parseConfig>) =>
  Object.fromEntries(config.gates.map((gate) => [gate.id, gate]));

describe('the built-in presets', () => {
  it.each(['fastapi', 'nextjs', 'compose', 'coffeestudio'])(
    '%s loads on its own; every gate has a stage, a priority and its origin',
    (name) => {
      const config = parse(`version: 1\nextends: [${name}]\n`, FILE);
      expect(config.gates.length).toBeGreaterThan(0);
      for (const gate of config.gates) {
        expect(gate.origin).toMatch(/^preset:(fastapi|nextjs|compose|coffeestudio)$/);
        expect(gate.stage).toBeDefined();
        expect(gate.priority).toMatch(/^P[0-3]$/);
      }
      expect(config.presets).toContain(name);
      expect(config.extends).toEqual([name]);
    },
  );

  it('presetNames lists them', () => {
    expect(presetNames()).toEqual(['coffeestudio', 'compose', 'fastapi', 'nextjs']);
  });

  it('fastapi: ruff, mypy, pytest, pip-audit, migrations, image and health in apps/api', () => {
    const gates = byId(parse('version: 1\nextends: [fastapi]\n', FILE));
    expect(Object.keys(gates)).toEqual([
      'api-lint',
      'api-migrations',
      'api-types',
      'api-tests',
      'api-deps-audit',
      'api-image',
      'api-health',
    ]);
    expect(gates['api-lint']).toMatchObject({ stage: 'lint', workingDirectory: 'apps/api' });
    expect(gates['api-lint']!.run).toMatch(/^ruff check /);
    expect(gates['api-types']).toMatchObject({ stage: 'typecheck', run: 'mypy .' });
    expect(gates['api-tests']).toMatchObject({ stage: 'test', priority: 'P0' });
    expect(gates['api-tests']!.run).toContain('pytest');
    expect(gates['api-deps-audit']).toMatchObject({ stage: 'security' });
    expect(gates['api-deps-audit']!.run).toContain('pip-audit');
    expect(gates['api-migrations']).toMatchObject({ kind: 'uses', uses: 'migrations' });
    expect(gates['api-image']).toMatchObject({ stage: 'image' });
    expect(gates['api-image']!.run).toMatch(/^docker build /);
    expect(gates['api-health']).toMatchObject({
      stage: 'health',
      priority: 'P0',
      kind: 'uses',
      uses: 'health',
      with: { url: '${API_HEALTH_URL}' },
      when: { events: ['push'], branches: ['main'] },
    });
  });

  it('nextjs: eslint, tsc --noEmit, next build, npm audit, image and health in apps/web', () => {
    const gates = byId(parse('version: 1\nextends: [nextjs]\n', FILE));
    expect(gates['web-lint']!.run).toContain('eslint');
    expect(gates['web-types']).toMatchObject({ stage: 'typecheck', priority: 'P1' });
    expect(gates['web-types']!.run).toContain('tsc --noEmit');
    expect(gates['web-build']).toMatchObject({ stage: 'build', priority: 'P1' });
    expect(gates['web-build']!.run).toContain('next build');
    expect(gates['web-deps-audit']!.run).toBe('npm audit --audit-level=high');
    expect(gates['web-health']).toMatchObject({
      uses: 'health',
      with: { url: '${WEB_HEALTH_URL}' },
    });
    for (const gate of Object.values(gates)) {
      if (gate.stage !== 'health') expect(gate.workingDirectory).toBe('apps/web');
    }
  });

  it('coffeestudio: fastapi + nextjs + compose + every built-in check, with the platform priorities', () => {
    const config = parse('version: 1\nextends: [coffeestudio]\n', FILE);
    expect(config.presets).toEqual(['fastapi', 'nextjs', 'compose', 'coffeestudio']);
    const gates = byId(config);
    const uses = config.gates.filter((gate) => gate.kind === 'uses').map((gate) => gate.uses);
    expect(new Set(uses)).toEqual(new Set(BUILTIN_IDS));
    const priority = (id: string) => gates[id]!.priority;
    expect(priority('secrets')).toBe('P0');
    expect(priority('api-tests')).toBe('P0');
    expect(priority('api-health')).toBe('P0');
    expect([priority('web-types'), priority('web-build'), priority('api-types')]).toEqual([
      'P1',
      'P1',
      'P1',
    ]);
    expect(priority('env-example')).toBe('P2');
    expect(priority('versions')).toBe('P2');
    expect(priority('docs-links')).toBe('P3');
    expect(gates['compose']!.origin).toBe('preset:compose');
    expect(gates['secrets']!.origin).toBe('preset:coffeestudio');
    expect(gates['api-tests']!.origin).toBe('preset:fastapi');
    // A leaked secret is reported even when a P1 lint failure would block later stages.
    expect(gates['secrets']!.stage).toBe('lint');
  });
});

describe('extends and disable', () => {
  it('a gate of the file with a preset id replaces it in place and says what it replaced', () => {
    const config = parse(
      `version: 1
extends: [fastapi]
gates:
  - { id: own, stage: test, priority: P2, run: echo own }
  - { id: api-tests, stage: test, priority: P1, run: python3 -m unittest }
`,
      FILE,
    );
    const ids = config.gates.map((gate) => gate.id);
    expect(ids.indexOf('api-tests')).toBe(3); // where the preset put it
    expect(ids.at(-1)).toBe('own');
    const tests = byId(config)['api-tests']!;
    expect(tests).toMatchObject({
      priority: 'P1',
      run: 'python3 -m unittest',
      replaces: 'preset:fastapi',
    });
    expect(tests.origin).toBeUndefined();
    expect(tests.workingDirectory).toBe('.'); // replaced whole: nothing of the preset gate is kept
    expect(byId(config)['own']!.replaces).toBeUndefined();
  });

  it('disable drops preset gates and is recorded', () => {
    const config = parse(
      'version: 1\nextends: [coffeestudio]\ndisable: [api-image, web-image, compose]\n',
      FILE,
    );
    const ids = config.gates.map((gate) => gate.id);
    for (const id of ['api-image', 'web-image', 'compose']) expect(ids).not.toContain(id);
    expect(config.disabled).toEqual(['api-image', 'web-image', 'compose']);
  });

  it('needs no gates of its own with extends, and still needs gates without it', () => {
    expect(() => parse('version: 1\nextends: [compose]\n', FILE)).not.toThrow();
    expect(problemsOf('version: 1\n')).toEqual([`${FILE}: gates: required: expected a list`]);
    expect(problemsOf('version: 1\nextends: [compose]\ngates: []\n')).toEqual([
      expect.stringMatching(/^\.github\/release-gates\.yml: gates: expected at least one gate/),
    ]);
  });

  it('an unknown preset names extends[i] and lists the known ones', () => {
    expect(problemsOf('version: 1\nextends: [fastapi, django]\n')).toEqual([
      `${FILE}: extends[1]: unknown preset "django"; expected one of coffeestudio, compose, fastapi, nextjs`,
    ]);
  });

  it('extends must be a non-empty list of names', () => {
    expect(problemsOf('version: 1\nextends: fastapi\n')).toEqual([
      expect.stringMatching(
        /^\.github\/release-gates\.yml: extends: expected a list, got "fastapi"/,
      ),
    ]);
    expect(
      problemsOf(
        'version: 1\nextends: []\ngates: [{ id: a, stage: lint, priority: P1, run: x }]\n',
      ),
    ).toEqual([`${FILE}: extends: expected at least one preset name`]);
  });

  it("disable: unknown ids, the file's own gates and repeats are errors naming disable[i]", () => {
    const problems = problemsOf(`version: 1
extends: [compose]
disable: [compose, api-lint, mine, compose]
gates:
  - { id: mine, stage: lint, priority: P1, run: 'true' }
`);
    expect(problems).toEqual([
      `${FILE}: disable[1]: unknown gate id "api-lint"; expected one of the preset gates: compose`,
      `${FILE}: disable[2]: "mine" is a gate of this file (gates[0]), not of a preset; delete it there instead`,
      `${FILE}: disable[3]: duplicate id "compose" (first listed at disable[0])`,
    ]);
  });

  it('disable without extends explains that there are no preset gates', () => {
    expect(
      problemsOf(
        'version: 1\ndisable: [x]\ngates: [{ id: a, stage: lint, priority: P1, run: x }]\n',
      ),
    ).toEqual([
      `${FILE}: disable[0]: unknown gate id "x"; expected one of the preset gates: (none: add presets with extends)`,
    ]);
  });

  it('disabling every preset gate of a file without gates is an error', () => {
    expect(problemsOf('version: 1\nextends: [compose]\ndisable: [compose]\n')).toEqual([
      `${FILE}: gates: no gates left: the presets' gates are all disabled and the file defines none`,
    ]);
  });

  it('problems of the file and of its presets are reported together', () => {
    const problems = problemsOf(
      'version: 1\nextends: [nope]\ngates: [{ id: a, stage: tests, priority: P1, run: x }]\n',
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/gates\[0\]\.stage: expected one of/);
    expect(problems[1]).toMatch(/extends\[0\]: unknown preset "nope"/);
  });
});

describe('merging presets', () => {
  const presets = {
    base: `description: base
policy: { P2: fail }
defaults:
  timeout-minutes: 3
  working-directory: apps/api
  env: { A: base, B: base }
redact: [BASE_TOKEN]
gates:
  - { id: one, stage: lint, priority: P1, run: echo one }
  - { id: two, stage: test, priority: P2, run: echo two, timeout-minutes: 1 }
`,
    child: `extends: [base]
gates:
  - { id: two, stage: test, priority: P0, run: echo child }
  - { id: three, stage: build, priority: P3, run: echo three }
`,
    other: `extends: [base]
gates:
  - { id: four, stage: lint, priority: P3, run: echo four }
`,
    broken: `gates:
  - { id: ok, stage: lint, priority: P1, run: echo }
  - { id: bad, stage: lint, priority: P5, run: echo, colour: red }
`,
    syntax: 'gates: [\n',
    loop1: 'extends: [loop2]\ngates: [{ id: l1, stage: lint, priority: P1, run: x }]\n',
    loop2: 'extends: [loop1]\ngates: [{ id: l2, stage: lint, priority: P1, run: x }]\n',
    usesbad: 'gates: [{ id: u, stage: lint, priority: P1, uses: no-such-check }]\n',
  };

  it('applies nested presets first and once, later ones replacing earlier gates', () => {
    const config = parse('version: 1\nextends: [child, other]\n', FILE, { presets });
    expect(config.presets).toEqual(['base', 'child', 'other']);
    expect(config.gates.map((g) => [g.id, g.origin])).toEqual([
      ['one', 'preset:base'],
      ['two', 'preset:child'],
      ['three', 'preset:child'],
      ['four', 'preset:other'],
    ]);
    expect(byId(config)['two']!.run).toBe('echo child');
  });

  it("the file's policy, defaults and redact win; env maps and redact lists merge", () => {
    const config = parse(
      `version: 1
extends: [base]
policy: { P1: warn }
defaults: { timeout-minutes: 5, env: { B: file, C: file } }
redact: [DEPLOY_TOKEN, BASE_TOKEN]
`,
      FILE,
      { presets },
    );
    expect(config.policy).toEqual({ P0: 'abort', P1: 'warn', P2: 'fail', P3: 'notice' });
    expect(config.redact).toEqual(['BASE_TOKEN', 'DEPLOY_TOKEN']);
    const gates = byId(config);
    expect(gates['one']).toMatchObject({
      timeoutMs: 300_000,
      workingDirectory: 'apps/api',
      env: { A: 'base', B: 'file', C: 'file' },
    });
    expect(gates['two']!.timeoutMs).toBe(60_000);
  });

  it('problems inside a preset are reported against the preset name', () => {
    const problems = problemsOf('version: 1\nextends: [broken]\n', { presets });
    expect(problems).toEqual(
      expect.arrayContaining([
        'preset:broken: gates[1].priority: expected one of P0, P1, P2, P3, got "P5"',
        'preset:broken: gates[1].colour: unknown key "colour"',
      ]),
    );
    expect(problems.every((p) => p.startsWith('preset:broken: '))).toBe(true);
    expect(problemsOf('version: 1\nextends: [syntax]\n', { presets })[0]).toMatch(
      /^preset:syntax:\d+:\d+: YAML syntax error/,
    );
    expect(problemsOf('version: 1\nextends: [usesbad]\n', { presets })[0]).toMatch(
      /^preset:usesbad: gates\[0\]\.uses: unknown check "no-such-check"/,
    );
  });

  it('a preset that extends itself is an error, not a hang', () => {
    expect(problemsOf('version: 1\nextends: [loop1]\n', { presets })).toEqual([
      'preset:loop2: extends[0]: preset "loop1" extends itself (loop1 -> loop2 -> loop1)',
    ]);
  });
});

describe('origin in the plan and report.json', () => {
  const text = `version: 1
extends: [coffeestudio]
disable: [api-image, web-image]
gates:
  - { id: api-tests, stage: test, priority: P0, run: python3 -m unittest }
  - { id: smoke, stage: test, priority: P2, run: echo smoke }
`;
  const plan = () =>
    buildPlan(parse(text, FILE), {
      mode: 'plan',
      event: 'pull_request',
      defaultConcurrency: 2,
    });

  it('release-gates plan shows where each gate came from', () => {
    const out = renderTextPlan(plan());
    expect(out).toContain('Extends: coffeestudio (with fastapi, nextjs, compose)');
    expect(out).toMatch(
      /Gates: \d+ from presets, 1 replaced and 1 added by \.github\/release-gates\.yml; disabled: api-image, web-image/,
    );
    expect(out).toMatch(/^\s+P0 abort\s+secrets\s+preset:coffeestudio\s+run$/m);
    expect(out).toMatch(/^\s+P1 block\s+api-lint\s+preset:fastapi\s+run$/m);
    expect(out).toMatch(
      /^\s+P0 abort\s+api-tests\s+\.github\/release-gates\.yml \(replaces preset:fastapi\)\s+run$/m,
    );
    expect(out).toMatch(/^\s+P2 warn\s+smoke\s+\.github\/release-gates\.yml\s+run$/m);
    expect(out).toMatch(/^\s+P0 abort\s+api-health\s+preset:fastapi\s+skip \(condition/m);
  });

  it('a plan without presets has no origin column', () => {
    const config = parse(
      'version: 1\ngates: [{ id: a, stage: lint, priority: P1, run: x }]\n',
      FILE,
    );
    const out = renderTextPlan(
      buildPlan(config, { mode: 'plan', event: 'local', defaultConcurrency: 1 }),
    );
    expect(out).not.toContain('Extends');
    expect(out).toMatch(/^\s+P1 block\s+a\s+run$/m);
  });

  it('report.json has the origin of every gate', () => {
    const report = buildReport(planResult(plan(), Date.now()), { version: '0.0.0' });
    const origins = Object.fromEntries(report.gates.map((gate) => [gate.id, gate.origin]));
    expect(origins['secrets']).toBe('preset:coffeestudio');
    expect(origins['web-build']).toBe('preset:nextjs');
    expect(origins['api-tests']).toBe(FILE);
    expect(origins['smoke']).toBe(FILE);
    expect(report.gates.every((gate) => typeof gate.origin === 'string')).toBe(true);
  });
});

describe('the JSON Schema', () => {
  it('knows extends and disable, and needs gates or extends', () => {
    const schema = configJsonSchema({ checks: BUILTIN_IDS, presets: presetNames() }) as {
      properties: Record<string, unknown>;
      required: string[];
      anyOf: unknown[];
    };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['extends', 'disable']));
    expect(schema.required).not.toContain('gates');
    expect(schema.anyOf).toEqual([
      { properties: { gates: true }, required: ['gates'] },
      { properties: { extends: true }, required: ['extends'] },
    ]);
  });
});
