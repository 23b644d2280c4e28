import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { looksLikePublicSecret } from '../../src/engine/checks/env-example.js';
import { runEngine } from '../helpers/http-engine.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import {
  CONFIG_FILE,
  configProblems,
  gitInit,
  places,
  runCheck,
  usesConfig,
} from './check-helpers.js';

afterAll(removeTempDirs);

describe('env-example: a repository that lists every variable', () => {
  it('passes: Python, pydantic settings, JS/TS and compose reads are all in .env.example', async () => {
    const workspace = await copyFixture('check-env-example-pass');
    const result = await runCheck('env-example', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    // DATABASE_URL, REDIS_URL, SECRET_KEY, APP_DEBUG, APP_WORKERS, LEGACY_DSN,
    // NEXT_PUBLIC_API_URL, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY, FEATURE_FLAGS, SENTRY_DSN,
    // WEB_PORT, POSTGRES_USER, POSTGRES_PASSWORD (HOME and NODE_ENV are ignored).
    expect(result.summary).toBe(
      'All 13 variables read in 4 scanned files are listed in .env.example.',
    );
  });

  it('skips dependency and build directories and does not read files over 1 MiB', async () => {
    const workspace = await copyFixture('check-env-example-pass');
    for (const dir of ['node_modules/lib', 'dist', '.venv/lib', 'apps/web/build']) {
      await mkdir(path.join(workspace, dir), { recursive: true });
      await writeFile(path.join(workspace, dir, 'index.js'), 'process.env.HIDDEN_IN_DEPS;\n');
    }
    const big = `process.env.IN_A_HUGE_FILE;\n${'// padding\n'.repeat(110_000)}`;
    await writeFile(path.join(workspace, 'apps/web/src/huge.js'), big);
    const result = await runCheck('env-example', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('is still clean once the copy is a git repository (templates are not committed .env files)', async () => {
    const workspace = await copyFixture('check-env-example-pass');
    gitInit(workspace);
    const result = await runCheck('env-example', workspace);
    expect(result.passed).toBe(true);
  });
});

describe('env-example: a repository with drift', () => {
  it('reports each missing variable where it is first read, public secrets and committed values', async () => {
    const workspace = await copyFixture('check-env-example-fail');
    gitInit(workspace);
    const result = await runCheck('env-example', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      '.env.example:2 env-example/public-secret',
      '.env.production:2 env-example/committed-env',
      '.env.production:5 env-example/committed-env',
      'app/settings.py:11 env-example/missing',
      'app/settings.py:15 env-example/missing',
      'app/settings.py:19 env-example/missing',
      'app/settings.py:20 env-example/missing',
      'compose.yaml:3 env-example/missing',
      'web/lib/env.ts:1 env-example/missing',
      'web/lib/env.ts:1 env-example/public-secret',
      'web/lib/env.ts:2 env-example/missing',
    ]);
    expect(result.summary).toBe(
      '7 variables read by the code are missing from .env.example, 2 NEXT_PUBLIC_ variables look secret and 1 committed env file has values.',
    );
    const byPlace = Object.fromEntries(
      result.findings.map((f) => [`${f.file}:${f.line} ${f.ruleId}`, f]),
    );
    expect(byPlace['app/settings.py:11 env-example/missing']!.message).toBe(
      'CS_API_TOKEN is read here but not listed in .env.example',
    );
    expect(byPlace['app/settings.py:15 env-example/missing']!.message).toBe(
      'CS_CONCURRENCY is read here but not listed in .env.example',
    );
    expect(byPlace['app/settings.py:19 env-example/missing']).toMatchObject({
      tool: 'env-example',
      column: 13,
      message: 'MAIL_HOST is read here but not listed in .env.example (also read in 1 other place)',
    });
    expect(byPlace['app/settings.py:20 env-example/missing']!.message).toMatch(/^MAIL_PORT /);
    expect(byPlace['compose.yaml:3 env-example/missing']!.message).toMatch(/^WEB_TAG /);
    expect(byPlace['web/lib/env.ts:2 env-example/missing']!.message).toMatch(/^WEB_REGION /);
    expect(byPlace['web/lib/env.ts:1 env-example/public-secret']!.message).toBe(
      'NEXT_PUBLIC_API_TOKEN looks like a secret, but NEXT_PUBLIC_ variables are shipped to the browser',
    );
    expect(byPlace['.env.example:2 env-example/public-secret']!.message).toMatch(
      /^NEXT_PUBLIC_STRIPE_SECRET_KEY /,
    );
    // The committed file's lines are named; its values never are.
    const committed = result.findings.filter((f) => f.ruleId === 'env-example/committed-env');
    expect(committed.map((f) => f.message)).toEqual([
      'DATABASE_URL has a value in the committed file .env.production (value not shown); keep values out of the repository and list the name in .env.example',
      'API_URL has a value in the committed file .env.production (value not shown); keep values out of the repository and list the name in .env.example',
    ]);
    const everything = JSON.stringify(result);
    expect(everything).not.toContain('not-a-real-password');
    expect(everything).not.toContain('api.example.test');
    // Silenced reads stay silent.
    expect(everything).not.toContain('SILENCED_ON_PURPOSE');
    expect(everything).not.toContain('NEXT_PUBLIC_SENTRY_DSN');
  });

  it('says so when .env.example does not exist', async () => {
    const workspace = await copyFixture('check-env-example-fail');
    const result = await runCheck('env-example', workspace, {
      file: 'config/.env.example',
      'committed-env': false,
      'public-secrets': false,
    });
    expect(result.passed).toBe(false);
    expect(result.findings).toHaveLength(8);
    expect(result.findings[0]!.message).toBe(
      'CS_API_TOKEN is read here but config/.env.example does not exist',
    );
    expect(result.summary).toBe(
      '8 variables read by the code but config/.env.example does not exist.',
    );
  });

  it('honours paths, exclude and ignore', async () => {
    const workspace = await copyFixture('check-env-example-fail');
    const result = await runCheck('env-example', workspace, {
      paths: ['web'],
      ignore: ['WEB_*'],
      'committed-env': false,
    });
    expect(places(result.findings)).toEqual([
      '.env.example:2 env-example/public-secret',
      'web/lib/env.ts:1 env-example/missing',
      'web/lib/env.ts:1 env-example/public-secret',
    ]);
    const excluded = await runCheck('env-example', workspace, {
      exclude: ['app/**', 'web/**', 'compose.yaml'],
      'public-secrets': false,
      'committed-env': false,
    });
    expect(excluded.passed).toBe(true);
    expect(excluded.summary).toBe('No environment variable reads found in 0 scanned files.');
  });

  it('reads committed .env files from a plain directory too (no git)', async () => {
    const workspace = await copyFixture('check-env-example-fail');
    const result = await runCheck('env-example', workspace);
    expect(places(result.findings).filter((p) => p.includes('committed-env'))).toEqual([
      '.env.production:2 env-example/committed-env',
      '.env.production:5 env-example/committed-env',
    ]);
  });

  it('runs in a gate working directory and reports workspace-relative paths', async () => {
    const root = await copyFixture('check-env-example-fail');
    const result = await runCheck('env-example', path.dirname(root), {}, root);
    expect(result.findings[0]!.file).toBe('repo/.env.example');
  });
});

describe('env-example: NEXT_PUBLIC_ names that look secret', () => {
  it.each([
    ['NEXT_PUBLIC_API_TOKEN', true],
    ['NEXT_PUBLIC_STRIPE_SECRET_KEY', true],
    ['NEXT_PUBLIC_DB_PASSWORD', true],
    ['NEXT_PUBLIC_PRIVATE_URL', true],
    ['NEXT_PUBLIC_MAPS_API_KEY', true],
    ['NEXT_PUBLIC_KEY', true],
    ['NEXT_PUBLIC_SIGNING_PUBLIC_KEY', false],
    ['NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', false],
    ['NEXT_PUBLIC_KEYBOARD_LAYOUT', false],
    ['NEXT_PUBLIC_API_URL', false],
    ['API_TOKEN', false],
  ])('%s -> %s', (name, secret) => {
    expect(looksLikePublicSecret(name)).toBe(secret);
  });
});

describe('env-example: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('env-example', '{ file: 3 }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.file: expected a string, got 3 (check env-example)`,
    ]);
    expect(
      configProblems(
        usesConfig('env-example', '{ paths: [../outside], ignore: ["bad name"], colour: red }'),
      ),
    ).toEqual([
      `${CONFIG_FILE}: gates[0].with.paths[0]: expected a path inside the workspace, got "../outside" (check env-example)`,
      `${CONFIG_FILE}: gates[0].with.ignore[0]: expected a variable name or a glob like GITHUB_*, got "bad name" (check env-example)`,
      `${CONFIG_FILE}: gates[0].with.colour: unknown key "colour" (check env-example)`,
    ]);
    expect(configProblems(usesConfig('env-example', "{ 'public-secrets': 'yes' }"))).toEqual([
      `${CONFIG_FILE}: gates[0].with.public-secrets: expected true or false, got "yes" (check env-example)`,
    ]);
    expect(configProblems(usesConfig('env-example'))).toEqual([]);
  });
});

describe('env-example: through the whole engine', () => {
  it('puts the findings on GateResult.findings and the summary in the detail', async () => {
    const workspace = await copyFixture('check-env-example-fail');
    const config = await readFile(path.join(workspace, CONFIG_FILE), 'utf8');
    const { gate, result } = await runEngine(config, { workspace });
    const envGate = gate('env-example');
    expect(envGate.kind).toBe('uses');
    expect(envGate.status).toBe('failed');
    expect(result.verdict).toBe('passed-with-warnings');
    expect(envGate.detail).toBe(
      '7 variables read by the code are missing from .env.example, 2 NEXT_PUBLIC_ variables look secret and 1 committed env file has values.',
    );
    expect(places(envGate.findings ?? [])).toContain('app/settings.py:19 env-example/missing');
    expect(envGate.findings).toHaveLength(11);
    expect(envGate.tail).toContain(
      'web/lib/env.ts:2:23: error: WEB_REGION is read here but not listed in .env.example [env-example/missing]',
    );
    expect(envGate.tail).not.toContain('not-a-real-password');
  });
});
