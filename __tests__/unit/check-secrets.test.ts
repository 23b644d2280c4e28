import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/*
 * No credential-shaped string is committed in this repository: every fake secret is built
 * here from pieces at run time and written into a temp copy of a fixture.
 */
const fake = {
  github: () => ['gh', 'p_', 'Z9y8X7w6'.repeat(5).slice(0, 36)].join(''),
  aws: () => ['AK', 'IA', 'TESTONLY', 'NOTREAL7'].join(''),
  jwt: () => ['ey', 'JhbGciOiJub25lIn0', '.ey', 'JzdWIiOiJ0ZXN0In0', '.', 'c2lnbmF0dXJl'].join(''),
  privateKey: () =>
    [
      ['-----BEGIN ', 'RSA PRIVATE', ' KEY-----'].join(''),
      ['MIIBOg', 'IBAAJBAK', 'notarealkey'.repeat(4)].join(''),
      ['-----END ', 'RSA PRIVATE', ' KEY-----'].join(''),
    ].join('\n'),
};

const sha = (value: string) =>
  `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

afterAll(removeTempDirs);

/** The fail fixture with its placeholders replaced by fake secrets. */
async function leakyRepo(): Promise<{ workspace: string; secrets: string[] }> {
  const workspace = await copyFixture('check-secrets-fail');
  const secrets = [fake.github(), fake.aws(), fake.privateKey()];
  const fill = async (file: string, placeholder: string, value: string) => {
    const full = path.join(workspace, file);
    await writeFile(full, (await readFile(full, 'utf8')).replace(placeholder, value));
  };
  await fill('src/client.py', '__GITHUB_TOKEN__', secrets[0]!);
  await fill('deploy/aws.env', '__AWS_ACCESS_KEY_ID__', secrets[1]!);
  await fill('deploy/deploy_key', '__PRIVATE_KEY__', secrets[2]!);
  return { workspace, secrets };
}

function expectNoSecretIn(text: string, secrets: readonly string[]) {
  for (const secret of secrets) {
    for (const part of secret.split('\n')) expect(text).not.toContain(part.slice(4, 24));
  }
}

describe('secrets: a clean repository', () => {
  it('passes; allowlisted paths, path:line entries and fingerprints are not reported', async () => {
    const workspace = await copyFixture('check-secrets-pass');
    await writeFile(path.join(workspace, 'docs/token-example.md'), `token: ${fake.github()}\n`);
    await writeFile(
      path.join(workspace, 'src/test_fixture.py'),
      `# a test double\nKEY_ID = "${fake.aws()}"\n`,
    );
    await writeFile(path.join(workspace, 'src/sample.jwt'), `${fake.jwt()}\n`);
    await appendFile(
      path.join(workspace, '.release-gates-allowlist'),
      `src/test_fixture.py:2\n${sha(fake.jwt())}  # the sample JWT\n`,
    );
    // Dependencies are not scanned, and neither are files that are not committed.
    await mkdir(path.join(workspace, 'node_modules/pkg'), { recursive: true });
    await writeFile(path.join(workspace, 'node_modules/pkg/index.js'), `"${fake.github()}"\n`);
    gitInit(workspace);
    await writeFile(path.join(workspace, 'untracked.txt'), `${fake.aws()}\n`);

    const result = await runCheck('secrets', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    // .github/release-gates.yml, docs/keys.md, docs/token-example.md, src/config.py,
    // src/sample.jwt, src/test_fixture.py (not the allowlist itself, not node_modules).
    expect(result.summary).toBe('No token- or private-key-shaped secrets in 6 tracked files.');
    expect(result.log).toContain('secrets: 6 tracked files (git ls-files)');
  });

  it('walks the tree when the workspace is not a git repository', async () => {
    const workspace = await copyFixture('check-secrets-pass');
    const result = await runCheck('secrets', workspace);
    expect(result.passed).toBe(true);
    expect(result.summary).toBe('No token- or private-key-shaped secrets in 3 files.');
  });
});

describe('secrets: a repository with committed secrets', () => {
  it('reports each secret with file, line and kind, never the value', async () => {
    const { workspace, secrets } = await leakyRepo();
    gitInit(workspace);
    const result = await runCheck('secrets', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      'deploy/aws.env:2 secrets/aws-access-key-id',
      'deploy/deploy_key:1 secrets/private-key',
      'src/client.py:4 secrets/github-token',
    ]);
    expect(result.findings.map((f) => f.column)).toEqual([19, 1, 10]);
    expect(result.findings[0]!.message).toBe(
      `AWS access key id committed here (fingerprint ${sha(secrets[1]!)}); revoke it and remove it, or allowlist the fingerprint in .release-gates-allowlist if it is not a secret`,
    );
    expect(result.findings[1]!.message).toMatch(/^RSA private key committed here/);
    expect(result.findings[2]!.message).toMatch(/^GitHub token committed here/);
    expect(result.summary).toBe(
      'Found 3 secrets (AWS access key id, GitHub token, RSA private key) in 3 files; the findings name file and line, never the value.',
    );
    expectNoSecretIn(JSON.stringify(result), secrets);
  });

  it('finds the same secrets without git', async () => {
    const { workspace } = await leakyRepo();
    const result = await runCheck('secrets', workspace);
    expect(places(result.findings)).toEqual([
      'deploy/aws.env:2 secrets/aws-access-key-id',
      'deploy/deploy_key:1 secrets/private-key',
      'src/client.py:4 secrets/github-token',
    ]);
  });

  it('honours the allowlist option: a path glob, a path:line and a fingerprint', async () => {
    const { workspace, secrets } = await leakyRepo();
    await mkdir(path.join(workspace, 'ci'));
    await writeFile(
      path.join(workspace, 'ci/secrets-allowlist'),
      `deploy/aws.env:2\n${sha(secrets[0]!)}\n`,
    );
    const result = await runCheck('secrets', workspace, { allowlist: 'ci/secrets-allowlist' });
    expect(places(result.findings)).toEqual(['deploy/deploy_key:1 secrets/private-key']);
    await writeFile(path.join(workspace, 'ci/secrets-allowlist'), 'deploy/\nsrc/*.py\n');
    const none = await runCheck('secrets', workspace, { allowlist: 'ci/secrets-allowlist' });
    expect(none.passed).toBe(true);
  });

  it('limits the scan to paths', async () => {
    const { workspace } = await leakyRepo();
    const result = await runCheck('secrets', workspace, { paths: ['src'] });
    expect(places(result.findings)).toEqual(['src/client.py:4 secrets/github-token']);
  });

  it('fails the gate through the whole engine, with the secrets masked in the log', async () => {
    const { workspace, secrets } = await leakyRepo();
    gitInit(workspace);
    const config = await readFile(path.join(workspace, CONFIG_FILE), 'utf8');
    const { gate, result } = await runEngine(config, { workspace });
    const secretsGate = gate('secrets');
    expect(secretsGate.status).toBe('failed');
    expect(result.verdict).toBe('failed');
    expect(places(secretsGate.findings ?? [])).toEqual([
      'deploy/aws.env:2 secrets/aws-access-key-id',
      'deploy/deploy_key:1 secrets/private-key',
      'src/client.py:4 secrets/github-token',
    ]);
    expect(secretsGate.tail).toContain('src/client.py:4:10: error: GitHub token committed here');
    expectNoSecretIn(JSON.stringify(result), secrets);
  });
});

describe('secrets: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('secrets', '{ allowlist: 3 }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.allowlist: expected a string, got 3 (check secrets)`,
    ]);
    expect(configProblems(usesConfig('secrets', '{ paths: [], extra: true }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.paths: expected at least 1 item(s) (check secrets)`,
      `${CONFIG_FILE}: gates[0].with.extra: unknown key "extra" (check secrets)`,
    ]);
    expect(configProblems(usesConfig('secrets', '{ allowlist: /etc/allow }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.allowlist: expected a path inside the workspace, got "/etc/allow" (check secrets)`,
    ]);
  });
});
