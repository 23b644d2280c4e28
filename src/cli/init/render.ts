import path from 'node:path';
import { parse, stringify } from 'yaml';
import { BUILTIN_PRESETS } from '../../engine/presets/index.js';
import type { NodeProject, PythonProject, RepoFacts } from './detect.js';

/*
 * Turns what `release-gates init` found into a config and a workflow. Pure: facts in, text
 * out, so every decision is unit-tested. Presets are used where the repository has their
 * layout (apps/api, apps/web); elsewhere their gates are copied with the right directory.
 */

export const SCHEMA_COMMENT =
  '# yaml-language-server: $schema=https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/release-gates.schema.json';
export const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
export const SETUP_NODE = 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0';

type Gate = Record<string, unknown> & { id: string };

export interface InitPlan {
  extends: string[];
  /** Why each preset applies. */
  presetReasons: string[];
  disable: { id: string; why: string }[];
  gates: { gate: Gate; why: string }[];
  /** Preset gates not written for a project outside apps/api or apps/web, and why. */
  skipped: { id: string; why: string }[];
  /** One line per project or file group found, for the header and the CLI output. */
  found: string[];
  workflow: WorkflowPlan;
}

export interface WorkflowPlan {
  node: boolean;
  /** `run` steps that install what the gates need, before the action runs. */
  installSteps: { name: string; workingDirectory?: string; run: string }[];
}

/** The gates of a preset as written in checks/presets/<name>.yml (its own ones only). */
export function presetGates(name: string): Gate[] {
  const source = BUILTIN_PRESETS[name];
  if (source === undefined) throw new Error(`no preset ${name}`);
  const data = (typeof source === 'string' ? parse(source) : source) as { gates?: Gate[] };
  return data.gates ?? [];
}

const depVersion = (project: NodeProject, name: string) => project.deps[name];
const has = (project: NodeProject, name: string) => depVersion(project, name) !== undefined;
const isNext = (project: NodeProject) => has(project, 'next');

/** npm's placeholder test script from `npm init` fails on purpose; it is not a test suite. */
function realScript(command: string | undefined): command is string {
  return command !== undefined && command.trim() !== '' && !/no test specified/.test(command);
}

function base(dir: string): string {
  return dir === '.'
    ? ''
    : path.posix
        .basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-') || 'app';
}

export function planInit(facts: RepoFacts): InitPlan {
  const plan: InitPlan = {
    extends: [],
    presetReasons: [],
    disable: [],
    gates: [],
    skipped: [],
    found: describeFacts(facts),
    workflow: { node: facts.node.length > 0, installSteps: [] },
  };
  const ids = new Set<string>();
  const addGate = (gate: Gate, why: string) => {
    let id = gate.id;
    for (let n = 2; ids.has(id); n++) id = `${gate.id}-${n}`;
    ids.add(id);
    plan.gates.push({ gate: { ...gate, id }, why });
  };

  const api = facts.python.find((p) => p.fastapi && p.dir === 'apps/api');
  const web = facts.node.find((n) => isNext(n) && n.dir === 'apps/web');
  const compose = facts.composeFiles.length > 0;
  const platform = api !== undefined && web !== undefined && compose;
  if (platform) {
    plan.extends.push('coffeestudio');
    plan.presetReasons.push(
      'coffeestudio: FastAPI in apps/api, Next.js in apps/web and Docker Compose (it includes fastapi, nextjs, compose and every built-in check)',
    );
  } else {
    if (api) {
      plan.extends.push('fastapi');
      plan.presetReasons.push('fastapi: a FastAPI service in apps/api');
    }
    if (web) {
      plan.extends.push('nextjs');
      plan.presetReasons.push('nextjs: a Next.js app in apps/web');
    }
    if (compose) {
      plan.extends.push('compose');
      plan.presetReasons.push(`compose: ${facts.composeFiles.join(', ')}`);
    }
  }
  const presetIds = new Set(
    plan.extends
      .flatMap((name) =>
        name === 'coffeestudio'
          ? ['fastapi', 'nextjs', 'compose', 'coffeestudio'].flatMap((n) => presetGates(n))
          : presetGates(name),
      )
      .map((gate) => gate.id),
  );
  for (const id of presetIds) ids.add(id);
  const disable = (id: string, why: string) => {
    if (presetIds.has(id)) plan.disable.push({ id, why });
  };

  // The repository-wide checks: part of coffeestudio, written out otherwise.
  const builtins = presetGates('coffeestudio');
  const builtin = (id: string) => builtins.find((gate) => gate.id === id)!;
  const wanted: [string, boolean, string][] = [
    ['secrets', true, 'every repository: no committed secrets'],
    [
      'workflows',
      true,
      'every repository: the workflow init writes and any others in .github/workflows',
    ],
    ['env-example', facts.envExample, '.env.example exists'],
    ['versions', facts.version || facts.changelog, 'VERSION or CHANGELOG.md exists'],
  ];
  for (const [id, applies, why] of wanted) {
    if (platform) {
      if (!applies)
        disable(
          id,
          `no ${id === 'env-example' ? '.env.example' : 'VERSION or CHANGELOG.md'} in the repository`,
        );
    } else if (applies) addGate(builtin(id), why);
  }

  // Python services.
  for (const project of facts.python) {
    if (project === api) {
      for (const gate of presetGates('fastapi')) {
        const why = pythonMissing(project, gate.id.replace(/^api-/, ''));
        if (why) disable(gate.id, why);
      }
      continue;
    }
    const prefix = base(project.dir) || (project.fastapi ? 'api' : 'py');
    if (project.fastapi) {
      for (const gate of presetGates('fastapi')) {
        const copy = relocate(gate, 'api', prefix, project.dir);
        const why = pythonMissing(project, gate.id.replace(/^api-/, ''));
        if (why) plan.skipped.push({ id: copy.id, why });
        else
          addGate(
            copy,
            `FastAPI in ${project.dir} (the fastapi preset's gate; it assumes apps/api)`,
          );
      }
    } else {
      const tools: [boolean, Gate][] = [
        [
          project.ruff,
          {
            id: `${prefix}-lint`,
            name: `${prefix} lint (ruff)`,
            stage: 'lint',
            priority: 'P1',
            run: 'ruff check --output-format=concise .',
          },
        ],
        [
          project.mypy,
          {
            id: `${prefix}-types`,
            name: `${prefix} type-checks (mypy)`,
            stage: 'typecheck',
            priority: 'P1',
            run: 'mypy .',
          },
        ],
        [
          project.pytest,
          {
            id: `${prefix}-tests`,
            name: `${prefix} tests (pytest)`,
            stage: 'test',
            priority: 'P1',
            run: 'python -m pytest -q',
          },
        ],
      ];
      for (const [present, gate] of tools) {
        const tool = String(gate.name).replace(/^.*\((.*)\)$/, '$1');
        if (present)
          addGate(inDir(gate, project.dir), `${tool} is configured in ${where(project.dir)}`);
      }
    }
  }

  // Node projects.
  for (const project of facts.node) {
    const prefix = base(project.dir) || 'web';
    if (project === web) {
      for (const gate of presetGates('nextjs')) {
        const why = nodeMissing(project, gate.id.replace(/^web-/, ''));
        if (why) disable(gate.id, why);
      }
    } else if (isNext(project)) {
      for (const gate of presetGates('nextjs')) {
        const copy = relocate(gate, 'web', prefix, project.dir);
        const why = nodeMissing(project, gate.id.replace(/^web-/, ''));
        if (why) plan.skipped.push({ id: copy.id, why });
        else
          addGate(
            copy,
            `Next.js in ${project.dir} (the nextjs preset's gate; it assumes apps/web)`,
          );
      }
    }
    const next = isNext(project);
    const scriptPrefix = next ? prefix : base(project.dir);
    const scripts: [string[], string, string, string, boolean][] = [
      [['lint'], 'lint', 'lint', 'P1', !next],
      [['typecheck', 'type-check', 'types', 'tsc'], 'types', 'typecheck', 'P1', !next],
      [['test', 'test:unit'], 'tests', 'test', 'P1', true],
      [['build'], 'build', 'build', 'P1', !next],
    ];
    for (const [names, suffix, stage, priority, wantedHere] of scripts) {
      if (!wantedHere) continue;
      const script = names.find((name) => realScript(project.scripts[name]));
      if (!script) continue;
      const id = scriptPrefix ? `${scriptPrefix}-${suffix}` : suffix;
      const run = runScript(project, script);
      addGate(
        inDir({ id, name: `${where(project.dir)}: ${run}`, stage, priority, run }, project.dir),
        `${join(project.dir, 'package.json')} has a "${script}" script`,
      );
    }
  }

  // Images the presets do not build.
  const builtByPreset = new Set<string>();
  if (api) builtByPreset.add(api.dir);
  if (web) builtByPreset.add(web.dir);
  for (const gate of plan.gates)
    if (gate.gate.stage === 'image')
      builtByPreset.add(String(gate.gate['working-directory'] ?? '.'));
  for (const dir of facts.dockerfiles) {
    if (builtByPreset.has(dir)) continue;
    const prefix = base(dir) || 'app';
    addGate(
      inDir(
        {
          id: `${prefix}-image`,
          name: `${where(dir)} image builds`,
          stage: 'image',
          priority: 'P1',
          'timeout-minutes': 30,
          run: `docker build --pull --tag "${prefix}:\${GITHUB_SHA:-local}" .`,
        },
        dir,
      ),
      `${join(dir, 'Dockerfile')} exists`,
    );
  }

  plan.workflow.installSteps = installSteps(facts, plan);
  return plan;
}

/** Why a fastapi preset gate does not fit this project (`kind`: its id without `api-`). */
function pythonMissing(project: PythonProject, kind: string): string | undefined {
  const dir = where(project.dir);
  switch (kind) {
    case 'lint':
      return project.ruff ? undefined : `ruff is not configured in ${dir}`;
    case 'types':
      return project.mypy ? undefined : `mypy is not configured in ${dir}`;
    case 'tests':
      return project.pytest
        ? undefined
        : `pytest is not configured in ${dir}: add your test command as a gate with this id`;
    case 'migrations':
      if (project.alembic) return undefined;
      return project.alembicWithoutVersions
        ? `Alembic is declared in ${dir} but there is no alembic/versions directory yet`
        : `no Alembic migrations in ${dir}`;
    case 'image':
      return project.dockerfile ? undefined : `no Dockerfile in ${dir}`;
    case 'health':
      return 'post-deploy probe of ${API_HEALTH_URL}: turn it on once a deploy gate runs before it and the action step sets API_HEALTH_URL';
    default:
      return undefined;
  }
}

/** Why a nextjs preset gate does not fit this project (`kind`: its id without `web-`). */
function nodeMissing(project: NodeProject, kind: string): string | undefined {
  const dir = where(project.dir);
  switch (kind) {
    case 'lint':
      return has(project, 'eslint') ? undefined : `eslint is not a dependency of ${dir}`;
    case 'types':
      return has(project, 'typescript') ? undefined : `typescript is not a dependency of ${dir}`;
    case 'deps-audit':
      if (project.lockfile === 'npm') return undefined;
      return project.lockfile
        ? `npm audit needs a package-lock.json; ${dir} uses ${project.lockfile}: add its audit command as a gate with this id`
        : `npm audit needs a package-lock.json in ${dir}`;
    case 'image':
      return project.dockerfile ? undefined : `no Dockerfile in ${dir}`;
    case 'health':
      return 'post-deploy probe of ${WEB_HEALTH_URL}: turn it on once a deploy gate runs before it and the action step sets WEB_HEALTH_URL';
    default:
      return undefined;
  }
}

/** A package.json script as its package manager runs it. */
function runScript(project: NodeProject, script: string): string {
  switch (project.lockfile) {
    case 'pnpm':
      return `pnpm run ${script}`;
    case 'yarn':
      return `yarn run ${script}`;
    case 'bun':
      return `bun run ${script}`;
    default:
      return script === 'test' ? 'npm test' : `npm run ${script}`;
  }
}

/** A preset gate for a project elsewhere: its id prefix and working-directory changed. */
function relocate(gate: Gate, from: string, to: string, dir: string): Gate {
  const copy: Gate = { ...gate, id: gate.id.replace(new RegExp(`^${from}-`), `${to}-`) };
  delete copy['working-directory'];
  if (typeof copy.name === 'string') copy.name = copy.name.replace(/^(API|Web)\b/, to);
  return inDir(copy, dir);
}

/** Puts working-directory right after priority, where people look for it. */
function inDir(gate: Gate, dir: string): Gate {
  if (dir === '.') return gate;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(gate)) {
    out[key] = value;
    if (key === 'priority') out['working-directory'] = dir;
  }
  return out as Gate;
}

function where(dir: string): string {
  return dir === '.' ? 'the repository root' : dir;
}

function join(dir: string, file: string): string {
  return dir === '.' ? file : `${dir}/${file}`;
}

function describeFacts(facts: RepoFacts): string[] {
  const lines: string[] = [];
  for (const project of facts.python) {
    const tools = [
      project.pytest && 'pytest',
      project.ruff && 'ruff',
      project.mypy && 'mypy',
      project.alembic && 'Alembic',
    ].filter(Boolean);
    lines.push(
      `${where(project.dir)}: ${project.fastapi ? 'FastAPI' : 'Python'} (${project.files.join(', ')})${tools.length ? ` with ${tools.join(', ')}` : ''}${project.dockerfile ? '; Dockerfile' : ''}`,
    );
  }
  for (const project of facts.node) {
    const kind = isNext(project) ? `Next.js ${depVersion(project, 'next')}` : 'Node.js';
    const tools = ['eslint', 'typescript'].filter((name) => has(project, name));
    const scripts = Object.keys(project.scripts).sort();
    lines.push(
      `${where(project.dir)}: ${kind} (package.json)${tools.length ? ` with ${tools.join(', ')}` : ''}${project.lockfile ? `; ${project.lockfile} lockfile` : ''}${project.dockerfile ? '; Dockerfile' : ''}${scripts.length ? `; scripts ${scripts.join(', ')}` : ''}`,
    );
  }
  const covered = new Set([...facts.python, ...facts.node].map((p) => p.dir));
  const others = facts.dockerfiles.filter((dir) => !covered.has(dir));
  if (others.length)
    lines.push(`Dockerfiles: ${others.map((d) => join(d, 'Dockerfile')).join(', ')}`);
  if (facts.composeFiles.length) lines.push(`Compose: ${facts.composeFiles.join(', ')}`);
  if (facts.workflows.length) lines.push(`Workflows: ${facts.workflows.join(', ')}`);
  const files = [
    facts.envExample && '.env.example',
    facts.version && 'VERSION',
    facts.changelog && 'CHANGELOG.md',
    facts.readme && 'README.md',
  ].filter(Boolean);
  if (files.length) lines.push(`Files: ${files.join(', ')}`);
  if (lines.length === 0) lines.push('no package.json, Python project, Dockerfile or Compose file');
  return lines;
}

function installSteps(facts: RepoFacts, plan: InitPlan): WorkflowPlan['installSteps'] {
  const steps: WorkflowPlan['installSteps'] = [];
  const gateDirs = new Set(plan.gates.map(({ gate }) => String(gate['working-directory'] ?? '.')));
  const usesPreset = (name: string) =>
    plan.extends.includes(name) || plan.extends.includes('coffeestudio');
  const disabled = new Set(plan.disable.map((d) => d.id));
  for (const project of facts.node) {
    const needed =
      gateDirs.has(project.dir) ||
      (project.dir === 'apps/web' && usesPreset('nextjs')) ||
      (project.dir === '.' && facts.node.length > 1);
    if (!needed) continue;
    const command =
      project.lockfile === 'npm'
        ? 'npm ci'
        : project.lockfile === 'pnpm'
          ? 'corepack enable && pnpm install --frozen-lockfile'
          : project.lockfile === 'yarn'
            ? 'corepack enable && yarn install --immutable'
            : project.lockfile === 'bun'
              ? 'bun install --frozen-lockfile'
              : 'npm install --no-audit --no-fund';
    steps.push({
      name: `Install ${where(project.dir)}`,
      workingDirectory: project.dir,
      run: command,
    });
  }
  const python = facts.python.filter(
    (project) => gateDirs.has(project.dir) || (project.dir === 'apps/api' && usesPreset('fastapi')),
  );
  if (python.length > 0) {
    const args: string[] = [];
    for (const project of python) {
      const requirements = project.files.filter((f) => f.endsWith('.txt'));
      if (requirements.length > 0)
        for (const f of requirements) args.push(`-r ${join(project.dir, f)}`);
      else if (project.files.includes('pyproject.toml')) {
        const target = project.dir === '.' ? '.' : `./${project.dir}`;
        const extras = project.extras.length > 0 ? `[${project.extras.join(',')}]` : '';
        args.push(extras ? `-e '${target}${extras}'` : `-e ${target}`);
      }
    }
    const tools = new Set<string>();
    for (const project of python) {
      if (project.ruff) tools.add('ruff');
      if (project.mypy) tools.add('mypy');
      if (project.pytest) tools.add('pytest');
    }
    if (
      presetIdsActive(plan, 'api-deps-audit', disabled) ||
      plan.gates.some(({ gate }) => String(gate.run ?? '').includes('pip-audit'))
    ) {
      tools.add('pip-audit');
    }
    const install = [...args, ...[...tools].sort()].join(' ');
    steps.push({
      name: 'Python tools for the gates',
      run: [
        "# The runner's python3 in a virtual environment on PATH for the gates.",
        'python3 -m venv "$RUNNER_TEMP/venv"',
        'echo "$RUNNER_TEMP/venv/bin" >> "$GITHUB_PATH"',
        `"$RUNNER_TEMP/venv/bin/pip" install ${install}`,
      ].join('\n'),
    });
  }
  return steps;
}

function presetIdsActive(plan: InitPlan, id: string, disabled: Set<string>): boolean {
  const inPreset = plan.extends.some((name) =>
    (name === 'coffeestudio' ? ['fastapi', 'coffeestudio'] : [name]).some((n) =>
      presetGates(n).some((gate) => gate.id === id),
    ),
  );
  return inPreset && !disabled.has(id);
}

/** The commented .github/release-gates.yml. */
export function renderConfig(plan: InitPlan): string {
  const out: string[] = [SCHEMA_COMMENT];
  out.push(
    '# Release gates, written by `release-gates init` from what it found in this repository:',
    ...plan.found.map((line) => `#   ${line}`),
    '#',
    '# `release-gates plan` lists every gate in pipeline order with its priority and where it comes',
    '# from; `release-gates run --mode audit` runs them all and reports without failing. Stages run',
    '# in a fixed order (lint, typecheck, test, security, build, image, deploy, health); the policy',
    '# says what a failure does: P0 abort, P1 block later stages, P2 warn, P3 notice.',
    'version: 1',
    '',
  );
  if (plan.extends.length > 0) {
    out.push(
      '# Presets (checks/presets/ in coffeestudio/release-gates) bring their gates first:',
      ...plan.presetReasons.map((reason) => `#   ${reason}`),
      '# A gate under `gates:` with the same id as a preset gate replaces it whole (stage, priority',
      '# and a run/http/uses); `disable:` leaves preset gates out.',
      `extends: [${plan.extends.join(', ')}]`,
      '',
    );
  }
  if (plan.disable.length > 0) {
    out.push('disable:');
    for (const { id, why } of plan.disable) out.push(`  - ${id} # ${why}`);
    out.push('');
  }
  if (plan.skipped.length > 0) {
    out.push('# Preset gates not written here, and why (add them when the tool is set up):');
    for (const { id, why } of plan.skipped) out.push(`#   ${id}: ${why}`);
    out.push('');
  }
  out.push(
    '# Names of environment variables whose values never appear in logs and reports, e.g.',
    '# redact: [DEPLOY_TOKEN]',
    '',
  );
  if (plan.gates.length > 0) {
    out.push('gates:');
    plan.gates.forEach(({ gate, why }, index) => {
      if (index > 0) out.push('');
      out.push(`  # ${why}`);
      const yaml = stringify([gate], { lineWidth: 0 }).trimEnd();
      for (const line of yaml.split('\n')) out.push(`  ${line}`);
    });
  } else {
    out.push(
      '# Gates of your own go here, e.g.',
      '# gates:',
      '#   - { id: e2e, stage: test, priority: P1, run: npm run e2e }',
    );
  }
  return `${out.join('\n')}\n`;
}

/** The required-check workflow, .github/workflows/release-gates.yml. */
export function renderWorkflow(plan: InitPlan, configPath: string): string {
  const lines = [
    '# The required check: runs the release gates (.github/release-gates.yml) on every pull',
    '# request and push to main; Actions -> Release gates -> Run workflow runs an audit by hand.',
    '# Written by `release-gates init`. To block merges: Settings -> Branches (or Rules) -> the',
    '# rule for main -> Require status checks to pass -> add "release-gates".',
    'name: Release gates',
    '',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    '  workflow_dispatch:',
    '    inputs:',
    '      mode:',
    "        description: 'enforce, or audit: run every gate and report without failing'",
    '        type: choice',
    '        options: [enforce, audit]',
    '        default: audit',
    '',
    'permissions:',
    '  contents: read',
    '',
    'concurrency:',
    '  group: release-gates-${{ github.ref }}',
    "  cancel-in-progress: ${{ github.event_name == 'pull_request' }}",
    '',
    'jobs:',
    '  release-gates:',
    '    name: release-gates',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    '    steps:',
    `      - uses: ${CHECKOUT}`,
    '        with:',
    '          persist-credentials: false',
  ];
  if (plan.workflow.node) {
    lines.push(`      - uses: ${SETUP_NODE}`, '        with:', '          node-version: lts/*');
  }
  for (const step of plan.workflow.installSteps) {
    lines.push(`      - name: ${step.name}`);
    if (step.workingDirectory && step.workingDirectory !== '.') {
      lines.push(`        working-directory: ${step.workingDirectory}`);
    }
    if (step.run.includes('\n')) {
      lines.push('        run: |', ...step.run.split('\n').map((l) => `          ${l}`));
    } else {
      lines.push(`        run: ${step.run}`);
    }
  }
  lines.push(
    '      - name: Release gates',
    '        id: gates',
    "        # The action's major tag, as its README shows; pin a commit SHA to be stricter.",
    '        # release-gates-ignore: workflows/unpinned-action',
    '        uses: coffeestudio/release-gates@v1',
    '        with:',
    ...(configPath === '.github/release-gates.yml' ? [] : [`          config: ${configPath}`]),
    "          mode: ${{ inputs.mode || 'enforce' }}",
    '        # Gates see the step environment. Pass secrets and URLs here (never with ${{ }} inside',
    '        # a run: command) and list secret names under `redact:` in the config, e.g.',
    '        # env:',
    '        #   API_HEALTH_URL: ${{ vars.API_HEALTH_URL }}',
    '        #   DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}',
  );
  return `${lines.join('\n')}\n`;
}
