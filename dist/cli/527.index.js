export const id = 527;
export const ids = [527];
export const modules = {

/***/ 7527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runInit: () => (/* binding */ runInit)
});

// UNUSED EXPORTS: WORKFLOW_PATH

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/engine/config/errors.ts
var errors = __webpack_require__(7806);
// EXTERNAL MODULE: ./src/engine/checks/builtin.ts + 31 modules
var builtin = __webpack_require__(8355);
// EXTERNAL MODULE: ./src/engine/config/parse.ts + 2 modules
var parse = __webpack_require__(3245);
// EXTERNAL MODULE: ./src/engine/checks/pyproject.ts + 1 modules
var checks_pyproject = __webpack_require__(1880);
;// CONCATENATED MODULE: ./src/cli/init/detect.ts




/*
 * What `release-gates init` looks at: package.json files (scripts, next, eslint, typescript),
 * Python projects (pyproject.toml, requirements*.txt: fastapi, pytest, ruff, mypy, alembic),
 * Dockerfiles, Compose files and workflows. Reads only; never runs anything.
 */
/** How deep below the repository root projects are looked for (apps/web is depth 2). */
const MAX_DEPTH = 3;
const SKIP_DIRS = new Set([
    'node_modules',
    'dist',
    'build',
    'out',
    'coverage',
    'venv',
    '__pycache__',
    'site-packages',
    'vendor',
    'tmp',
]);
async function inspectRepository(root) {
    const dirs = await listDirectories(root);
    const facts = {
        node: [],
        python: [],
        dockerfiles: [],
        composeFiles: [],
        workflows: [],
        envExample: await isFile(external_node_path_default().join(root, '.env.example')),
        version: await isFile(external_node_path_default().join(root, 'VERSION')),
        changelog: await isFile(external_node_path_default().join(root, 'CHANGELOG.md')),
        readme: await isFile(external_node_path_default().join(root, 'README.md')),
    };
    for (const dir of dirs) {
        const absolute = external_node_path_default().join(root, dir);
        const files = new Set(await fileNames(absolute));
        const dockerfile = files.has('Dockerfile');
        if (dockerfile)
            facts.dockerfiles.push(dir);
        for (const file of [...files].sort()) {
            if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/.test(file))
                facts.composeFiles.push(join(dir, file));
        }
        if (files.has('package.json')) {
            const project = await readNodeProject(absolute, dir, files, dockerfile);
            if (project)
                facts.node.push(project);
        }
        const requirements = [...files].filter((f) => /^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(f));
        if (files.has('pyproject.toml') || requirements.length > 0) {
            facts.python.push(await readPythonProject(absolute, dir, files, requirements, dockerfile));
        }
    }
    const workflowsDir = external_node_path_default().join(root, '.github', 'workflows');
    facts.workflows = (await fileNames(workflowsDir))
        .filter((file) => /\.ya?ml$/.test(file))
        .sort()
        .map((file) => `.github/workflows/${file}`);
    return facts;
}
async function readNodeProject(absolute, dir, files, dockerfile) {
    let pkg;
    try {
        pkg = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(absolute, 'package.json'), 'utf8'));
    }
    catch {
        return undefined; // not JSON: nothing to learn from it
    }
    if (typeof pkg !== 'object' || pkg === null)
        return undefined;
    const record = (value) => {
        const out = {};
        if (typeof value !== 'object' || value === null)
            return out;
        for (const [key, v] of Object.entries(value))
            if (typeof v === 'string')
                out[key] = v;
        return out;
    };
    const project = {
        dir,
        scripts: record(pkg.scripts),
        deps: {
            ...record(pkg.peerDependencies),
            ...record(pkg.dependencies),
            ...record(pkg.devDependencies),
        },
        dockerfile,
    };
    if (files.has('package-lock.json') || files.has('npm-shrinkwrap.json'))
        project.lockfile = 'npm';
    else if (files.has('pnpm-lock.yaml'))
        project.lockfile = 'pnpm';
    else if (files.has('yarn.lock'))
        project.lockfile = 'yarn';
    else if (files.has('bun.lockb') || files.has('bun.lock'))
        project.lockfile = 'bun';
    return project;
}
async function readPythonProject(absolute, dir, files, requirements, dockerfile) {
    const deps = new Set();
    const pyproject = (0,checks_pyproject/* readPyproject */.x7)(files.has('pyproject.toml')
        ? await (0,promises_.readFile)(external_node_path_default().join(absolute, 'pyproject.toml'), 'utf8').catch(() => '')
        : '');
    for (const name of (0,checks_pyproject/* pyprojectDependencies */.il)(pyproject))
        deps.add(name);
    for (const file of requirements.sort()) {
        const text = await (0,promises_.readFile)(external_node_path_default().join(absolute, file), 'utf8').catch(() => '');
        for (const name of requirementNames(text))
            deps.add(name);
    }
    const section = (name) => (0,checks_pyproject/* hasTable */.rT)(pyproject, `tool.${name}`);
    const declaresAlembic = deps.has('alembic') || files.has('alembic.ini');
    const versions = (await isDirectory(external_node_path_default().join(absolute, 'alembic', 'versions'))) ||
        (await isDirectory(external_node_path_default().join(absolute, 'migrations', 'versions')));
    return {
        dir,
        files: [...(files.has('pyproject.toml') ? ['pyproject.toml'] : []), ...requirements],
        deps,
        fastapi: deps.has('fastapi'),
        pytest: deps.has('pytest') ||
            section('pytest') ||
            files.has('pytest.ini') ||
            files.has('conftest.py'),
        ruff: deps.has('ruff') || section('ruff') || files.has('ruff.toml') || files.has('.ruff.toml'),
        mypy: deps.has('mypy') || section('mypy') || files.has('mypy.ini') || files.has('.mypy.ini'),
        alembic: declaresAlembic && versions,
        alembicWithoutVersions: declaresAlembic && !versions,
        extras: (0,checks_pyproject/* optionalDependencyGroups */.ay)(pyproject).filter((name) => ['dev', 'test', 'tests', 'testing', 'lint', 'typing'].includes(name)),
        dockerfile,
    };
}
/** Names in requirements.txt lines: `fastapi[all]>=0.110 ; python_version >= "3.11"`. */
function requirementNames(text) {
    const names = [];
    for (const raw of text.split('\n')) {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        if (line === '' || line.startsWith('-'))
            continue;
        const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
        if (match)
            names.push((0,checks_pyproject/* normalizeDistributionName */.dM)(match[1]));
    }
    return names;
}
/** Directories up to MAX_DEPTH below root (root first, then sorted), skipping hidden ones. */
async function listDirectories(root) {
    const out = ['.'];
    const walk = async (dir, depth) => {
        if (depth >= MAX_DEPTH)
            return;
        let entries;
        try {
            entries = await (0,promises_.readdir)(external_node_path_default().join(root, dir), { withFileTypes: true });
        }
        catch {
            return;
        }
        const names = entries
            .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
            .map((e) => e.name)
            .sort();
        for (const name of names) {
            const child = join(dir, name);
            out.push(child);
            await walk(child, depth + 1);
        }
    };
    await walk('.', 0);
    return out;
}
async function fileNames(dir) {
    try {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => e.name);
    }
    catch {
        return [];
    }
}
async function isDirectory(dir) {
    try {
        return (await (0,promises_.stat)(dir)).isDirectory();
    }
    catch {
        return false;
    }
}
async function isFile(file) {
    try {
        return (await (0,promises_.stat)(file)).isFile();
    }
    catch {
        return false;
    }
}
function join(dir, name) {
    return dir === '.' ? name : `${dir}/${name}`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/engine/presets/index.ts + 1 modules
var presets = __webpack_require__(4155);
;// CONCATENATED MODULE: ./src/cli/init/render.ts



/*
 * Turns what `release-gates init` found into a config and a workflow. Pure: facts in, text
 * out, so every decision is unit-tested. Presets are used where the repository has their
 * layout (apps/api, apps/web); elsewhere their gates are copied with the right directory.
 */
const SCHEMA_COMMENT = '# yaml-language-server: $schema=https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/release-gates.schema.json';
const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
const SETUP_NODE = 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0';
/** The gates of a preset as written in checks/presets/<name>.yml (its own ones only). */
function presetGates(name) {
    const source = presets/* BUILTIN_PRESETS */.P2[name];
    if (source === undefined)
        throw new Error(`no preset ${name}`);
    const data = (typeof source === 'string' ? (0,dist/* parse */.qg)(source) : source);
    return data.gates ?? [];
}
const depVersion = (project, name) => project.deps[name];
const has = (project, name) => depVersion(project, name) !== undefined;
const isNext = (project) => has(project, 'next');
/** npm's placeholder test script from `npm init` fails on purpose; it is not a test suite. */
function realScript(command) {
    return command !== undefined && command.trim() !== '' && !/no test specified/.test(command);
}
function base(dir) {
    return dir === '.'
        ? ''
        : external_node_path_default().posix
            .basename(dir)
            .toLowerCase()
            .replace(/[^a-z0-9_-]+/g, '-') || 'app';
}
function planInit(facts) {
    const plan = {
        extends: [],
        presetReasons: [],
        disable: [],
        gates: [],
        skipped: [],
        found: describeFacts(facts),
        workflow: { node: facts.node.length > 0, installSteps: [] },
    };
    const ids = new Set();
    const addGate = (gate, why) => {
        let id = gate.id;
        for (let n = 2; ids.has(id); n++)
            id = `${gate.id}-${n}`;
        ids.add(id);
        plan.gates.push({ gate: { ...gate, id }, why });
    };
    const api = facts.python.find((p) => p.fastapi && p.dir === 'apps/api');
    const web = facts.node.find((n) => isNext(n) && n.dir === 'apps/web');
    const compose = facts.composeFiles.length > 0;
    const platform = api !== undefined && web !== undefined && compose;
    if (platform) {
        plan.extends.push('coffeestudio');
        plan.presetReasons.push('coffeestudio: FastAPI in apps/api, Next.js in apps/web and Docker Compose (it includes fastapi, nextjs, compose and every built-in check)');
    }
    else {
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
    const presetIds = new Set(plan.extends
        .flatMap((name) => name === 'coffeestudio'
        ? ['fastapi', 'nextjs', 'compose', 'coffeestudio'].flatMap((n) => presetGates(n))
        : presetGates(name))
        .map((gate) => gate.id));
    for (const id of presetIds)
        ids.add(id);
    const disable = (id, why) => {
        if (presetIds.has(id))
            plan.disable.push({ id, why });
    };
    // The repository-wide checks: part of coffeestudio, written out otherwise.
    const builtins = presetGates('coffeestudio');
    const builtin = (id) => builtins.find((gate) => gate.id === id);
    const wanted = [
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
                disable(id, `no ${id === 'env-example' ? '.env.example' : 'VERSION or CHANGELOG.md'} in the repository`);
        }
        else if (applies)
            addGate(builtin(id), why);
    }
    // Python services.
    for (const project of facts.python) {
        if (project === api) {
            for (const gate of presetGates('fastapi')) {
                const why = pythonMissing(project, gate.id.replace(/^api-/, ''));
                if (why)
                    disable(gate.id, why);
            }
            continue;
        }
        const prefix = base(project.dir) || (project.fastapi ? 'api' : 'py');
        if (project.fastapi) {
            for (const gate of presetGates('fastapi')) {
                const copy = relocate(gate, 'api', prefix, project.dir);
                const why = pythonMissing(project, gate.id.replace(/^api-/, ''));
                if (why)
                    plan.skipped.push({ id: copy.id, why });
                else
                    addGate(copy, `FastAPI in ${project.dir} (the fastapi preset's gate; it assumes apps/api)`);
            }
        }
        else {
            const tools = [
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
                if (why)
                    disable(gate.id, why);
            }
        }
        else if (isNext(project)) {
            for (const gate of presetGates('nextjs')) {
                const copy = relocate(gate, 'web', prefix, project.dir);
                const why = nodeMissing(project, gate.id.replace(/^web-/, ''));
                if (why)
                    plan.skipped.push({ id: copy.id, why });
                else
                    addGate(copy, `Next.js in ${project.dir} (the nextjs preset's gate; it assumes apps/web)`);
            }
        }
        const next = isNext(project);
        const scriptPrefix = next ? prefix : base(project.dir);
        const scripts = [
            [['lint'], 'lint', 'lint', 'P1', !next],
            [['typecheck', 'type-check', 'types', 'tsc'], 'types', 'typecheck', 'P1', !next],
            [['test', 'test:unit'], 'tests', 'test', 'P1', true],
            [['build'], 'build', 'build', 'P1', !next],
        ];
        for (const [names, suffix, stage, priority, wantedHere] of scripts) {
            if (!wantedHere)
                continue;
            const script = names.find((name) => realScript(project.scripts[name]));
            if (!script)
                continue;
            const id = scriptPrefix ? `${scriptPrefix}-${suffix}` : suffix;
            const run = runScript(project, script);
            addGate(inDir({ id, name: `${where(project.dir)}: ${run}`, stage, priority, run }, project.dir), `${render_join(project.dir, 'package.json')} has a "${script}" script`);
        }
    }
    // Images the presets do not build.
    const builtByPreset = new Set();
    if (api)
        builtByPreset.add(api.dir);
    if (web)
        builtByPreset.add(web.dir);
    for (const gate of plan.gates)
        if (gate.gate.stage === 'image')
            builtByPreset.add(String(gate.gate['working-directory'] ?? '.'));
    for (const dir of facts.dockerfiles) {
        if (builtByPreset.has(dir))
            continue;
        const prefix = base(dir) || 'app';
        addGate(inDir({
            id: `${prefix}-image`,
            name: `${where(dir)} image builds`,
            stage: 'image',
            priority: 'P1',
            'timeout-minutes': 30,
            run: `docker build --pull --tag "${prefix}:\${GITHUB_SHA:-local}" .`,
        }, dir), `${render_join(dir, 'Dockerfile')} exists`);
    }
    plan.workflow.installSteps = installSteps(facts, plan);
    return plan;
}
/** Why a fastapi preset gate does not fit this project (`kind`: its id without `api-`). */
function pythonMissing(project, kind) {
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
            if (project.alembic)
                return undefined;
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
function nodeMissing(project, kind) {
    const dir = where(project.dir);
    switch (kind) {
        case 'lint':
            return has(project, 'eslint') ? undefined : `eslint is not a dependency of ${dir}`;
        case 'types':
            return has(project, 'typescript') ? undefined : `typescript is not a dependency of ${dir}`;
        case 'deps-audit':
            if (project.lockfile === 'npm')
                return undefined;
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
function runScript(project, script) {
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
function relocate(gate, from, to, dir) {
    const copy = { ...gate, id: gate.id.replace(new RegExp(`^${from}-`), `${to}-`) };
    delete copy['working-directory'];
    if (typeof copy.name === 'string')
        copy.name = copy.name.replace(/^(API|Web)\b/, to);
    return inDir(copy, dir);
}
/** Puts working-directory right after priority, where people look for it. */
function inDir(gate, dir) {
    if (dir === '.')
        return gate;
    const out = {};
    for (const [key, value] of Object.entries(gate)) {
        out[key] = value;
        if (key === 'priority')
            out['working-directory'] = dir;
    }
    return out;
}
function where(dir) {
    return dir === '.' ? 'the repository root' : dir;
}
function render_join(dir, file) {
    return dir === '.' ? file : `${dir}/${file}`;
}
function describeFacts(facts) {
    const lines = [];
    for (const project of facts.python) {
        const tools = [
            project.pytest && 'pytest',
            project.ruff && 'ruff',
            project.mypy && 'mypy',
            project.alembic && 'Alembic',
        ].filter(Boolean);
        lines.push(`${where(project.dir)}: ${project.fastapi ? 'FastAPI' : 'Python'} (${project.files.join(', ')})${tools.length ? ` with ${tools.join(', ')}` : ''}${project.dockerfile ? '; Dockerfile' : ''}`);
    }
    for (const project of facts.node) {
        const kind = isNext(project) ? `Next.js ${depVersion(project, 'next')}` : 'Node.js';
        const tools = ['eslint', 'typescript'].filter((name) => has(project, name));
        const scripts = Object.keys(project.scripts).sort();
        lines.push(`${where(project.dir)}: ${kind} (package.json)${tools.length ? ` with ${tools.join(', ')}` : ''}${project.lockfile ? `; ${project.lockfile} lockfile` : ''}${project.dockerfile ? '; Dockerfile' : ''}${scripts.length ? `; scripts ${scripts.join(', ')}` : ''}`);
    }
    const covered = new Set([...facts.python, ...facts.node].map((p) => p.dir));
    const others = facts.dockerfiles.filter((dir) => !covered.has(dir));
    if (others.length)
        lines.push(`Dockerfiles: ${others.map((d) => render_join(d, 'Dockerfile')).join(', ')}`);
    if (facts.composeFiles.length)
        lines.push(`Compose: ${facts.composeFiles.join(', ')}`);
    if (facts.workflows.length)
        lines.push(`Workflows: ${facts.workflows.join(', ')}`);
    const files = [
        facts.envExample && '.env.example',
        facts.version && 'VERSION',
        facts.changelog && 'CHANGELOG.md',
        facts.readme && 'README.md',
    ].filter(Boolean);
    if (files.length)
        lines.push(`Files: ${files.join(', ')}`);
    if (lines.length === 0)
        lines.push('no package.json, Python project, Dockerfile or Compose file');
    return lines;
}
function installSteps(facts, plan) {
    const steps = [];
    const gateDirs = new Set(plan.gates.map(({ gate }) => String(gate['working-directory'] ?? '.')));
    const usesPreset = (name) => plan.extends.includes(name) || plan.extends.includes('coffeestudio');
    const disabled = new Set(plan.disable.map((d) => d.id));
    for (const project of facts.node) {
        const needed = gateDirs.has(project.dir) ||
            (project.dir === 'apps/web' && usesPreset('nextjs')) ||
            (project.dir === '.' && facts.node.length > 1);
        if (!needed)
            continue;
        const command = project.lockfile === 'npm'
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
    const python = facts.python.filter((project) => gateDirs.has(project.dir) || (project.dir === 'apps/api' && usesPreset('fastapi')));
    if (python.length > 0) {
        const args = [];
        for (const project of python) {
            const requirements = project.files.filter((f) => f.endsWith('.txt'));
            if (requirements.length > 0)
                for (const f of requirements)
                    args.push(`-r ${render_join(project.dir, f)}`);
            else if (project.files.includes('pyproject.toml')) {
                const target = project.dir === '.' ? '.' : `./${project.dir}`;
                const extras = project.extras.length > 0 ? `[${project.extras.join(',')}]` : '';
                args.push(extras ? `-e '${target}${extras}'` : `-e ${target}`);
            }
        }
        const tools = new Set();
        for (const project of python) {
            if (project.ruff)
                tools.add('ruff');
            if (project.mypy)
                tools.add('mypy');
            if (project.pytest)
                tools.add('pytest');
        }
        if (presetIdsActive(plan, 'api-deps-audit', disabled) ||
            plan.gates.some(({ gate }) => String(gate.run ?? '').includes('pip-audit'))) {
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
function presetIdsActive(plan, id, disabled) {
    const inPreset = plan.extends.some((name) => (name === 'coffeestudio' ? ['fastapi', 'coffeestudio'] : [name]).some((n) => presetGates(n).some((gate) => gate.id === id)));
    return inPreset && !disabled.has(id);
}
/** The commented .github/release-gates.yml. */
function renderConfig(plan) {
    const out = [SCHEMA_COMMENT];
    out.push('# Release gates, written by `release-gates init` from what it found in this repository:', ...plan.found.map((line) => `#   ${line}`), '#', '# `release-gates plan` lists every gate in pipeline order with its priority and where it comes', '# from; `release-gates run --mode audit` runs them all and reports without failing. Stages run', '# in a fixed order (lint, typecheck, test, security, build, image, deploy, health); the policy', '# says what a failure does: P0 abort, P1 block later stages, P2 warn, P3 notice.', 'version: 1', '');
    if (plan.extends.length > 0) {
        out.push('# Presets (checks/presets/ in coffeestudio/release-gates) bring their gates first:', ...plan.presetReasons.map((reason) => `#   ${reason}`), '# A gate under `gates:` with the same id as a preset gate replaces it whole (stage, priority', '# and a run/http/uses); `disable:` leaves preset gates out.', `extends: [${plan.extends.join(', ')}]`, '');
    }
    if (plan.disable.length > 0) {
        out.push('disable:');
        for (const { id, why } of plan.disable)
            out.push(`  - ${id} # ${why}`);
        out.push('');
    }
    if (plan.skipped.length > 0) {
        out.push('# Preset gates not written here, and why (add them when the tool is set up):');
        for (const { id, why } of plan.skipped)
            out.push(`#   ${id}: ${why}`);
        out.push('');
    }
    out.push('# Names of environment variables whose values never appear in logs and reports, e.g.', '# redact: [DEPLOY_TOKEN]', '');
    if (plan.gates.length > 0) {
        out.push('gates:');
        plan.gates.forEach(({ gate, why }, index) => {
            if (index > 0)
                out.push('');
            out.push(`  # ${why}`);
            const yaml = (0,dist/* stringify */.As)([gate], { lineWidth: 0 }).trimEnd();
            for (const line of yaml.split('\n'))
                out.push(`  ${line}`);
        });
    }
    else {
        out.push('# Gates of your own go here, e.g.', '# gates:', '#   - { id: e2e, stage: test, priority: P1, run: npm run e2e }');
    }
    return `${out.join('\n')}\n`;
}
/** The required-check workflow, .github/workflows/release-gates.yml. */
function renderWorkflow(plan, configPath) {
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
        }
        else {
            lines.push(`        run: ${step.run}`);
        }
    }
    lines.push('      - name: Release gates', '        id: gates', "        # The action's major tag, as its README shows; pin a commit SHA to be stricter.", '        # release-gates-ignore: workflows/unpinned-action', '        uses: coffeestudio/release-gates@v1', '        with:', ...(configPath === '.github/release-gates.yml' ? [] : [`          config: ${configPath}`]), "          mode: ${{ inputs.mode || 'enforce' }}", '        # Gates see the step environment. Pass secrets and URLs here (never with ${{ }} inside', '        # a run: command) and list secret names under `redact:` in the config, e.g.', '        # env:', '        #   API_HEALTH_URL: ${{ vars.API_HEALTH_URL }}', '        #   DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}');
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/init/index.ts







const WORKFLOW_PATH = '.github/workflows/release-gates.yml';
/**
 * `release-gates init`: inspects the repository, writes a commented config and the
 * required-check workflow, and says what it found, what it wrote and why. Existing files are
 * kept unless `force`. Returns the exit code.
 */
async function runInit(options) {
    const { workspace, write } = options;
    if (!(await init_isDirectory(workspace))) {
        throw new errors/* ConfigurationError */.j(`--working-directory: ${workspace} is not a directory`);
    }
    const facts = await inspectRepository(workspace);
    const plan = planInit(facts);
    const config = renderConfig(plan);
    // The generated config must load like any other; anything else is a bug in init.
    try {
        (0,parse/* parseConfig */.o4)(config, options.configPath, { checks: builtin/* BUILTIN_CATALOGUE */.c });
    }
    catch (error) {
        const problems = error instanceof errors/* ConfigurationError */.j ? error.problems.join('\n') : error;
        throw new Error(`init generated an invalid config:\n${problems}`, { cause: error });
    }
    const workflow = renderWorkflow(plan, options.configPath);
    write(`release-gates init: inspected ${workspace}\n`);
    for (const line of plan.found)
        write(`  found ${line}\n`);
    write('\n');
    let wrote = 0;
    const files = [
        [
            options.configPath,
            config,
            [
                ...plan.presetReasons.map((reason) => `extends ${reason}`),
                ...plan.disable.map(({ id, why }) => `disable ${id}: ${why}`),
                ...plan.gates.map(({ gate, why }) => `gate ${gate.id} (${gate.stage}, ${gate.priority}): ${why}`),
                ...plan.skipped.map(({ id, why }) => `not written ${id}: ${why}`),
            ],
        ],
        [
            WORKFLOW_PATH,
            workflow,
            [
                'the required check on pull requests and pushes to main, and manual audits',
                'permissions: contents: read; actions/checkout pinned by commit SHA; uses: coffeestudio/release-gates@v1',
                ...plan.workflow.installSteps.map((step) => `step "${step.name}": ${step.run.split('\n').at(-1)}`),
            ],
        ],
    ];
    for (const [relative, text, reasons] of files) {
        const absolute = external_node_path_default().resolve(workspace, relative);
        const exists = await pathExists(absolute);
        if (exists && !options.force) {
            write(`kept ${relative}: it already exists (release-gates init --force overwrites it)\n`);
            continue;
        }
        await (0,promises_.mkdir)(external_node_path_default().dirname(absolute), { recursive: true });
        await (0,promises_.writeFile)(absolute, text);
        wrote++;
        write(`${exists ? 'overwrote' : 'wrote'} ${relative}\n`);
        for (const reason of reasons)
            write(`  ${reason}\n`);
    }
    write('\nNext:\n');
    write('  release-gates plan              every gate, its priority and where it comes from\n');
    write('  release-gates run --mode audit  run them all and report, without failing\n');
    if (wrote > 0) {
        write('  commit the files, then make "release-gates" a required status check on main\n');
    }
    return 0;
}
async function pathExists(file) {
    try {
        await (0,promises_.stat)(file);
        return true;
    }
    catch {
        return false;
    }
}
async function init_isDirectory(dir) {
    try {
        return (await (0,promises_.stat)(dir)).isDirectory();
    }
    catch {
        return false;
    }
}


/***/ })

};
