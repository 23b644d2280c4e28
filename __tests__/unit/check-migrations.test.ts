import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRevision } from '../../src/engine/checks/migrations.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { CONFIG_FILE, configProblems, places, runCheck, usesConfig } from './check-helpers.js';

afterAll(removeTempDirs);

describe('migrations: one linear history', () => {
  it('passes: a branch merged back into one head, typed and untyped revision files', async () => {
    const workspace = await copyFixture('check-migrations-pass');
    const result = await runCheck('migrations', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.summary).toBe(
      'One linear history: 5 revisions in apps/api/alembic/versions with the single head 0005.',
    );
  });

  it('finds the versions directory only where it is told to look', async () => {
    const workspace = await copyFixture('check-migrations-pass');
    const result = await runCheck('migrations', workspace, { path: 'apps/api/alembic/versions' });
    expect(result.passed).toBe(true);
    const missing = await runCheck('migrations', workspace, { path: 'db/versions' });
    expect(missing).toMatchObject({
      passed: false,
      summary: 'db/versions holds no revision files.',
      findings: [],
    });
  });

  it('fails when there is no versions directory at all', async () => {
    const workspace = await copyFixture('check-migrations-pass');
    const result = await runCheck('migrations', path.join(workspace, 'apps/api/alembic/versions'));
    expect(result.passed).toBe(false);
    expect(result.summary).toBe(
      'No alembic/versions or migrations/versions directory was found; set the path option to the versions directory.',
    );
  });
});

describe('migrations: a broken history', () => {
  it('reports duplicate ids, unknown down_revisions and every head at the revision files', async () => {
    const workspace = await copyFixture('check-migrations-fail');
    const result = await runCheck('migrations', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      'migrations/versions/c3_copy.py:2 migrations/multiple-heads',
      'migrations/versions/c3_orders.py:1 migrations/duplicate-revision',
      'migrations/versions/d4_payments.py:1 migrations/multiple-heads',
      'migrations/versions/d4_payments.py:2 migrations/unknown-down-revision',
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'revision c3 is one of 2 heads (c3, d4); merge them with `alembic merge heads`',
      'revision c3 is also defined in migrations/versions/c3_copy.py; give one of them a new id',
      'revision d4 is one of 2 heads (c3, d4); merge them with `alembic merge heads`',
      'down_revision zz9 of revision d4 does not exist in migrations/versions',
    ]);
    expect(result.summary).toBe(
      'migrations/versions has 2 heads (c3, d4), 1 unknown down_revision, 1 duplicate revision id.',
    );
  });

  it('reports a cycle as a history without a head', async () => {
    const workspace = await copyFixture('check-migrations-pass');
    const versions = path.join(workspace, 'apps/api/alembic/versions');
    await writeFile(
      path.join(versions, '0001_create_menu.py'),
      'revision = "0001"\ndown_revision = "0005"\n',
    );
    const result = await runCheck('migrations', workspace);
    expect(places(result.findings)).toEqual([
      'apps/api/alembic/versions/0001_create_menu.py:1 migrations/no-head',
    ]);
  });

  it('can be silenced at the revision line', async () => {
    const workspace = await copyFixture('check-migrations-fail');
    await writeFile(
      path.join(workspace, 'migrations/versions/d4_payments.py'),
      'revision = "d4"  # release-gates-ignore\ndown_revision = "c3"\n',
    );
    await writeFile(
      path.join(workspace, 'migrations/versions/c3_orders.py'),
      'revision = "c5"\ndown_revision = "a1"  # release-gates-ignore: migrations/multiple-heads\n',
    );
    const result = await runCheck('migrations', workspace);
    // c5 is now a second head; it is silenced only at its down_revision line, not at the id.
    expect(places(result.findings)).toEqual([
      'migrations/versions/c3_orders.py:1 migrations/multiple-heads',
    ]);
  });

  it('looks in every versions directory of a monorepo', async () => {
    const workspace = await copyFixture('check-migrations-fail');
    await mkdir(path.join(workspace, 'services/billing/alembic/versions'), { recursive: true });
    await writeFile(
      path.join(workspace, 'services/billing/alembic/versions/x1.py'),
      'revision = "x1"\ndown_revision = None\n',
    );
    const result = await runCheck('migrations', workspace);
    expect(result.findings).toHaveLength(4);
    expect(result.summary).toBe(
      'migrations/versions has 2 heads (c3, d4), 1 unknown down_revision, 1 duplicate revision id.',
    );
  });
});

describe('migrations: revision files', () => {
  it('reads the plain, typed, tuple and list forms', () => {
    expect(parseRevision('revision = "a"\ndown_revision = None\n')).toMatchObject({
      id: 'a',
      down: [],
    });
    expect(
      parseRevision("revision: str = 'b'\ndown_revision: Union[str, None] = 'a'  # parent\n"),
    ).toMatchObject({ id: 'b', down: ['a'], idLine: 1, downLine: 2 });
    expect(parseRevision('revision = "m"\ndown_revision = ("b",\n  "c")\n')).toMatchObject({
      down: ['b', 'c'],
    });
    expect(parseRevision('revision = "m"\ndown_revision = ["b", "c"]\n')).toMatchObject({
      down: ['b', 'c'],
    });
    expect(parseRevision('"""Revision ID: abc"""\n')).toBeUndefined();
  });
});

describe('migrations: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('migrations', '{ path: [a] }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.path: expected a string, got a list (check migrations)`,
    ]);
    expect(configProblems(usesConfig('migrations', '{ dir: alembic }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.dir: unknown key "dir" (check migrations)`,
    ]);
  });
});
