import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  inspectRepository,
  optionalDependencyGroups,
  pyprojectDependencies,
  requirementNames,
  type RepoFacts,
} from '../../src/cli/init/detect.js';
import { CHECKOUT, planInit, renderConfig, renderWorkflow } from '../../src/cli/init/render.js';
import { parserWith } from '../helpers/checks.js';

/* `release-gates init` without the CLI: detection on fixture repositories, then the decisions. */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const FILE = '.github/release-gates.yml';

const parseGates = parserWith();

function emptyFacts(): RepoFacts {
  return {
    node: [],
    python: [],
    dockerfiles: [],
    composeFiles: [],
    workflows: [],
    envExample: false,
    version: false,
    changelog: false,
    readme: false,
  };
}

describe('dependency names', () => {
  it('reads requirements files: extras, markers, pins, comments and options', () => {
    expect(
      requirementNames(
        '# runtime\nFastAPI[all]>=0.110 ; python_version >= "3.11"\nuvicorn==0.29  # server\n-r dev.txt\n--index-url https://x\nPy_Test\n\n',
      ),
    ).toEqual(['fastapi', 'uvicorn', 'py-test']);
  });

  it('reads PEP 621, optional dependencies, dependency groups and Poetry tables', () => {
    const pyproject = `[project]
name = "api"
dependencies = [
  "fastapi>=0.110",
  'SQLAlchemy[asyncio]~=2.0',
]

[project.optional-dependencies]
dev = ["pytest>=8", "ruff"]
typing = [
  "mypy",
]

[dependency-groups]
test = ["httpx"]

[tool.poetry.dependencies]
python = "^3.11"
alembic = "^1.13"

[tool.poetry.group.dev.dependencies]
pytest-cov = "*"

[tool.ruff]
line-length = 100
`;
    expect(pyprojectDependencies(pyproject).sort()).toEqual(
      ['alembic', 'fastapi', 'httpx', 'mypy', 'pytest', 'pytest-cov', 'ruff', 'sqlalchemy'].sort(),
    );
    expect(optionalDependencyGroups(pyproject)).toEqual(['dev', 'typing']);
  });
});

describe('inspectRepository', () => {
  it('finds the CoffeeStudio layout', async () => {
    const facts = await inspectRepository(path.join(FIXTURES, 'init-coffeestudio'));
    expect(facts.python).toEqual([
      expect.objectContaining({
        dir: 'apps/api',
        files: ['pyproject.toml'],
        fastapi: true,
        pytest: true,
        ruff: true,
        mypy: true,
        alembic: true,
        extras: ['dev'],
        dockerfile: true,
      }),
    ]);
    expect(facts.node).toEqual([
      expect.objectContaining({ dir: 'apps/web', lockfile: 'npm', dockerfile: true }),
    ]);
    expect(facts.node[0]!.deps).toMatchObject({
      next: '14.2.3',
      eslint: '8.57.0',
      typescript: '5.4.5',
    });
    expect(facts.node[0]!.scripts.test).toBe('vitest run');
    expect(facts.composeFiles).toEqual(['docker-compose.yml']);
    expect(facts.workflows).toEqual(['.github/workflows/ci.yml']);
    expect(facts.dockerfiles.sort()).toEqual(['apps/api', 'apps/web']);
    expect(facts).toMatchObject({ envExample: true, version: true, changelog: true, readme: true });
  });

  it('finds projects anywhere in the first levels, whatever their names', async () => {
    const facts = await inspectRepository(path.join(FIXTURES, 'init-mixed'));
    expect(facts.python.map((p) => [p.dir, p.fastapi, p.pytest, p.ruff])).toEqual([
      ['backend', true, true, false],
    ]);
    expect(facts.node.map((n) => [n.dir, n.lockfile])).toEqual([
      ['.', 'npm'],
      ['frontend', 'pnpm'],
    ]);
    expect(facts.dockerfiles).toEqual(['.']);
    expect(facts.composeFiles).toEqual([]);
  });
});

describe('planInit', () => {
  it('uses the coffeestudio preset for the whole platform and adds the scripts it does not cover', async () => {
    const plan = planInit(await inspectRepository(path.join(FIXTURES, 'init-coffeestudio')));
    expect(plan.extends).toEqual(['coffeestudio']);
    expect(plan.gates.map(({ gate }) => gate.id)).toEqual(['web-tests']);
    expect(plan.gates[0]!.gate).toMatchObject({
      stage: 'test',
      priority: 'P1',
      'working-directory': 'apps/web',
      run: 'npm test',
    });
    // Without a deploy in the pipeline, the post-deploy probes start disabled, with the reason.
    expect(plan.disable.map((d) => d.id)).toEqual(['api-health', 'web-health']);
    expect(plan.disable[0]!.why).toContain('API_HEALTH_URL');
  });

  it('disables preset gates whose tool the project does not have', () => {
    const facts = emptyFacts();
    facts.python.push({
      dir: 'apps/api',
      files: ['requirements.txt'],
      deps: new Set(['fastapi']),
      fastapi: true,
      pytest: false,
      ruff: true,
      mypy: false,
      alembic: false,
      alembicWithoutVersions: true,
      extras: [],
      dockerfile: false,
    });
    facts.node.push({
      dir: 'apps/web',
      scripts: {},
      deps: { next: '14.2.3' },
      lockfile: 'yarn',
      dockerfile: true,
    });
    const plan = planInit(facts);
    expect(plan.extends).toEqual(['fastapi', 'nextjs']);
    const disabled = Object.fromEntries(plan.disable.map((d) => [d.id, d.why]));
    expect(Object.keys(disabled).sort()).toEqual(
      [
        'api-types',
        'api-tests',
        'api-migrations',
        'api-image',
        'api-health',
        'web-lint',
        'web-types',
        'web-deps-audit',
        'web-health',
      ].sort(),
    );
    expect(disabled['api-types']).toMatch(/mypy/);
    expect(disabled['api-migrations']).toMatch(/no alembic\/versions directory/);
    expect(disabled['web-deps-audit']).toMatch(/yarn/);
    // Not coffeestudio: the repository-wide checks are written out as gates.
    expect(plan.gates.map(({ gate }) => gate.id)).toEqual(['secrets', 'workflows']);
  });

  it('copies preset gates with the right directory for projects outside apps/api and apps/web', async () => {
    const plan = planInit(await inspectRepository(path.join(FIXTURES, 'init-mixed')));
    expect(plan.extends).toEqual([]);
    const gates = Object.fromEntries(plan.gates.map(({ gate }) => [gate.id, gate]));
    expect(gates['backend-tests']).toMatchObject({
      stage: 'test',
      priority: 'P0',
      'working-directory': 'backend',
    });
    expect(gates['frontend-build']).toMatchObject({ 'working-directory': 'frontend' });
    expect(gates['frontend-build']!.run).toContain('next build');
    expect(gates['lint']).toMatchObject({ run: 'npm run lint' });
    expect(gates['build']).toMatchObject({ run: 'npm run build' });
    expect(gates['app-image']!.run).toMatch(/^docker build/);
    // npm init's placeholder test script is not a test suite.
    expect(gates['tests']).toBeUndefined();
    const skipped = Object.fromEntries(plan.skipped.map((s) => [s.id, s.why]));
    expect(skipped['backend-lint']).toMatch(/ruff/);
    expect(skipped['frontend-deps-audit']).toMatch(/pnpm/);
    expect(skipped['backend-health']).toBeDefined();
  });

  it('writes only the repository-wide checks for an empty repository', () => {
    const plan = planInit(emptyFacts());
    expect(plan.gates.map(({ gate }) => gate.id)).toEqual(['secrets', 'workflows']);
    expect(plan.found).toEqual(['no package.json, Python project, Dockerfile or Compose file']);
  });
});

describe('renderConfig', () => {
  it.each(['init-coffeestudio', 'init-mixed', 'init-node'])(
    'the config written for %s is valid, commented and points at the schema',
    async (fixture) => {
      const plan = planInit(await inspectRepository(path.join(FIXTURES, fixture)));
      const text = renderConfig(plan);
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
      expect(text).toContain('release-gates init');
      const config = parseGates(text, FILE);
      expect(config.gates.length).toBeGreaterThan(0);
      for (const { gate, why } of plan.gates) {
        expect(text).toContain(`# ${why}`);
        expect(config.gates.map((g) => g.id)).toContain(gate.id);
      }
      for (const { id, why } of plan.disable) expect(text).toContain(`  - ${id} # ${why}`);
    },
  );

  it('the coffeestudio config extends the preset and lists why each gate is off', async () => {
    const text = renderConfig(
      planInit(await inspectRepository(path.join(FIXTURES, 'init-coffeestudio'))),
    );
    expect(text).toMatch(/^extends: \[coffeestudio\]$/m);
    expect(text).toMatch(/^disable:\n {2}- api-health # /m);
    const config = parseGates(text, FILE);
    expect(config.gates.find((g) => g.id === 'secrets')?.origin).toBe('preset:coffeestudio');
  });
});

describe('renderWorkflow', () => {
  it('is the least-privilege required check with a pinned checkout and the action', async () => {
    const plan = planInit(await inspectRepository(path.join(FIXTURES, 'init-coffeestudio')));
    const text = renderWorkflow(plan, FILE);
    const workflow = parse(text) as any;
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    const job = workflow.jobs['release-gates'];
    expect(job.name).toBe('release-gates');
    const steps = job.steps as Record<string, any>[];
    expect(steps[0]!.uses).toBe('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683');
    expect(text).toContain(`uses: ${CHECKOUT}`);
    expect(steps[0]!.with).toEqual({ 'persist-credentials': false });
    const action = steps.at(-1)!;
    expect(action.uses).toBe('coffeestudio/release-gates@v1');
    expect(action.with).toEqual({ mode: "${{ inputs.mode || 'enforce' }}" });
    // Installs what the gates run: the web app's dependencies and the API's tools.
    expect(steps.find((s) => s.run === 'npm ci')).toMatchObject({
      'working-directory': 'apps/web',
    });
    const python = steps.find((s) => String(s.run).includes('pip'))!;
    expect(python.run).toContain("-e './apps/api[dev]'");
    for (const tool of ['ruff', 'mypy', 'pytest', 'pip-audit']) expect(python.run).toContain(tool);
    // No ${{ }} inside any run: script.
    for (const step of steps) expect(String(step.run ?? '')).not.toContain('${{');
  });

  it('names a config that is not at the default path', () => {
    const text = renderWorkflow(planInit(emptyFacts()), 'ci/gates.yml');
    const action = (parse(text) as any).jobs['release-gates'].steps.at(-1);
    expect(action.with.config).toBe('ci/gates.yml');
  });
});
