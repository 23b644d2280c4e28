import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/reporters/report-json.js';
import { runCli } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

/*
 * The examples through dist/cli.js: examples/coffeestudio extends the coffeestudio preset, and
 * `npm run demo:audit` audits examples/coffeestudio-broken, whose problems the built-in checks
 * must report with file and line.
 */

const reportDirs: string[] = [];
afterAll(() => reportDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function reportDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-presets-'));
  reportDirs.push(dir);
  return dir;
}

/** The arguments of `npm run demo:audit`, as package.json has them. */
function demoAuditArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts['demo:audit']!.split(/\s+/);
  expect(words.slice(0, 2)).toEqual(['node', 'dist/cli.js']);
  return words.slice(2);
}

describe('npm run demo:audit (examples/coffeestudio-broken)', () => {
  it('runs every gate in audit mode, exits 0, and reports the findings by priority with file and line', async () => {
    const dir = reportDir();
    const args = demoAuditArgs();
    expect(args).toEqual(
      expect.arrayContaining(['run', '--mode', 'audit', 'examples/coffeestudio-broken']),
    );
    const run = await runCli([...args, '--report-dir', dir], {
      cwd: REPO_ROOT,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.mode).toBe('audit');
    expect(report.verdict).toBe('failed');
    expect(report.highestFailedPriority).toBe('P1');

    const gate = (id: string) => {
      const found = report.gates.find((g) => g.id === id);
      if (!found) throw new Error(`no gate ${id}`);
      return found;
    };
    const where = (id: string) =>
      (gate(id).findings ?? []).map((f) => `${f.file}:${f.line} ${f.ruleId ?? ''}`.trim());

    expect(
      Object.fromEntries(report.gates.map((g) => [g.id, [g.priority, g.status, g.origin]])),
    ).toEqual({
      secrets: ['P0', 'passed', 'preset:coffeestudio'],
      'api-tests': ['P0', 'passed', '.github/release-gates.yml'],
      'api-migrations': ['P1', 'failed', 'preset:fastapi'],
      compose: ['P1', 'failed', 'preset:compose'],
      workflows: ['P1', 'failed', 'preset:coffeestudio'],
      'env-example': ['P2', 'failed', 'preset:coffeestudio'],
      versions: ['P2', 'failed', '.github/release-gates.yml'],
      'docs-links': ['P3', 'failed', 'preset:coffeestudio'],
    });

    // Two Alembic heads.
    expect(where('api-migrations')).toEqual([
      'apps/api/alembic/versions/0002_gift_cards.py:10 migrations/multiple-heads',
      'apps/api/alembic/versions/0002_loyalty_points.py:7 migrations/multiple-heads',
    ]);
    // A production compose file: a service without healthcheck, a published database port,
    // an image on :latest.
    expect(where('compose')).toEqual([
      'docker-compose.prod.yml:23 compose/no-healthcheck',
      'docker-compose.prod.yml:32 compose/published-db-port',
      'docker-compose.prod.yml:42 compose/latest-tag',
    ]);
    // A workflow without permissions, an unpinned action, the PR title expanded in run:.
    expect(where('workflows')).toEqual([
      '.github/workflows/pr-title.yml:8 workflows/no-permissions',
      '.github/workflows/pr-title.yml:11 workflows/unpinned-action',
      '.github/workflows/pr-title.yml:14 workflows/untrusted-input',
      '.github/workflows/pr-title.yml:15 workflows/untrusted-input',
    ]);
    // A variable read in code but missing from .env.example, and a secret NEXT_PUBLIC_ name.
    expect(where('env-example')).toEqual([
      'apps/api/app/settings.py:23 env-example/missing',
      'apps/web/src/checkout.ts:6 env-example/public-secret',
    ]);
    expect(gate('env-example').findings![0]!.message).toContain('SENTRY_DSN');
    expect(gate('env-example').findings![1]!.message).toContain('NEXT_PUBLIC_STRIPE_SECRET_KEY');
    // VERSION disagrees with apps/web/package.json and CHANGELOG.md.
    expect(where('versions')).toEqual(['VERSION:1 versions/mismatch']);
    expect(gate('versions').findings![0]!.message).toMatch(/1\.5\.0.*1\.4\.0/);
    // A broken link in the runbook, from the preset's docs gate output.
    expect(where('docs-links').map((w) => w.split(' ')[0])).toEqual(['docs/runbook.md:5']);

    // Reads like an audit: summary, findings from P1 down, then the next step.
    const out = run.stdout;
    const at = (text: string) => out.indexOf(text);
    expect(at('Executive summary')).toBeGreaterThan(-1);
    expect(at('Findings')).toBeGreaterThan(at('Executive summary'));
    expect(at('Next step')).toBeGreaterThan(at('Findings'));
    const findings = out.slice(at('\nFindings'), at('\nNext step'));
    expect(findings.indexOf('  P1 api-migrations')).toBeLessThan(
      findings.indexOf('  P2 env-example'),
    );
    expect(findings.indexOf('  P2 versions')).toBeLessThan(findings.indexOf('  P3 docs-links'));
    expect(findings).toContain('docker-compose.prod.yml:42 compose/latest-tag');
    expect(out).toMatch(/Next step\n {2}Fix P1 gate api-migrations first/);
  }, 60_000);
});

describe('examples/coffeestudio extends the coffeestudio preset', () => {
  it('plan shows which gates the preset brings, which the file replaces and which it disables', async () => {
    const run = await runCli(
      [
        'plan',
        '-C',
        'examples/coffeestudio',
        '--event',
        'push',
        '--branch',
        'main',
        '--report-dir',
        reportDir(),
      ],
      { cwd: REPO_ROOT },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Extends: coffeestudio (with fastapi, nextjs, compose)');
    expect(run.stdout).toMatch(
      /disabled: api-types, api-deps-audit, api-migrations, api-image, web-lint, web-deps-audit, web-image, compose$/m,
    );
    expect(run.stdout).toMatch(/^\s+P0 abort\s+secrets\s+preset:coffeestudio\s+run$/m);
    expect(run.stdout).toMatch(
      /^\s+P0 abort\s+api-tests\s+\.github\/release-gates\.yml \(replaces preset:fastapi\)\s+run$/m,
    );
    expect(run.stdout).toMatch(/^\s+P1 block\s+web-tests\s+\.github\/release-gates\.yml\s+run$/m);
  });
});
