import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { FindingParser, parseFindings } from '../../src/engine/findings/parser.js';
import { MAX_FINDINGS_PER_GATE } from '../../src/engine/findings/types.js';

const WS = '/home/runner/work/shop/shop';
const API = `${WS}/apps/api`;
const ESC = '\u001b';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/tool-output/${name}`, import.meta.url), 'utf8');

/** Streams `output` line by line, as the engine does, and returns the result. */
function run(output: string, cwd = WS, max?: number) {
  const parser = new FindingParser({ workspace: WS, cwd, ...(max !== undefined && { max }) });
  for (const line of output.split('\n')) parser.push(line);
  return parser.finish();
}

const findings = (output: string, cwd = WS) => run(output, cwd).findings;

describe('tsc', () => {
  it('reads the plain form, with CRLF line ends (tsc on a Windows runner)', () => {
    const output = [
      '',
      '> web@2.0.0 typecheck',
      '> tsc --noEmit',
      '',
      "src/app/(auth)/login/page.tsx(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
      "  Type 'string' is not assignable to type 'number'.",
      "src/lib/api.ts(3,10): error TS2305: Module '\"./types\"' has no exported member 'Order'.",
      "error TS5083: Cannot read file '/home/runner/work/shop/shop/tsconfig.base.json'.",
      '',
    ].join('\r\n');
    expect(findings(output, `${WS}/apps/web`)).toEqual([
      {
        tool: 'tsc',
        file: 'apps/web/src/app/(auth)/login/page.tsx',
        line: 12,
        column: 5,
        message: "Type 'string' is not assignable to type 'number'.",
        ruleId: 'TS2322',
        severity: 'error',
      },
      {
        tool: 'tsc',
        file: 'apps/web/src/lib/api.ts',
        line: 3,
        column: 10,
        message: "Module '\"./types\"' has no exported member 'Order'.",
        ruleId: 'TS2305',
        severity: 'error',
      },
    ]);
  });

  it('reads the coloured pretty form and ignores code frames, related spans and the summary', () => {
    expect(run(fixture('tsc-pretty.log'), API)).toEqual({
      findings: [
        {
          tool: 'tsc',
          file: 'apps/api/src/routes/users.ts',
          line: 14,
          column: 7,
          message: "Type 'string' is not assignable to type 'number'.",
          ruleId: 'TS2322',
          severity: 'error',
        },
        {
          tool: 'tsc',
          file: 'apps/api/src/routes/users.ts',
          line: 30,
          column: 12,
          message:
            "Argument of type '{ name: string; }' is not assignable to parameter of type 'User'.",
          ruleId: 'TS2345',
          severity: 'error',
        },
        {
          tool: 'tsc',
          file: 'packages/shared/src/index.ts',
          line: 8,
          column: 1,
          message: "Cannot find module '@shop/config' or its corresponding type declarations.",
          ruleId: 'TS2307',
          severity: 'error',
        },
      ],
      total: 3,
    });
  });
});

describe('eslint', () => {
  it('reads the coloured stylish report (file header, rows, summary)', () => {
    expect(findings(fixture('eslint-stylish.log'))).toEqual([
      {
        tool: 'eslint',
        file: 'apps/web/src/App.tsx',
        line: 12,
        column: 7,
        message: "'unused' is assigned a value but never used",
        ruleId: '@typescript-eslint/no-unused-vars',
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/App.tsx',
        line: 30,
        column: 5,
        message:
          "React Hook useEffect has a missing dependency: 'load'. Either include it or remove the dependency array",
        ruleId: 'react-hooks/exhaustive-deps',
        severity: 'warning',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/api/client.ts',
        line: 3,
        column: 1,
        message: 'Parsing error: Declaration or statement expected',
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/api/client.ts',
        line: 41,
        column: 12,
        message: 'Unexpected console statement',
        ruleId: 'no-console',
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/vite.config.ts',
        line: 1,
        message: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to override',
        severity: 'warning',
      },
    ]);
  });

  it('takes stylish rows only under a file header', () => {
    const output = [
      '  12:5  error  Unexpected console statement  no-console',
      'Linting done.',
      '  3:1  warning  Unexpected var  no-var',
      '',
      `${WS}/src/a.js`,
      '  3:1  warning  Unexpected var  no-var',
      '',
      '  4:1  warning  Unexpected var  no-var',
    ].join('\n');
    expect(findings(output)).toEqual([
      {
        tool: 'eslint',
        file: 'src/a.js',
        line: 3,
        column: 1,
        message: 'Unexpected var',
        ruleId: 'no-var',
        severity: 'warning',
      },
    ]);
  });

  it('reads the unix and compact formats', () => {
    const output = [
      `${WS}/apps/web/src/App.tsx:12:7: 'unused' is assigned a value but never used. [Error/@typescript-eslint/no-unused-vars]`,
      `${WS}/apps/web/src/App.tsx:30:5: Missing return type on function. [Warning/@typescript-eslint/explicit-function-return-type]`,
      `${WS}/apps/web/src/broken.ts:3:1: Parsing error: ';' expected. [Error]`,
      '',
      '3 problems',
      `${WS}/apps/web/src/util.ts: line 4, col 10, Error - 'x' is defined but never used. (no-unused-vars)`,
      `${WS}/apps/web/src/util.ts: line 9, col 1, Warning - Unexpected console statement (see docs). (no-console)`,
      '',
      '2 problems',
    ].join('\n');
    expect(findings(output, `${WS}/apps/web`)).toEqual([
      {
        tool: 'eslint',
        file: 'apps/web/src/App.tsx',
        line: 12,
        column: 7,
        message: "'unused' is assigned a value but never used.",
        ruleId: '@typescript-eslint/no-unused-vars',
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/App.tsx',
        line: 30,
        column: 5,
        message: 'Missing return type on function.',
        ruleId: '@typescript-eslint/explicit-function-return-type',
        severity: 'warning',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/broken.ts',
        line: 3,
        column: 1,
        message: "Parsing error: ';' expected.",
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/util.ts',
        line: 4,
        column: 10,
        message: "'x' is defined but never used.",
        ruleId: 'no-unused-vars',
        severity: 'error',
      },
      {
        tool: 'eslint',
        file: 'apps/web/src/util.ts',
        line: 9,
        column: 1,
        message: 'Unexpected console statement (see docs).',
        ruleId: 'no-console',
        severity: 'warning',
      },
    ]);
  });
});

describe('ruff', () => {
  it('reads concise output relative to a sub-folder cwd', () => {
    const output = [
      '$ ruff check --output-format=concise .',
      'app/main.py:1:8: F401 [*] `os` imported but unused',
      'app/main.py:12:89: E501 Line too long (101 > 88)',
      'app/services/orders.py:40:5: PLR0913 Too many arguments in function definition (7 > 5)',
      'app/main.py:3:1: SyntaxError: Expected an indented block after function definition',
      'Found 4 errors.',
      '[*] 1 fixable with the `--fix` option.',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'ruff',
        file: 'apps/api/app/main.py',
        line: 1,
        column: 8,
        message: '`os` imported but unused',
        ruleId: 'F401',
      },
      {
        tool: 'ruff',
        file: 'apps/api/app/main.py',
        line: 12,
        column: 89,
        message: 'Line too long (101 > 88)',
        ruleId: 'E501',
      },
      {
        tool: 'ruff',
        file: 'apps/api/app/services/orders.py',
        line: 40,
        column: 5,
        message: 'Too many arguments in function definition (7 > 5)',
        ruleId: 'PLR0913',
      },
      {
        tool: 'generic',
        file: 'apps/api/app/main.py',
        line: 3,
        column: 1,
        message: 'SyntaxError: Expected an indented block after function definition',
      },
    ]);
  });

  it('reads the older full output (location first, then a code frame)', () => {
    const output = [
      'app/main.py:1:8: F401 [*] `os` imported but unused',
      '  |',
      '1 | import os',
      '  |        ^^ F401',
      '2 | import sys',
      '  |',
      '  = help: Remove unused import: `os`',
      '',
      'Found 1 error.',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'ruff',
        file: 'apps/api/app/main.py',
        line: 1,
        column: 8,
        message: '`os` imported but unused',
        ruleId: 'F401',
      },
    ]);
  });

  it('reads the newer full output (code and message first, then --> location)', () => {
    const output = [
      'F401 [*] `os` imported but unused',
      ' --> app/main.py:1:8',
      '  |',
      '1 | import os',
      '  |        ^^',
      '2 | import sys',
      '  |',
      'help: Remove unused import: `os`',
      '',
      'E501 Line too long (101 > 88)',
      '  --> app/main.py:14:89',
      '   |',
      '14 |     return {"detail": "the quick brown fox jumps over the lazy dog again and again"}',
      '   |                                                                                         ^^^^^^^^^^^^^',
      '   |',
      '',
      'invalid-syntax: Expected an expression',
      ' --> app/broken.py:2:5',
      '',
      'Found 3 errors.',
      '[*] 1 fixable with the `--fix` option.',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'ruff',
        file: 'apps/api/app/main.py',
        line: 1,
        column: 8,
        message: '`os` imported but unused',
        ruleId: 'F401',
      },
      {
        tool: 'ruff',
        file: 'apps/api/app/main.py',
        line: 14,
        column: 89,
        message: 'Line too long (101 > 88)',
        ruleId: 'E501',
      },
      {
        tool: 'ruff',
        file: 'apps/api/app/broken.py',
        line: 2,
        column: 5,
        message: 'Expected an expression',
      },
    ]);
  });
});

describe('mypy', () => {
  it('reads errors with and without columns, ranges, codes and notes', () => {
    const output = [
      'app/models.py:12: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]',
      'app/models.py:20:9: error: Item "None" of "User | None" has no attribute "email"  [union-attr]',
      'app/models.py:31:5:31:18: error: Missing return statement  [return]',
      'app/api.py:3: note: Revealed type is "builtins.int"',
      'app/api.py:7: error: Name "foo" is not defined',
      'Found 4 errors in 2 files (checked 14 source files)',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'mypy',
        file: 'apps/api/app/models.py',
        line: 12,
        message:
          'Incompatible types in assignment (expression has type "str", variable has type "int")',
        ruleId: 'assignment',
        severity: 'error',
      },
      {
        tool: 'mypy',
        file: 'apps/api/app/models.py',
        line: 20,
        column: 9,
        message: 'Item "None" of "User | None" has no attribute "email"',
        ruleId: 'union-attr',
        severity: 'error',
      },
      {
        tool: 'mypy',
        file: 'apps/api/app/models.py',
        line: 31,
        column: 5,
        endLine: 31,
        endColumn: 18,
        message: 'Missing return statement',
        ruleId: 'return',
        severity: 'error',
      },
      {
        tool: 'mypy',
        file: 'apps/api/app/api.py',
        line: 3,
        message: 'Revealed type is "builtins.int"',
        severity: 'note',
      },
      {
        tool: 'mypy',
        file: 'apps/api/app/api.py',
        line: 7,
        message: 'Name "foo" is not defined',
        severity: 'error',
      },
    ]);
  });

  it('reads coloured output (--color-output / FORCE_COLOR)', () => {
    const output =
      `app/models.py:12: ${ESC}[1m${ESC}[31merror:${ESC}[m Incompatible return value type (got ` +
      `${ESC}[m${ESC}[1m"str"${ESC}[m, expected ${ESC}[m${ESC}[1m"int"${ESC}[m)  ` +
      `${ESC}[m${ESC}[33m[return-value]${ESC}[m\n` +
      `${ESC}[1m${ESC}[31mFound 1 error in 1 file ${ESC}[33m(checked 3 source files)${ESC}[m`;
    expect(findings(output, API)).toEqual([
      {
        tool: 'mypy',
        file: 'apps/api/app/models.py',
        line: 12,
        message: 'Incompatible return value type (got "str", expected "int")',
        ruleId: 'return-value',
        severity: 'error',
      },
    ]);
  });
});

describe('flake8', () => {
  it('reads the default format (paths printed with ./)', () => {
    const output = [
      "./app/main.py:1:1: F401 'os' imported but unused",
      './app/main.py:12:80: E501 line too long (88 > 79 characters)',
      './tests/test_api.py:3:1: E302 expected 2 blank lines, found 1',
      "./tests/test_api.py:9:5: B007 Loop control variable 'i' not used within the loop body",
      '4',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'flake8',
        file: 'apps/api/app/main.py',
        line: 1,
        column: 1,
        message: "'os' imported but unused",
        ruleId: 'F401',
      },
      {
        tool: 'flake8',
        file: 'apps/api/app/main.py',
        line: 12,
        column: 80,
        message: 'line too long (88 > 79 characters)',
        ruleId: 'E501',
      },
      {
        tool: 'flake8',
        file: 'apps/api/tests/test_api.py',
        line: 3,
        column: 1,
        message: 'expected 2 blank lines, found 1',
        ruleId: 'E302',
      },
      {
        tool: 'flake8',
        file: 'apps/api/tests/test_api.py',
        line: 9,
        column: 5,
        message: "Loop control variable 'i' not used within the loop body",
        ruleId: 'B007',
      },
    ]);
  });
});

describe('pytest', () => {
  it('gives one finding per failed test, placed by the long traceback', () => {
    expect(run(fixture('pytest-long.log'), API)).toEqual({
      findings: [
        {
          tool: 'pytest',
          file: 'apps/api/tests/test_api.py',
          line: 42,
          message: 'assert 503 == 200',
          ruleId: 'tests/test_api.py::test_health',
          severity: 'error',
        },
        {
          tool: 'pytest',
          file: 'apps/api/tests/test_users.py',
          line: 17,
          message: "KeyError: 'admin'",
          ruleId: 'tests/test_users.py::TestUsers::test_create[admin-201]',
          severity: 'error',
        },
        {
          // A fixture error: the test's own file is not in the traceback, its fixture is.
          tool: 'pytest',
          file: 'apps/api/tests/conftest.py',
          line: 11,
          message: "KeyError: 'DATABASE_URL'",
          ruleId: 'tests/test_users.py::test_delete_user',
          severity: 'error',
        },
        {
          // A collection error without a message in the summary: the E line is used.
          tool: 'pytest',
          file: 'apps/api/tests/test_orders.py',
          line: 3,
          message: "ModuleNotFoundError: No module named 'app.orders'",
          ruleId: 'tests/test_orders.py',
          severity: 'error',
        },
      ],
      total: 4,
    });
  });

  it('reads --tb=short tracebacks and uses line 1 when no location was printed', () => {
    const output = [
      '=================================== FAILURES ===================================',
      '________________________________ test_checkout _________________________________',
      'tests/test_cart.py:21: in test_checkout',
      '    total = checkout(cart)',
      'app/cart.py:9: in checkout',
      '    raise ValueError("empty cart")',
      'E   ValueError: empty cart',
      '=========================== short test summary info ============================',
      'FAILED tests/test_cart.py::test_checkout - ValueError: empty cart',
      'FAILED tests/test_cart.py::test_refund',
      '========================= 2 failed, 3 passed in 0.31s ==========================',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_cart.py',
        line: 21,
        message: 'ValueError: empty cart',
        ruleId: 'tests/test_cart.py::test_checkout',
        severity: 'error',
      },
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_cart.py',
        line: 1,
        message: 'test failed',
        ruleId: 'tests/test_cart.py::test_refund',
        severity: 'error',
      },
    ]);
  });

  it('reads --tb=line (one absolute location per failure, no headers)', () => {
    const output = [
      '=================================== FAILURES ===================================',
      `${API}/tests/test_cart.py:21: ValueError: empty cart`,
      `${API}/tests/test_api.py:42: assert 503 == 200`,
      '=========================== short test summary info ============================',
      'FAILED tests/test_api.py::test_health - assert 503 == 200',
      'FAILED tests/test_cart.py::test_checkout - ValueError: empty cart',
      '========================= 2 failed, 3 passed in 0.31s ==========================',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_api.py',
        line: 42,
        message: 'assert 503 == 200',
        ruleId: 'tests/test_api.py::test_health',
        severity: 'error',
      },
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_cart.py',
        line: 21,
        message: 'ValueError: empty cart',
        ruleId: 'tests/test_cart.py::test_checkout',
        severity: 'error',
      },
    ]);
  });

  it('falls back to the FAILURES reports when there is no short summary (-rN)', () => {
    const output = [
      '============================= test session starts ==============================',
      'collected 2 items',
      '',
      'tests/test_api.py F.                                                     [100%]',
      '',
      '=================================== FAILURES ===================================',
      '_________________________________ test_health __________________________________',
      '',
      '    def test_health(client):',
      '>       assert client.get("/health").status_code == 200',
      'E       assert 503 == 200',
      '',
      'tests/test_api.py:42: AssertionError',
      '========================= 1 failed, 1 passed in 0.12s ==========================',
    ].join('\n');
    expect(findings(output, API)).toEqual([
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_api.py',
        line: 42,
        message: 'assert 503 == 200',
        ruleId: 'test_health',
        severity: 'error',
      },
    ]);
  });

  it('matches reports per session when one gate runs pytest twice', () => {
    const session = (line: number) => [
      '============================= test session starts ==============================',
      '=================================== FAILURES ===================================',
      '_________________________________ test_health __________________________________',
      `tests/test_api.py:${line}: AssertionError`,
      '=========================== short test summary info ============================',
      'FAILED tests/test_api.py::test_health - assert False',
      '============================== 1 failed in 0.05s ===============================',
    ];
    expect(findings([...session(42), ...session(50)].join('\n'), API)).toEqual([
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_api.py',
        line: 42,
        message: 'assert False',
        ruleId: 'tests/test_api.py::test_health',
        severity: 'error',
      },
      {
        tool: 'pytest',
        file: 'apps/api/tests/test_api.py',
        line: 50,
        message: 'assert False',
        ruleId: 'tests/test_api.py::test_health',
        severity: 'error',
      },
    ]);
  });

  it('needs the short-summary banner: a bare FAILED line elsewhere is not a finding', () => {
    const output = [
      'FAILED tests/test_api.py::test_health - assert 503 == 200',
      'ERROR in ./src/index.ts 3:7',
      'Ran 7 tests in 0.08s',
      '',
      'FAILED (failures=1)',
    ].join('\n');
    expect(findings(output)).toEqual([]);
  });
});

describe('shellcheck', () => {
  it('reads the gcc format, including scripts without an extension', () => {
    const output = [
      'deploy.sh:3:8: warning: Double quote to prevent globbing and word splitting. [SC2086]',
      "deploy.sh:9:1: error: Couldn't parse this if expression. Fix to allow more checks. [SC1073]",
      'scripts/release:14:5: note: Use $(...) notation instead of legacy backticks `...`. [SC2006]',
    ].join('\n');
    expect(findings(output, `${WS}/ops`)).toEqual([
      {
        tool: 'shellcheck',
        file: 'ops/deploy.sh',
        line: 3,
        column: 8,
        message: 'Double quote to prevent globbing and word splitting.',
        ruleId: 'SC2086',
        severity: 'warning',
      },
      {
        tool: 'shellcheck',
        file: 'ops/deploy.sh',
        line: 9,
        column: 1,
        message: "Couldn't parse this if expression. Fix to allow more checks.",
        ruleId: 'SC1073',
        severity: 'error',
      },
      {
        tool: 'shellcheck',
        file: 'ops/scripts/release',
        line: 14,
        column: 5,
        message: 'Use $(...) notation instead of legacy backticks `...`.',
        ruleId: 'SC2006',
        severity: 'note',
      },
    ]);
  });

  it('reads the default tty format', () => {
    const output = [
      '',
      'In deploy.sh line 3:',
      'cp $SRC /srv/app:8080:data.tar',
      '   ^--^ SC2086 (info): Double quote to prevent globbing and word splitting.',
      '',
      'Did you mean: ',
      'cp "$SRC" /srv/app:8080:data.tar',
      '',
      '',
      'In deploy.sh line 7:',
      'for f in $(ls *.tar); do',
      '         ^---------^ SC2045 (error): Iterating over ls output is fragile. Use globs.',
      "              ^-- SC2035 (info): Use ./*glob* or -- *glob* so names with dashes won't become options.",
      '',
      'For more information:',
      '  https://www.shellcheck.net/wiki/SC2045 -- Iterating over ls output is fra...',
      '  https://www.shellcheck.net/wiki/SC2035 -- Use ./*glob* or -- *glob* so nam...',
    ].join('\n');
    expect(findings(output)).toEqual([
      {
        tool: 'shellcheck',
        file: 'deploy.sh',
        line: 3,
        column: 4,
        message: 'Double quote to prevent globbing and word splitting.',
        ruleId: 'SC2086',
        severity: 'note',
      },
      {
        tool: 'shellcheck',
        file: 'deploy.sh',
        line: 7,
        column: 10,
        message: 'Iterating over ls output is fragile. Use globs.',
        ruleId: 'SC2045',
        severity: 'error',
      },
      {
        tool: 'shellcheck',
        file: 'deploy.sh',
        line: 7,
        column: 15,
        message: "Use ./*glob* or -- *glob* so names with dashes won't become options.",
        ruleId: 'SC2035',
        severity: 'note',
      },
    ]);
  });
});

describe('generic fallback', () => {
  it('reads path:line:col: and path:line: lines (go vet, gcc, others)', () => {
    const output = [
      '# github.com/shop/worker',
      './cmd/worker/main.go:12:5: undefined: startQueue',
      "native/crc.c:3:8: error: 'uint32' undeclared (first use in this function)",
      'native/crc.c:3:8: note: each undeclared identifier is reported only once',
      'native/crc.c:10:1: warning: control reaches end of non-void function [-Wreturn-type]',
      'docs/guide.md:40: Broken link to ./install.md',
    ].join('\n');
    expect(findings(output, `${WS}/services`)).toEqual([
      {
        tool: 'generic',
        file: 'services/cmd/worker/main.go',
        line: 12,
        column: 5,
        message: 'undefined: startQueue',
      },
      {
        tool: 'generic',
        file: 'services/native/crc.c',
        line: 3,
        column: 8,
        message: "'uint32' undeclared (first use in this function)",
        severity: 'error',
      },
      {
        tool: 'generic',
        file: 'services/native/crc.c',
        line: 3,
        column: 8,
        message: 'each undeclared identifier is reported only once',
        severity: 'note',
      },
      {
        tool: 'generic',
        file: 'services/native/crc.c',
        line: 10,
        column: 1,
        message: 'control reaches end of non-void function [-Wreturn-type]',
        severity: 'warning',
      },
      {
        tool: 'generic',
        file: 'services/docs/guide.md',
        line: 40,
        message: 'Broken link to ./install.md',
      },
    ]);
  });

  it('ignores log noise: URLs, timestamps, hosts, npm, tracebacks, stack traces', () => {
    const output = [
      'http://localhost:3000: connection refused',
      'https://registry.npmjs.org:443: ETIMEDOUT',
      'GET http://example.com:80/health: 200',
      '12:30:45: starting server',
      '2024-05-01 12:30:45,123: INFO booting',
      '[12:30:45] src/a.ts:3:4: not at the start of the line',
      'Ran 7 tests in 0.08s',
      'OK (skipped=1)',
      'example.com:443: handshake failed',
      'db.svc:5432: connection refused',
      '10.0.0.12:6379: connection refused',
      'git@github.com:22: Permission denied',
      'Makefile:12: *** missing separator.  Stop.',
      'src/a.ts:0: line zero',
      'src/a.ts:12:',
      'src/a.ts:12: ',
      'my file.py:3: spaces in the path',
      'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
      'npm error code ELIFECYCLE',
      'npm error path /home/runner/work/shop/shop/apps/api',
      'Traceback (most recent call last):',
      '  File "/home/runner/work/shop/shop/apps/api/app/main.py", line 3, in <module>',
      '    import requests',
      "ModuleNotFoundError: No module named 'requests'",
      '    at Object.<anonymous> (/home/runner/work/shop/shop/src/index.js:12:5)',
      '    at node:internal/main/run_main_module:28:49',
      'node:internal/modules/cjs/loader:1228',
      '#12 0.345 Step 3/10 : RUN npm ci',
      'Version: 1.2.3',
      'Time: 12:30:45',
    ].join('\n');
    expect(run(output)).toEqual({ findings: [], total: 0 });
  });
});

describe('paths', () => {
  it('makes absolute paths inside the workspace relative, keeps the rest as printed', () => {
    const output = [
      `${WS}/apps/api/app/main.py:1:8: F401 [*] \`os\` imported but unused`,
      '/usr/lib/python3.12/os.py:685: error: Name "x" is not defined  [name-defined]',
      '../../../outside/lib.py:3:1: F811 [*] Redefinition of unused `x`',
      "../web/src/a.ts(1,1): error TS1005: ';' expected.",
    ].join('\n');
    expect(findings(output, API).map((finding) => finding.file)).toEqual([
      'apps/api/app/main.py',
      '/usr/lib/python3.12/os.py',
      '../../../outside/lib.py',
      'apps/web/src/a.ts',
    ]);
  });

  it('handles a Windows workspace and backslash paths', () => {
    const parser = new FindingParser({
      workspace: 'D:\\a\\shop\\shop',
      cwd: 'D:\\a\\shop\\shop\\web',
    });
    parser.push("src\\app.ts(3,1): error TS1005: ';' expected.\r");
    parser.push("D:\\a\\shop\\shop\\web\\src\\util.ts:4:2 - error TS2304: Cannot find name 'x'.\r");
    parser.push(
      "C:\\hostedtoolcache\\node\\lib.d.ts(9,9): error TS2300: Duplicate identifier 'y'.\r",
    );
    expect(parser.finish().findings.map((finding) => finding.file)).toEqual([
      'web/src/app.ts',
      'web/src/util.ts',
      'C:\\hostedtoolcache\\node\\lib.d.ts',
    ]);
  });
});

describe('FindingParser', () => {
  it('de-duplicates identical findings (tsc -b repeating a project)', () => {
    const line = "src/a.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.";
    const other = "src/a.ts(2,7): error TS2322: Type 'string' is not assignable to type 'number'.";
    expect(
      run([line, line, other, `${API}/src/a.ts(1,7)${line.slice(13)}`].join('\n'), API),
    ).toEqual({
      findings: [
        expect.objectContaining({ file: 'apps/api/src/a.ts', line: 1 }),
        expect.objectContaining({ file: 'apps/api/src/a.ts', line: 2 }),
      ],
      total: 2,
    });
  });

  it('keeps at most max findings and counts all of them in total', () => {
    const lines = Array.from(
      { length: 25 },
      (_, i) => `./app/m${i}.py:${i + 1}:1: E302 expected 2 blank lines, found 1`,
    );
    const result = run([...lines, ...lines].join('\n'), API, 10);
    expect(result.total).toBe(25);
    expect(result.findings).toHaveLength(10);
    expect(result.findings[9]).toEqual({
      tool: 'flake8',
      file: 'apps/api/app/m9.py',
      line: 10,
      column: 1,
      message: 'expected 2 blank lines, found 1',
      ruleId: 'E302',
    });
    expect(run(lines.join('\n'), API, 0)).toEqual({ findings: [], total: 25 });
  });

  it('treats a negative max as 0 and a non-finite one as the default', () => {
    const line = "src/a.ts(1,1): error TS1005: ';' expected.";
    expect(run(line, WS, -3)).toEqual({ findings: [], total: 1 });
    expect(run(line, WS, Number.NaN).findings).toHaveLength(1);
    expect(run(line, WS, 2.9).findings).toHaveLength(1);
  });

  it('defaults max to MAX_FINDINGS_PER_GATE', () => {
    const count = MAX_FINDINGS_PER_GATE + 5;
    const parser = new FindingParser({ workspace: WS, cwd: WS });
    for (let i = 1; i <= count; i++) parser.push(`deploy.sh:${i}:1: note: Use $(...) [SC2006]`);
    const result = parser.finish();
    expect(result.total).toBe(count);
    expect(result.findings).toHaveLength(MAX_FINDINGS_PER_GATE);
  });

  // How long these take is for npm run bench (the findings parser on a 5 MB line and 100,000
  // lines); here, what the parser makes of them.
  it('looks at a 5 MB single line, and still reads its start', () => {
    const huge = `src/a.ts(1,1): error TS1005: ${'x'.repeat(5 * 1024 * 1024)}`;
    const noise = `${ESC}[31m${'a:1: '.repeat(1024 * 1024)}`;
    const parser = new FindingParser({ workspace: WS, cwd: WS });
    parser.push(huge);
    parser.push(noise);
    parser.push("src/b.ts(2,2): error TS1005: ';' expected.");
    const { findings: found, total } = parser.finish();
    expect(total).toBe(2);
    expect(found[0]!.message.length).toBeLessThanOrEqual(4096);
    expect(found[1]).toEqual({
      tool: 'tsc',
      file: 'src/b.ts',
      line: 2,
      column: 2,
      message: "';' expected.",
      ruleId: 'TS1005',
      severity: 'error',
    });
  });

  it('streams many lines, finding the few findings among them', () => {
    const parser = new FindingParser({ workspace: WS, cwd: API });
    for (let i = 0; i < 100_000; i++) {
      parser.push(`2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} done`);
      if (i % 1000 === 0) parser.push(`app/main.py:${i + 1}:1: F401 \`os\` imported but unused`);
    }
    expect(parser.finish().total).toBe(100);
  });

  it('keeps only what a terminal shows after a carriage return', () => {
    const parser = new FindingParser({ workspace: WS, cwd: WS });
    parser.push("Linting 12%\rLinting 80%\rsrc/a.ts(3,1): error TS1005: ';' expected.\r");
    expect(parser.finish().findings).toEqual([
      expect.objectContaining({ file: 'src/a.ts', line: 3, ruleId: 'TS1005' }),
    ]);
  });

  it('returns the same result from a second finish and ignores lines pushed after it', () => {
    const parser = new FindingParser({ workspace: WS, cwd: WS });
    parser.push("src/a.ts(3,1): error TS1005: ';' expected.");
    const first = parser.finish();
    parser.push("src/b.ts(3,1): error TS1005: ';' expected.");
    expect(parser.finish()).toEqual(first);
    expect(first.total).toBe(1);
  });

  it('parses a whole output with parseFindings', () => {
    expect(
      parseFindings('deploy.sh:3:8: warning: Quote this. [SC2086]\n', { workspace: WS, cwd: WS }),
    ).toEqual({
      findings: [
        {
          tool: 'shellcheck',
          file: 'deploy.sh',
          line: 3,
          column: 8,
          message: 'Quote this.',
          ruleId: 'SC2086',
          severity: 'warning',
        },
      ],
      total: 1,
    });
  });
});
