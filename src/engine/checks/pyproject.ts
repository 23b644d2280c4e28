import { type TomlDocument, readToml } from './toml-reader.js';

/*
 * pyproject.toml, as far as release-gates reads it: the version (with its line, for the
 * versions check) and the dependency names and tool tables (for `release-gates init`).
 */

/** A pyproject.toml as the TOML reader sees it: its tables, and each key with its line. */
export type Pyproject = TomlDocument;

export function readPyproject(text: string): Pyproject {
  return readToml(text);
}

/**
 * `[project] version`, else `[tool.poetry] version`: the first of each that is a string. A
 * dynamic version has no line to compare and is not read.
 */
export function pyprojectVersion(
  source: string | Pyproject,
): { version: string; line: number; table: string } | undefined {
  const project = typeof source === 'string' ? readPyproject(source) : source;
  for (const table of ['project', 'tool.poetry']) {
    const entry = project.entries.find(
      (e) => e.table === table && e.key.length === 1 && e.key[0] === 'version',
    );
    if (entry && typeof entry.value === 'string') {
      return { version: entry.value, line: entry.line, table };
    }
  }
  return undefined;
}

/** PEP 503 normalised distribution name. */
export function normalizeDistributionName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Tables whose keys each hold an array of requirement strings. */
const REQUIREMENT_GROUPS = new Set([
  'project.optional-dependencies',
  'dependency-groups',
  'tool.pdm.dev-dependencies',
]);
const POETRY_DEPENDENCIES = /^tool\.poetry(\.group\.[\w-]+)?\.(dev-)?dependencies$/;

/**
 * Dependency names (normalised): PEP 621 requirement strings (`"fastapi>=0.110"` in
 * `[project] dependencies`, `[project.optional-dependencies]`, `[dependency-groups]`,
 * `[tool.pdm.dev-dependencies]`, `[tool.uv] dev-dependencies`) and the keys of Poetry's
 * `[tool.poetry.*dependencies]` tables (`python` aside).
 */
export function pyprojectDependencies(source: string | Pyproject): string[] {
  const project = typeof source === 'string' ? readPyproject(source) : source;
  const names: string[] = [];
  for (const { table, key, value } of project.entries) {
    if (POETRY_DEPENDENCIES.test(table)) {
      if (key[0] !== 'python') names.push(normalizeDistributionName(key[0]!));
      continue;
    }
    const path = [table, ...key].filter((part) => part !== '').join('.');
    const requirements =
      path === 'project.dependencies' ||
      path === 'tool.uv.dev-dependencies' ||
      (key.length === 1 && REQUIREMENT_GROUPS.has(table));
    if (!requirements || !Array.isArray(value)) continue;
    for (const item of value) {
      const name = typeof item === 'string' ? /^\s*([A-Za-z0-9][\w.-]*)/.exec(item) : null;
      if (name) names.push(normalizeDistributionName(name[1]!));
    }
  }
  return names;
}

/** Group names under `[project.optional-dependencies]`, in order. */
export function optionalDependencyGroups(source: string | Pyproject): string[] {
  const project = typeof source === 'string' ? readPyproject(source) : source;
  const groups = project.entries
    .filter((entry) => entry.table === 'project.optional-dependencies')
    .map((entry) => entry.key[0]!);
  return [...new Set(groups)];
}

/** Whether the file has the table `name` or one below it (`tool.pytest.ini_options`). */
export function hasTable(source: string | Pyproject, name: string): boolean {
  const project = typeof source === 'string' ? readPyproject(source) : source;
  const within = (path: string) => path === name || path.startsWith(`${name}.`);
  return (
    project.tables.some(within) ||
    project.entries.some((entry) =>
      within([entry.table, ...entry.key].filter((part) => part !== '').join('.')),
    )
  );
}
