import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  hasTable,
  normalizeDistributionName,
  optionalDependencyGroups,
  pyprojectDependencies,
  readPyproject,
} from '../../engine/checks/pyproject.js';

export { optionalDependencyGroups, pyprojectDependencies };

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

export interface NodeProject {
  /** Posix path relative to the repository; '.' is the root. */
  dir: string;
  scripts: Record<string, string>;
  /** dependencies, devDependencies and peerDependencies. */
  deps: Record<string, string>;
  lockfile?: 'npm' | 'pnpm' | 'yarn' | 'bun';
  dockerfile: boolean;
}

export interface PythonProject {
  dir: string;
  /** The files that describe it: pyproject.toml, requirements*.txt. */
  files: string[];
  deps: Set<string>;
  fastapi: boolean;
  pytest: boolean;
  ruff: boolean;
  mypy: boolean;
  /** Alembic in the dependencies (or alembic.ini) and a versions directory the check reads. */
  alembic: boolean;
  /** Alembic is declared but there is no alembic/versions or migrations/versions yet. */
  alembicWithoutVersions: boolean;
  /** [project.optional-dependencies] groups with the test tools (dev, test, tests, lint). */
  extras: string[];
  dockerfile: boolean;
}

export interface RepoFacts {
  node: NodeProject[];
  python: PythonProject[];
  /** Directories with a Dockerfile. */
  dockerfiles: string[];
  composeFiles: string[];
  workflows: string[];
  envExample: boolean;
  version: boolean;
  changelog: boolean;
  readme: boolean;
}

export async function inspectRepository(root: string): Promise<RepoFacts> {
  const dirs = await listDirectories(root);
  const facts: RepoFacts = {
    node: [],
    python: [],
    dockerfiles: [],
    composeFiles: [],
    workflows: [],
    envExample: await isFile(path.join(root, '.env.example')),
    version: await isFile(path.join(root, 'VERSION')),
    changelog: await isFile(path.join(root, 'CHANGELOG.md')),
    readme: await isFile(path.join(root, 'README.md')),
  };
  for (const dir of dirs) {
    const absolute = path.join(root, dir);
    const files = new Set(await fileNames(absolute));
    const dockerfile = files.has('Dockerfile');
    if (dockerfile) facts.dockerfiles.push(dir);
    for (const file of [...files].sort()) {
      if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/.test(file))
        facts.composeFiles.push(join(dir, file));
    }
    if (files.has('package.json')) {
      const project = await readNodeProject(absolute, dir, files, dockerfile);
      if (project) facts.node.push(project);
    }
    const requirements = [...files].filter((f) =>
      /^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(f),
    );
    if (files.has('pyproject.toml') || requirements.length > 0) {
      facts.python.push(await readPythonProject(absolute, dir, files, requirements, dockerfile));
    }
  }
  const workflowsDir = path.join(root, '.github', 'workflows');
  facts.workflows = (await fileNames(workflowsDir))
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => `.github/workflows/${file}`);
  return facts;
}

async function readNodeProject(
  absolute: string,
  dir: string,
  files: Set<string>,
  dockerfile: boolean,
): Promise<NodeProject | undefined> {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(await readFile(path.join(absolute, 'package.json'), 'utf8'));
  } catch {
    return undefined; // not JSON: nothing to learn from it
  }
  if (typeof pkg !== 'object' || pkg === null) return undefined;
  const record = (value: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (typeof value !== 'object' || value === null) return out;
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
    return out;
  };
  const project: NodeProject = {
    dir,
    scripts: record(pkg.scripts),
    deps: {
      ...record(pkg.peerDependencies),
      ...record(pkg.dependencies),
      ...record(pkg.devDependencies),
    },
    dockerfile,
  };
  if (files.has('package-lock.json') || files.has('npm-shrinkwrap.json')) project.lockfile = 'npm';
  else if (files.has('pnpm-lock.yaml')) project.lockfile = 'pnpm';
  else if (files.has('yarn.lock')) project.lockfile = 'yarn';
  else if (files.has('bun.lockb') || files.has('bun.lock')) project.lockfile = 'bun';
  return project;
}

async function readPythonProject(
  absolute: string,
  dir: string,
  files: Set<string>,
  requirements: string[],
  dockerfile: boolean,
): Promise<PythonProject> {
  const deps = new Set<string>();
  const pyproject = readPyproject(
    files.has('pyproject.toml')
      ? await readFile(path.join(absolute, 'pyproject.toml'), 'utf8').catch(() => '')
      : '',
  );
  for (const name of pyprojectDependencies(pyproject)) deps.add(name);
  for (const file of requirements.sort()) {
    const text = await readFile(path.join(absolute, file), 'utf8').catch(() => '');
    for (const name of requirementNames(text)) deps.add(name);
  }
  const section = (name: string) => hasTable(pyproject, `tool.${name}`);
  const declaresAlembic = deps.has('alembic') || files.has('alembic.ini');
  const versions =
    (await isDirectory(path.join(absolute, 'alembic', 'versions'))) ||
    (await isDirectory(path.join(absolute, 'migrations', 'versions')));
  return {
    dir,
    files: [...(files.has('pyproject.toml') ? ['pyproject.toml'] : []), ...requirements],
    deps,
    fastapi: deps.has('fastapi'),
    pytest:
      deps.has('pytest') ||
      section('pytest') ||
      files.has('pytest.ini') ||
      files.has('conftest.py'),
    ruff: deps.has('ruff') || section('ruff') || files.has('ruff.toml') || files.has('.ruff.toml'),
    mypy: deps.has('mypy') || section('mypy') || files.has('mypy.ini') || files.has('.mypy.ini'),
    alembic: declaresAlembic && versions,
    alembicWithoutVersions: declaresAlembic && !versions,
    extras: optionalDependencyGroups(pyproject).filter((name) =>
      ['dev', 'test', 'tests', 'testing', 'lint', 'typing'].includes(name),
    ),
    dockerfile,
  };
}

/** Names in requirements.txt lines: `fastapi[all]>=0.110 ; python_version >= "3.11"`. */
export function requirementNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (match) names.push(normalizeDistributionName(match[1]!));
  }
  return names;
}

/** Directories up to MAX_DEPTH below root (root first, then sorted), skipping hidden ones. */
async function listDirectories(root: string): Promise<string[]> {
  const out: string[] = ['.'];
  const walk = async (dir: string, depth: number) => {
    if (depth >= MAX_DEPTH) return;
    let entries;
    try {
      entries = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
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

async function fileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}
