import { afterAll } from '@jest/globals';
import { migrationsCheck } from '../../src/engine/checks/migrations.js';
import { readHistories } from '../../src/engine/checks/migrations/input.js';
import { MIGRATIONS_RULES } from '../../src/engine/checks/migrations/rules.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

/** Revision files in alembic/versions: `name` -> [revision, down_revision]. */
function versions(revisions: Record<string, [string, string | string[] | null]>) {
  const files: Record<string, string> = {};
  for (const [name, [id, down]] of Object.entries(revisions)) {
    const value =
      down === null
        ? 'None'
        : Array.isArray(down)
          ? `(${down.map((d) => `"${d}"`).join(', ')})`
          : `"${down}"`;
    files[`alembic/versions/${name}.py`] = `revision = "${id}"\ndown_revision = ${value}\n`;
  }
  return files;
}

/** The rules read one versions directory's history; these cases have one. */
const oneHistory = async (...args: Parameters<typeof readHistories>) =>
  (await readHistories(...args))[0]!;

describeRules(migrationsCheck, MIGRATIONS_RULES, oneHistory, {
  'migrations/multiple-heads': {
    fires: versions({ a: ['a', null], b: ['b', 'a'], c: ['c', 'a'] }),
    at: ['alembic/versions/b.py:1', 'alembic/versions/c.py:1'],
    quiet: versions({ a: ['a', null], b: ['b', 'a'], c: ['c', 'a'], d: ['d', ['b', 'c']] }),
  },
  'migrations/unknown-down-revision': {
    fires: versions({ b: ['b', 'gone'] }),
    at: ['alembic/versions/b.py:2'],
    quiet: versions({ a: ['a', null], b: ['b', 'a'] }),
  },
  'migrations/duplicate-revision': {
    fires: versions({ a: ['a', null], b: ['a', null] }),
    at: ['alembic/versions/b.py:1'],
    quiet: versions({ a: ['a', null], b: ['b', 'a'] }),
  },
  'migrations/no-head': {
    fires: versions({ a: ['a', 'b'], b: ['b', 'a'] }),
    at: ['alembic/versions/a.py:1'],
    quiet: versions({ a: ['a', null], b: ['b', 'a'] }),
  },
});
