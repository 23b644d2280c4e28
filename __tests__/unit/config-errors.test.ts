import { describe, expect, it } from '@jest/globals';
import { catalogueWith, parserWith, standInCheck } from '../helpers/checks.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';

// `uses:` must name a known check; this stands in for a catalogue check.
const parse = parserWith(catalogueWith(standInCheck('checks/ruff')));

const FILE = '.github/release-gates.yml';
const STAGE_LIST = 'lint, typecheck, test, security, build, image, deploy, health';
const ID_RULE = 'expected an id matching ^[a-z0-9][a-z0-9_-]{0,62}$';

/** Parses `text` expecting a ConfigurationError; returns its problem lines. */
function problemsOf(text: string, file: string = FILE): readonly string[] {
  let thrown: unknown;
  try {
    parse(text, file);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  const error = thrown as ConfigurationError;
  expect(error.problems.length).toBeGreaterThan(0);
  expect(error.message).toBe(error.problems.join('\n'));
  return error.problems;
}

/** A config that is valid except for what `gateExtra` / `topExtra` add. */
function withGate(gateExtra: string, topExtra = ''): string {
  return [
    'version: 1',
    topExtra,
    'gates:',
    '  - id: api-lint',
    '    stage: lint',
    '    priority: P1',
    '    run: ruff check .',
    gateExtra,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const VALID_GATE = '  - { id: api-lint, stage: lint, priority: P1, run: ruff check . }';

/**
 * [what, yaml, expected]: expected is the exact, complete list of problem lines when it is a
 * string[], or a pattern one of the lines must match (used where the exact wording is not
 * the point, e.g. the YAML library's syntax-error text).
 */
const CASES: Array<[string, string, readonly string[] | RegExp]> = [
  ['wrong version', `version: 2\ngates:\n${VALID_GATE}\n`, [`${FILE}: version: expected 1, got 2`]],
  [
    'version as a string',
    `version: "1"\ngates:\n${VALID_GATE}\n`,
    [`${FILE}: version: expected 1, got "1"`],
  ],
  [
    'missing version',
    `gates:\n${VALID_GATE}\n`,
    /^\.github\/release-gates\.yml: version: (required: )?expected 1\b/,
  ],
  ['gates missing', 'version: 1\n', [`${FILE}: gates: required: expected a list`]],
  [
    'empty gates list',
    'version: 1\ngates: []\n',
    /^\.github\/release-gates\.yml: gates: expected at least one gate\b/,
  ],
  [
    'gates is a mapping, not a list',
    'version: 1\ngates:\n  id: api-lint\n  stage: lint\n',
    [`${FILE}: gates: expected a list, got a mapping`],
  ],
  [
    'gates is a string',
    'version: 1\ngates: api-lint\n',
    [`${FILE}: gates: expected a list, got "api-lint"`],
  ],
  [
    'unknown top-level key',
    withGate('', 'gate-defaults: {}'),
    [`${FILE}: gate-defaults: unknown key "gate-defaults"`],
  ],
  [
    'unknown gate key (typo stgae)',
    'version: 1\ngates:\n  - id: api-lint\n    stgae: lint\n    priority: P1\n    run: ruff check .\n',
    // The typo is named; the then-missing stage is reported too.
    /^\.github\/release-gates\.yml: gates\[0\]\.stgae: unknown key "stgae"$/,
  ],
  [
    'bad priority',
    withGate('').replace('priority: P1', 'priority: P5'),
    [`${FILE}: gates[0].priority: expected one of P0, P1, P2, P3, got "P5"`],
  ],
  [
    'bad stage',
    withGate('').replace('stage: lint', 'stage: qa'),
    [`${FILE}: gates[0].stage: expected one of ${STAGE_LIST}, got "qa"`],
  ],
  [
    'id with uppercase',
    withGate('').replace('id: api-lint', 'id: API-lint'),
    [`${FILE}: gates[0].id: ${ID_RULE}, got "API-lint"`],
  ],
  [
    'id too long (64 characters)',
    withGate('').replace('id: api-lint', `id: ${'a'.repeat(64)}`),
    [`${FILE}: gates[0].id: ${ID_RULE}, got "${'a'.repeat(57)}..."`],
  ],
  [
    'id with a leading dash',
    withGate('').replace('id: api-lint', 'id: "-api"'),
    [`${FILE}: gates[0].id: ${ID_RULE}, got "-api"`],
  ],
  [
    'id that is a number',
    withGate('').replace('id: api-lint', 'id: 42'),
    [`${FILE}: gates[0].id: expected a string, got 42`],
  ],
  [
    'duplicate ids',
    [
      'version: 1',
      'gates:',
      '  - { id: api-lint, stage: lint, priority: P1, run: a }',
      '  - { id: web-lint, stage: lint, priority: P1, run: b }',
      '  - { id: api-lint, stage: test, priority: P1, run: c }',
    ].join('\n'),
    [`${FILE}: gates[2].id: duplicate id "api-lint" (first used by gates[0])`],
  ],
  [
    'gate with no kind',
    'version: 1\ngates:\n  - { id: api-lint, stage: lint, priority: P1 }\n',
    [`${FILE}: gates[0]: expected exactly one of run, http, uses; got none`],
  ],
  [
    'gate with run and http',
    withGate('    http: { url: "https://api.example.com/health" }'),
    [`${FILE}: gates[0]: expected exactly one of run, http, uses; got run and http`],
  ],
  [
    'with without uses',
    withGate('    with: { level: high }'),
    [`${FILE}: gates[0].with: only allowed together with uses`],
  ],
  [
    'working-directory ../outside',
    withGate('    working-directory: ../outside'),
    [`${FILE}: gates[0].working-directory: expected a path inside the workspace, got "../outside"`],
  ],
  [
    'working-directory that escapes after normalizing',
    withGate('    working-directory: apps/../../outside'),
    [
      `${FILE}: gates[0].working-directory: expected a path inside the workspace, got "apps/../../outside"`,
    ],
  ],
  [
    'absolute working-directory /etc',
    withGate('    working-directory: /etc'),
    [`${FILE}: gates[0].working-directory: expected a path inside the workspace, got "/etc"`],
  ],
  [
    'empty working-directory',
    withGate('    working-directory: ""'),
    [
      `${FILE}: gates[0].working-directory: expected a non-empty path relative to the workspace, got ""`,
    ],
  ],
  [
    'defaults.working-directory escaping the workspace',
    withGate('', 'defaults: { working-directory: .. }'),
    [`${FILE}: defaults.working-directory: expected a path inside the workspace, got ".."`],
  ],
  [
    'cleanup working-directory absolute',
    withGate('', 'cleanup:\n  - { run: docker compose down, working-directory: /tmp }'),
    [`${FILE}: cleanup[0].working-directory: expected a path inside the workspace, got "/tmp"`],
  ],
  [
    'negative timeout-minutes',
    withGate('    timeout-minutes: -5'),
    [`${FILE}: gates[0].timeout-minutes: expected a number of minutes above 0, got -5`],
  ],
  [
    'zero timeout-minutes',
    withGate('    timeout-minutes: 0'),
    [`${FILE}: gates[0].timeout-minutes: expected a number of minutes above 0, got 0`],
  ],
  [
    'timeout-minutes above a day',
    withGate('    timeout-minutes: 1441'),
    [`${FILE}: gates[0].timeout-minutes: expected at most 1440 minutes, got 1441`],
  ],
  [
    'timeout-minutes as a string',
    withGate('    timeout-minutes: "5"'),
    [`${FILE}: gates[0].timeout-minutes: expected a number, got "5"`],
  ],
  [
    'defaults.timeout-minutes zero',
    withGate('', 'defaults: { timeout-minutes: 0 }'),
    [`${FILE}: defaults.timeout-minutes: expected a number of minutes above 0, got 0`],
  ],
  [
    'retries not an integer',
    withGate('    retries: 1.5'),
    [`${FILE}: gates[0].retries: expected an integer, got 1.5`],
  ],
  [
    'retries negative',
    withGate('    retries: -1'),
    [`${FILE}: gates[0].retries: expected a number at least 0, got -1`],
  ],
  [
    'retries as a word',
    withGate('    retries: twice'),
    [`${FILE}: gates[0].retries: expected a number, got "twice"`],
  ],
  [
    'concurrency 0',
    withGate('', 'concurrency: 0'),
    [`${FILE}: concurrency: expected a number at least 1, got 0`],
  ],
  [
    'concurrency not an integer',
    withGate('', 'concurrency: 2.5'),
    [`${FILE}: concurrency: expected an integer, got 2.5`],
  ],
  [
    'policy with unknown action',
    withGate('', 'policy: { P0: explode }'),
    [`${FILE}: policy.P0: expected one of abort, block, fail, warn, notice, got "explode"`],
  ],
  [
    'policy with unknown priority key P4',
    withGate('', 'policy: { P4: warn }'),
    [`${FILE}: policy.P4: unknown key "P4"`],
  ],
  [
    'when.events not a list',
    withGate('    when: { events: push }'),
    [`${FILE}: gates[0].when.events: expected a list, got "push"`],
  ],
  [
    'when.branches not a list',
    withGate('    when: { branches: main }'),
    [`${FILE}: gates[0].when.branches: expected a list, got "main"`],
  ],
  [
    'when with an unknown key',
    withGate('    when: { event: [push] }'),
    [`${FILE}: gates[0].when.event: unknown key "event"`],
  ],
  [
    'env with a mapping value',
    withGate('    env:\n      RUFF: { cache: /tmp }'),
    [`${FILE}: gates[0].env.RUFF: expected a string, number or boolean, got a mapping`],
  ],
  [
    'defaults.env with a list value',
    withGate('', 'defaults:\n  env: { PATHS: [a, b] }'),
    [`${FILE}: defaults.env.PATHS: expected a string, number or boolean, got a list`],
  ],
  [
    'env with a null value',
    withGate('    env: { EMPTY: null }'),
    [`${FILE}: gates[0].env.EMPTY: expected a string, number or boolean, got null`],
  ],
  [
    'redact entry not an env name',
    withGate('', 'redact: [DEPLOY_TOKEN, "deploy token"]'),
    [`${FILE}: redact[1]: expected an environment variable name, got "deploy token"`],
  ],
  [
    'redact not a list',
    withGate('', 'redact: DEPLOY_TOKEN'),
    [`${FILE}: redact: expected a list, got "DEPLOY_TOKEN"`],
  ],
  [
    'http.expect.status above 599',
    'version: 1\ngates:\n  - id: api-health\n    stage: health\n    priority: P0\n    http:\n      url: https://api.example.com/health\n      expect: { status: [200, 600] }\n',
    [`${FILE}: gates[0].http.expect.status[1]: expected a number at most 599, got 600`],
  ],
  [
    'http.expect.status below 100',
    'version: 1\ngates:\n  - id: api-health\n    stage: health\n    priority: P0\n    http: { url: "https://x.test/", expect: { status: [99] } }\n',
    [`${FILE}: gates[0].http.expect.status[0]: expected a number at least 100, got 99`],
  ],
  [
    'http without url',
    'version: 1\ngates:\n  - { id: api-health, stage: health, priority: P0, http: { method: GET } }\n',
    [`${FILE}: gates[0].http.url: required: expected a string`],
  ],
  [
    'http with an unknown method',
    'version: 1\ngates:\n  - { id: api-health, stage: health, priority: P0, http: { url: "https://x.test/", method: FETCH } }\n',
    [
      `${FILE}: gates[0].http.method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"`,
    ],
  ],
  [
    'run empty',
    withGate('').replace('run: ruff check .', 'run: ""'),
    [`${FILE}: gates[0].run: expected a non-empty command, got ""`],
  ],
  [
    'gate that is not a mapping',
    'version: 1\ngates:\n  - api-lint\n',
    [`${FILE}: gates[0]: expected a mapping, got "api-lint"`],
  ],
  [
    'rollback hook without run',
    withGate('', 'rollback:\n  - { name: roll back }'),
    [`${FILE}: rollback[0].run: required: expected a string`],
  ],
  [
    'second gate is the broken one',
    `version: 1\ngates:\n${VALID_GATE}\n  - { id: web-test, stage: test, priority: P9, run: npm test }\n`,
    [`${FILE}: gates[1].priority: expected one of P0, P1, P2, P3, got "P9"`],
  ],
  [
    'YAML syntax error (line and column)',
    'version: 1\ngates:\n  - id: api-lint\n    stage: lint: test\n',
    /^\.github\/release-gates\.yml:4:12: YAML syntax error: \S/,
  ],
  [
    'YAML: mis-indented mapping key',
    'version: 1\ngates:\n  - id: api-lint\n  stage: lint\n',
    /^\.github\/release-gates\.yml:4:1: YAML syntax error: \S/,
  ],
  [
    'YAML: tab indentation',
    'version: 1\ngates:\n\t- id: api-lint\n',
    /^\.github\/release-gates\.yml:3:1: YAML syntax error: .*[Tt]ab/,
  ],
  [
    'YAML: a stray carriage return is named, escaped, on one line (fuzzer case)',
    '>\r',
    [`${FILE}:1:2: YAML syntax error: Not a YAML token: \\r`],
  ],
  [
    'empty file',
    '',
    [`${FILE}: (top level): the file is empty; expected a mapping with version: 1 and gates`],
  ],
  [
    'file with only comments',
    '# release gates\n\n   \n',
    [`${FILE}: (top level): the file is empty; expected a mapping with version: 1 and gates`],
  ],
  [
    'top-level list instead of a mapping',
    '- version: 1\n- gates: []\n',
    [`${FILE}: (top level): expected a mapping with version: 1 and gates, got a list`],
  ],
  [
    'top-level scalar',
    'just some text\n',
    [`${FILE}: (top level): expected a mapping with version: 1 and gates, got "just some text"`],
  ],
  [
    'duplicate top-level YAML key',
    `version: 1\ngates:\n${VALID_GATE}\nversion: 1\n`,
    [`${FILE}:4:1: YAML syntax error: duplicate key "version"`],
  ],
  [
    'duplicate YAML key inside a gate',
    'version: 1\ngates:\n  - id: api-lint\n    stage: lint\n    stage: test\n    priority: P1\n    run: x\n',
    [`${FILE}:5:5: YAML syntax error: duplicate key "stage"`],
  ],
  [
    'two YAML documents',
    `version: 1\ngates:\n${VALID_GATE}\n---\nversion: 2\n`,
    /^\.github\/release-gates\.yml:4:1: YAML syntax error: /,
  ],
];

describe('parseConfig: malformed configs', () => {
  it('has a broad table of cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map(([what]) => what)).size).toBe(CASES.length);
  });

  it.each(CASES)('%s', (_what, yaml, expected) => {
    const problems = problemsOf(yaml);
    if (expected instanceof RegExp) {
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    } else {
      expect(problems).toEqual(expected);
    }
    for (const line of problems) {
      expect(line.startsWith(`${FILE}:`)).toBe(true);
      expect(line).not.toContain('    at ');
      expect(line).not.toContain('\n');
    }
  });

  it('reports the typo and the missing required key it leaves behind', () => {
    const problems = problemsOf(
      'version: 1\ngates:\n  - id: api-lint\n    stgae: lint\n    priority: P1\n    run: x\n',
    );
    expect(problems).toContain(`${FILE}: gates[0].stgae: unknown key "stgae"`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.github\/release-gates\.yml: gates\[0\]\.stage: /),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('flags a missing stage and priority as required fields', () => {
    const problems = problemsOf('version: 1\ngates:\n  - { id: api-lint, run: x }\n');
    expect(problems).toEqual([
      expect.stringMatching(
        /^\.github\/release-gates\.yml: gates\[0\]\.stage: .*expected one of lint, typecheck/,
      ),
      expect.stringMatching(
        /^\.github\/release-gates\.yml: gates\[0\]\.priority: .*expected one of P0, P1, P2, P3/,
      ),
    ]);
  });

  it('accepts an id of exactly 63 characters (the boundary of the pattern)', () => {
    const id = 'a'.repeat(63);
    const config = parse(withGate('').replace('id: api-lint', `id: ${id}`), FILE);
    expect(config.gates[0]!.id).toBe(id);
  });

  it('names the file exactly as given, including other paths', () => {
    expect(problemsOf('version: 3\ngates: []\n', 'ci/gates.yaml')).toEqual([
      'ci/gates.yaml: version: expected 1, got 3',
      expect.stringMatching(/^ci\/gates\.yaml: gates: expected at least one gate\b/),
    ]);
    expect(problemsOf('version: 1\n  gates: [', 'ci/gates.yaml')[0]).toMatch(
      /^ci\/gates\.yaml:\d+:\d+: YAML syntax error: /,
    );
  });

  it('reports the line and column of the first bad token after earlier valid lines', () => {
    const problems = problemsOf(
      'version: 1\ngates:\n  - id: api-lint\n    stage: lint\n    priority: P1\n    run: |\n      echo hi\n    ]\n',
    );
    expect(problems[0]).toMatch(/^\.github\/release-gates\.yml:8:5: YAML syntax error: /);
  });

  it('reports a gate with two kinds and with-without-uses together', () => {
    const problems = problemsOf(withGate('    uses: checks/ruff\n    with: { x: 1 }'));
    expect(problems).toEqual([
      `${FILE}: gates[0]: expected exactly one of run, http, uses; got run and uses`,
    ]);
    const three = problemsOf(
      withGate('    uses: checks/ruff\n    http: { url: "https://x.test/" }'),
    );
    expect(three).toEqual([
      `${FILE}: gates[0]: expected exactly one of run, http, uses; got run and http and uses`,
    ]);
  });

  it('reports every duplicate against the first index', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'gates:',
        '  - { id: dup, stage: lint, priority: P1, run: a }',
        '  - { id: dup, stage: test, priority: P1, run: b }',
        '  - { id: dup, stage: build, priority: P1, run: c }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      `${FILE}: gates[1].id: duplicate id "dup" (first used by gates[0])`,
      `${FILE}: gates[2].id: duplicate id "dup" (first used by gates[0])`,
    ]);
  });
});

describe('parseConfig: all problems at once, never a stack trace', () => {
  it('lists every independent mistake of a file in one error', () => {
    const yaml = [
      'version: 2',
      'colour: blue',
      'policy: { P1: explode }',
      'gates:',
      '  - id: API',
      '    stage: qa',
      '    priority: P9',
      '    run: make lint',
      '    working-directory: /etc',
      '  - { id: web, stage: test, priority: P2, run: x, retries: -1 }',
    ].join('\n');
    const problems = problemsOf(yaml);
    const expected = [
      `${FILE}: version: expected 1, got 2`,
      `${FILE}: colour: unknown key "colour"`,
      `${FILE}: policy.P1: expected one of abort, block, fail, warn, notice, got "explode"`,
      `${FILE}: gates[0].id: ${ID_RULE}, got "API"`,
      `${FILE}: gates[0].stage: expected one of ${STAGE_LIST}, got "qa"`,
      `${FILE}: gates[0].priority: expected one of P0, P1, P2, P3, got "P9"`,
      `${FILE}: gates[0].working-directory: expected a path inside the workspace, got "/etc"`,
      `${FILE}: gates[1].retries: expected a number at least 0, got -1`,
    ];
    expect([...problems].sort()).toEqual([...expected].sort());
  });

  it('lists three mistakes in three different places as three lines', () => {
    const problems = problemsOf(
      withGate('    timeout-minutes: 0', 'concurrency: 0\nextra: 1').replace(
        'priority: P1',
        'priority: P5',
      ),
    );
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        `${FILE}: concurrency: expected a number at least 1, got 0`,
        `${FILE}: extra: unknown key "extra"`,
        `${FILE}: gates[0].priority: expected one of P0, P1, P2, P3, got "P5"`,
        `${FILE}: gates[0].timeout-minutes: expected a number of minutes above 0, got 0`,
      ]),
    );
  });

  it('lists cross-field problems together with schema problems, without duplicates', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'defaults: { working-directory: ../up }',
        'gates:',
        '  - { id: a, stage: lint, priority: P7 }',
        '  - { id: a, stage: lint, priority: P1, run: x, with: {} }',
      ].join('\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `${FILE}: gates[0].priority: expected one of P0, P1, P2, P3, got "P7"`,
        `${FILE}: defaults.working-directory: expected a path inside the workspace, got "../up"`,
        `${FILE}: gates[0]: expected exactly one of run, http, uses; got none`,
        `${FILE}: gates[1].id: duplicate id "a" (first used by gates[0])`,
        `${FILE}: gates[1].with: only allowed together with uses`,
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(new Set(problems).size).toBe(problems.length);
  });

  it('never puts a stack trace in the message or the problems', () => {
    for (const [, yaml] of CASES) {
      let thrown: unknown;
      try {
        parse(yaml, FILE);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      const error = thrown as ConfigurationError;
      expect(error.name).toBe('ConfigurationError');
      expect(error.message).not.toContain('    at ');
      expect(error.message).not.toMatch(/\.(ts|js):\d+/);
      for (const line of error.problems) expect(line).not.toContain('    at ');
    }
  });
});

/*
 * Known defects in src/engine/config (reported, not fixed here). Each test states the correct
 * behaviour and is marked .failing, so it turns red the moment the bug is fixed: then drop
 * `.failing`.
 */
describe('parseConfig: known defects', () => {
  it('an unresolved YAML alias is a ConfigurationError, not a ReferenceError', () => {
    const problems = problemsOf('version: 1\ngates:\n  - &a { id: x }\n  - *missing\n');
    expect(problems[0]).toMatch(/^\.github\/release-gates\.yml(:\d+:\d+)?: /);
  });

  it('an alias bomb is a ConfigurationError, not a ReferenceError with a stack', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        `gates:\n${VALID_GATE}`,
      ].join('\n'),
    );
    expect(problems.join('\n')).not.toContain('    at ');
  });

  it('an env key that is not a variable name says what was expected', () => {
    const problems = problemsOf(withGate('    env: { "1BAD": x }'));
    expect(problems).toEqual([
      `${FILE}: gates[0].env["1BAD"]: expected an environment variable name, got "1BAD"`,
    ]);
  });

  it('a shell of only whitespace is rejected', () => {
    const problems = problemsOf(withGate('    shell: "   "'));
    expect(problems).toEqual([
      expect.stringMatching(/^\.github\/release-gates\.yml: gates\[0\]\.shell: /),
    ]);
  });
});

describe('parseConfig: a NUL byte never reaches a process', () => {
  it.each([
    [
      'run',
      'gates[0].run',
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: "echo \\0 hi" }\n`,
    ],
    [
      'shell',
      'gates[0].shell',
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x, shell: "bash\\0 -c" }\n`,
    ],
    [
      'env',
      'gates[0].env.A',
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x, env: { A: "a\\0b" } }\n`,
    ],
    [
      'working-directory',
      'gates[0].working-directory',
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x, working-directory: "a\\0" }\n`,
    ],
    [
      'a hook',
      'cleanup[0].run',
      `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x }\ncleanup:\n  - run: "rm\\0"\n`,
    ],
  ])('in %s is a config error naming the field', (_what, field, text) => {
    const problems = problemsOf(text);
    expect(problems).toEqual([
      expect.stringContaining(`${FILE}: ${field}: expected text without a NUL byte`),
    ]);
  });
});

describe('parseConfig: size and duplicate keys in linear time', () => {
  it('finds a duplicate among 40,000 keys of one map (quadratic before: minutes)', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `      K${i}: v`).join('\n');
    const text = `version: 1\ngates:\n  - id: a\n    stage: lint\n    priority: P1\n    run: x\n    env:\n${keys}\n      K5: again\n`;
    expect(problemsOf(text)).toEqual([`${FILE}:40008:7: YAML syntax error: duplicate key "K5"`]);
  }, 20_000);

  it('refuses a config over 1 MiB before parsing it, naming the file', () => {
    const text = `version: 1\ngates:\n${'  - { id: a, stage: lint, priority: P1, run: x }\n'.repeat(30_000)}`;
    expect(problemsOf(text)).toEqual([
      `${FILE}: the file has ${text.length} characters; a config may have at most 1048576 (1 MiB)`,
    ]);
  });

  it('tells apart keys that only look alike (1 and "1")', () => {
    const text = `version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x, env: { "1A": x } }\n`;
    expect(problemsOf(`${text}x:\n  1: a\n  "1": b\n`).join('\n')).not.toContain('duplicate key');
  });
});
