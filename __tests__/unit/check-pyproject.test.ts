import { describe, expect, it } from '@jest/globals';
import {
  hasTable,
  optionalDependencyGroups,
  pyprojectDependencies,
  pyprojectVersion,
  readPyproject,
} from '../../src/engine/checks/pyproject.js';

describe('readPyproject', () => {
  it('reads tables, dotted and quoted keys, the four kinds of strings and arrays, with lines', () => {
    const project = readPyproject(
      [
        '# a comment',
        'title = "a # not a comment" # a comment',
        '[ tool . "my tool" ]',
        "literal = 'C:\\path'",
        'basic = "tab\\there \\u00e9"',
        'multi = """',
        'one',
        'two"""',
        "raw = '''",
        "[not-a-table]'''",
        'site.url = "https://x"',
        'list = [ # comment',
        '  "a", # comment',
        '  ["b", 1],',
        ']',
        'table = { a = "}", b = 2 }',
        'number = 1_000',
        '[[array.table]]',
        'n = 1',
      ].join('\n'),
    );
    expect(project.tables).toEqual(['tool.my tool', 'array.table']);
    expect(project.entries).toEqual([
      { table: '', key: ['title'], value: 'a # not a comment', line: 2 },
      { table: 'tool.my tool', key: ['literal'], value: 'C:\\path', line: 4 },
      { table: 'tool.my tool', key: ['basic'], value: 'tab\there é', line: 5 },
      { table: 'tool.my tool', key: ['multi'], value: 'one\ntwo', line: 6 },
      { table: 'tool.my tool', key: ['raw'], value: '[not-a-table]', line: 9 },
      { table: 'tool.my tool', key: ['site', 'url'], value: 'https://x', line: 11 },
      { table: 'tool.my tool', key: ['list'], value: ['a', ['b', { raw: '1' }]], line: 12 },
      { table: 'tool.my tool', key: ['table'], value: { raw: '{ a = "}", b = 2 }' }, line: 16 },
      { table: 'tool.my tool', key: ['number'], value: { raw: '1_000' }, line: 17 },
      { table: 'array.table', key: ['n'], value: { raw: '1' }, line: 19 },
    ]);
  });

  it('skips what it cannot read, line by line, and keeps counting lines', () => {
    const project = readPyproject(
      'broken = \nok = "1"\r\n= "no key"\r\nunclosed = "x\nafter = [\n  "a",\n  nope nope\nlast = "z"\n',
    );
    expect(project.entries.map((e) => [e.key.join('.'), e.value, e.line])).toEqual([
      ['ok', '1', 2],
      ['unclosed', 'x', 4],
      ['last', 'z', 8],
    ]);
  });
});

describe('pyprojectVersion', () => {
  it('reads [project] before [tool.poetry] and ignores other tables', () => {
    expect(
      pyprojectVersion(
        '[tool.poetry]\nversion = "2.0.0"\n[project]\nname = "x"\nversion = \'1.0.0\'\n[tool.x]\nversion = "9"\n',
      ),
    ).toEqual({ version: '1.0.0', line: 5, table: 'project' });
    expect(pyprojectVersion('[tool.poetry]\nname = "x"\nversion = "2.0.0" # pinned\n')).toEqual({
      version: '2.0.0',
      line: 3,
      table: 'tool.poetry',
    });
  });

  it('has no version when it is dynamic, not a string, or only looks like one', () => {
    expect(pyprojectVersion('[project]\ndynamic = ["version"]\n')).toBeUndefined();
    expect(pyprojectVersion('[project]\nversion = 1\n')).toBeUndefined();
    expect(
      pyprojectVersion('[project]\nreadme = """\n[tool.poetry]\nversion = "9.9.9"\n"""\n'),
    ).toBeUndefined();
  });

  it('counts lines through multi-line strings and arrays', () => {
    expect(
      pyprojectVersion(
        '[project]\ndescription = """\nline\nline"""\nclassifiers = [\n  "a",\n]\nversion = "3.1.4"\n',
      ),
    ).toEqual({ version: '3.1.4', line: 8, table: 'project' });
  });
});

describe('pyprojectDependencies', () => {
  it('reads requirement strings where PEP 621, PEP 735, PDM and uv keep them', () => {
    const text = [
      '[project]',
      'dependencies = [',
      '  "FastAPI[all]>=0.110 ; python_version >= \'3.11\'",  # the web framework',
      "  'SQLAlchemy~=2.0',",
      ']',
      '[project.optional-dependencies]',
      'dev = ["pytest>=8", "ruff"]',
      '[dependency-groups]',
      'test = ["httpx", { include-group = "lint" }]',
      '[tool.pdm.dev-dependencies]',
      'lint = ["black"]',
      '[tool.uv]',
      'dev-dependencies = ["pre_commit"]',
      '[tool.other]',
      'dependencies = ["not-a-dependency"]',
    ].join('\n');
    expect(pyprojectDependencies(text)).toEqual([
      'fastapi',
      'sqlalchemy',
      'pytest',
      'ruff',
      'httpx',
      'black',
      'pre-commit',
    ]);
  });

  it("reads Poetry tables' keys, quoted and dotted ones too, but not python", () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'alembic = "^1.13"',
      '"zope.interface" = "^6"',
      'uvicorn.version = "^0.29"',
      'uvicorn.extras = ["standard"]',
      '[tool.poetry.group.dev.dependencies]',
      'pytest-cov = { version = "*" }',
      '[tool.poetry.dev-dependencies]',
      'mypy = "*"',
    ].join('\n');
    expect(pyprojectDependencies(text)).toEqual([
      'alembic',
      'zope-interface',
      'uvicorn',
      'uvicorn',
      'pytest-cov',
      'mypy',
    ]);
  });
});

describe('optionalDependencyGroups and hasTable', () => {
  it('lists the extras in order, once each', () => {
    expect(
      optionalDependencyGroups(
        '[project.optional-dependencies]\ndev = [\n  "pytest",\n]\ntyping = ["mypy"]\n"my-docs" = []\n[tool.x]\nother = 1\n',
      ),
    ).toEqual(['dev', 'typing', 'my-docs']);
  });

  it('finds a table by its header, a table below it, or a dotted key', () => {
    const project = readPyproject(
      '[tool.pytest.ini_options]\naddopts = "-q"\n[tool]\nruff.line-length = 100\n[tool.mypyc]\n',
    );
    expect(hasTable(project, 'tool.pytest')).toBe(true);
    expect(hasTable(project, 'tool.ruff')).toBe(true);
    expect(hasTable(project, 'tool.mypy')).toBe(false);
    expect(hasTable('# [tool.mypy]\nx = "[tool.mypy]"\n', 'tool.mypy')).toBe(false);
  });
});
