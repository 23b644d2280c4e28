import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runCli, type CliRun } from '../helpers/cli-harness.js';
import {
  closeFakeGitHubApis,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../helpers/fake-github-api.js';
import { copyFixture, makeTempDir, removeTempDirs } from '../helpers/fixtures.js';
import { closeAllServers, startServer, type TestServer } from '../helpers/http-servers.js';
import { runAction, type ActionRun } from '../helpers/runner-harness.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * README, section 'Secrets': values of `redact` names (and their URL, JSON and base64 forms) and
 * strings shaped like well-known tokens or private keys never appear in the summary, reports,
 * annotations, comments or echoed logs. The secrets-corpus fixture prints a corpus of fake
 * secrets every way a gate, a probe and a hook can: split across writes, across lines, glued
 * to text, in findings, in a probe's URL, response and expectations, in failing and passing
 * gates, on stdout and stderr. The bundled action (PR event, comment and check run against the
 * fake GitHub API) and the CLI (text and --json) run it; then every output channel is searched
 * for every secret, its encoded forms and any 12-character piece of its random part.
 *
 * Every value is generated here at run time from random bytes: nothing that looks like a
 * credential is committed, and each run's values are new.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';

function random(length: number, alphabet = ALNUM): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

interface Secret {
  name: string;
  value: string;
  /** The random parts: no 12-character piece of them may show anywhere. */
  cores: string[];
  /** A `redact` value: its URL, JSON and base64 forms are secret too. */
  redacted: boolean;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

function makeSecrets(): Secret[] {
  const secrets: Secret[] = [];
  const add = (name: string, value: string, cores: string[], redacted = false) =>
    secrets.push({ name, value, cores, redacted });

  const deployCore = random(28);
  add('DEPLOY_TOKEN', `dep-${deployCore}:/?&=+@x`, [deployCore], true);
  const pwA = random(16);
  const pwB = random(16);
  // A space, quotes, backslashes and non-ASCII: its URL, JSON and base64 forms all differ.
  add('DB_PASSWORD', `pw ${pwA} "q" \\${pwB}\\ ünï`, [pwA, pwB], true);

  const gh = (prefix: string) => {
    const core = random(36);
    return { value: `${prefix}${core}`, core };
  };
  for (const [name, prefix] of [
    ['GH_PAT', 'gh' + 'p_'],
    ['GH_OAUTH', 'gh' + 'o_'],
    ['GH_USER', 'gh' + 'u_'],
    ['GH_SERVER', 'gh' + 's_'],
    ['GH_REFRESH', 'gh' + 'r_'],
    ['INTERLEAVED_TOKEN', 'gh' + 'p_'],
  ] as const) {
    const token = gh(prefix);
    add(name, token.value, [token.core]);
  }
  const fineA = random(22);
  const fineB = random(59);
  add('GH_FINE_GRAINED', `github_${'pat'}_${fineA}_${fineB}`, [fineA, fineB]);
  const aws = random(16, UPPER_DIGITS);
  add('AWS_KEY_ID', `${'AK'}IA${aws}`, [aws]);
  const slackA = random(12, DIGITS);
  const slackB = random(24);
  add('SLACK_TOKEN', `${'xo'}xb-${slackA}-${slackA}-${slackB}`, [slackB, slackA]);
  const jwtSub = random(24);
  const jwtSig = random(43);
  const jwt = [
    base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
    base64url(JSON.stringify({ sub: jwtSub, iat: 1700000000 })),
    jwtSig,
  ].join('.');
  add('JWT_TOKEN', jwt, [jwtSig, base64url(JSON.stringify({ sub: jwtSub })).slice(8, 36)]);
  const pemLines = Array.from({ length: 6 }, () => randomBytes(48).toString('base64'));
  const label = ['RSA', 'PRIVATE', 'KEY'].join(' ');
  add('PEM_KEY', [`-----BEGIN ${label}-----`, ...pemLines, `-----END ${label}-----`].join('\n'), [
    ...pemLines,
  ]);
  return secrets;
}

/** What must never show: each secret, its encoded forms, and pieces of its random parts. */
function needles(secrets: Secret[]): { secret: string; form: string; text: string }[] {
  const out: { secret: string; form: string; text: string }[] = [];
  for (const secret of secrets) {
    const forms: Record<string, string> = { plain: secret.value };
    if (secret.redacted) {
      forms['encodeURIComponent'] = encodeURIComponent(secret.value);
      forms['encodeURI'] = encodeURI(secret.value);
      forms['url query'] = new URL(`http://x/?p=${secret.value}`).search.slice(3);
      forms['JSON'] = JSON.stringify(secret.value).slice(1, -1);
      forms['base64'] = Buffer.from(secret.value).toString('base64');
      forms['base64 unpadded'] = forms['base64']!.replace(/=+$/, '');
    }
    for (const [form, text] of Object.entries(forms)) out.push({ secret: secret.name, form, text });
    secret.cores.forEach((core, n) => {
      for (let at = 0; at + 12 <= core.length; at += 4) {
        out.push({ secret: secret.name, form: `piece ${n}:${at}`, text: core.slice(at, at + 12) });
      }
    });
  }
  return out;
}

function environment(secrets: Secret[], port: number): Record<string, string> {
  const env: Record<string, string> = { HEALTH_PORT: String(port) };
  for (const secret of secrets) env[secret.name] = secret.value;
  for (const name of ['DEPLOY_TOKEN', 'DB_PASSWORD']) {
    const value = env[name]!;
    env[`${name}_URL`] = encodeURIComponent(value);
    env[`${name}_JSON`] = JSON.stringify(value).slice(1, -1);
    env[`${name}_B64`] = Buffer.from(value).toString('base64');
  }
  return env;
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const REPO = 'coffeestudio/platform';
const HEAD_SHA = 'e'.repeat(40);
const PR_EVENT = {
  action: 'synchronize',
  number: 17,
  pull_request: { number: 17, head: { sha: HEAD_SHA, ref: 'feature/x' }, base: { ref: 'main' } },
  repository: { full_name: REPO },
};
const MARKER = '***';

const SECRETS = makeSecrets();
const NEEDLES = needles(SECRETS);
const REDACT_VALUES = SECRETS.filter((s) => s.redacted).map((s) => s.value);

/** `channel: SECRET (form)` for each secret found in the text. */
function leaks(channel: string, text: string): string[] {
  const found = new Set<string>();
  for (const needle of NEEDLES) {
    if (text.includes(needle.text)) found.add(`${channel}: ${needle.secret} (${needle.form})`);
  }
  return [...found];
}

/** stdout without the runner's own `::add-mask::` commands for the redact values. */
function withoutAddMask(stdout: string): string {
  const masks = new Set(
    REDACT_VALUES.map(
      (v) => `::add-mask::${v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`,
    ),
  );
  return stdout
    .split('\n')
    .filter((line) => !masks.has(line))
    .join('\n');
}

/** The probe's server: an error page, a redirect and a JSON answer, all carrying secrets. */
function probeHandler(secrets: Record<string, string>) {
  const served = new Map<string, number>();
  return (req: { url?: string }, res: import('node:http').ServerResponse) => {
    const key = new URL(req.url ?? '/', 'http://x').pathname;
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    if (n % 3 === 0) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(
        `upstream failed for token=${secrets.GH_SERVER} deploy=${secrets.DEPLOY_TOKEN} ` +
          `pw=${secrets.DB_PASSWORD} jwt=${secrets.JWT_TOKEN}\n${secrets.PEM_KEY}\n`,
      );
    } else if (n % 3 === 1) {
      res.writeHead(302, {
        location: `/login?next=%2Fhealth&token=${secrets.GH_OAUTH}&d=${encodeURIComponent(secrets.DEPLOY_TOKEN!)}`,
      });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ password: `not ${secrets.DB_PASSWORD}`, token: secrets.AWS_KEY_ID }),
      );
    }
  };
}

let env: Record<string, string>;
let server: TestServer;
let api: FakeGitHubApi;
let action: ActionRun;
let actionWorkspace: string;
let cliText: CliRun;
let cliJson: CliRun;
let cliTextReportDir: string;
let cliJsonReportDir: string;

beforeAll(async () => {
  const values = Object.fromEntries(SECRETS.map((s) => [s.name, s.value]));
  server = await startServer((req, res) => probeHandler(values)(req, res));
  env = environment(SECRETS, server.port);
  api = await startFakeGitHubApi();

  actionWorkspace = await copyFixture('secrets-corpus');
  action = await runAction({
    workspace: actionWorkspace,
    eventName: 'pull_request',
    event: PR_EVENT,
    sha: 'f'.repeat(40),
    ref: 'refs/pull/17/merge',
    repository: REPO,
    inputs: { comment: 'true', 'check-run': 'true', 'github-token': `t-${random(20)}` },
    env: {
      ...env,
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_RUN_ID: '99',
      GITHUB_HEAD_REF: 'feature/x',
      GITHUB_BASE_REF: 'main',
    },
    timeoutMs: 60_000,
  });

  const cliWorkspace = await copyFixture('secrets-corpus');
  cliTextReportDir = path.join(await makeTempDir('rg-secrets-cli-'), 'report');
  cliText = await runCli(['run', '--report-dir', cliTextReportDir], {
    cwd: cliWorkspace,
    env,
    timeoutMs: 60_000,
  });
  cliJsonReportDir = path.join(await makeTempDir('rg-secrets-cli-'), 'report');
  cliJson = await runCli(['run', '--json', '--report-dir', cliJsonReportDir], {
    cwd: cliWorkspace,
    env,
    timeoutMs: 60_000,
  });
}, 180_000);

afterAll(async () => {
  await closeFakeGitHubApis();
  await closeAllServers();
  await removeTempDirs();
});

/**
 * Checks channels: no secret in any of them, and each one that carries gate output shows the
 * redaction marker (so an empty channel cannot pass for a clean one).
 */
function expectClean(channels: [string, string][], expectMarker = true): void {
  expect(channels.flatMap(([channel, text]) => leaks(channel, text))).toEqual([]);
  if (expectMarker) {
    const unmarked = channels.filter(([, text]) => !text.includes(MARKER)).map(([c]) => c);
    expect(unmarked).toEqual([]);
  }
}

const fileChannels = (files: string[], root: string, prefix: string): [string, string][] =>
  files.map((file) => [`${prefix}${path.relative(root, file)}`, readFileSync(file, 'utf8')]);

describe('the corpus really ran', () => {
  it('the action failed on the gates it should, and published a comment and a check run', () => {
    expect(action.killedByHarness).toBe(false);
    expect(action.outputs.result).toBe('failed');
    const failedGates = JSON.parse(action.outputs['failed-gates']!) as string[];
    expect(failedGates.sort()).toEqual(
      [
        'deploy',
        'encoded',
        'findings',
        'health',
        'interleaved',
        'private-key',
        'split-writes',
      ].sort(),
    );
    expect(action.report).toBeDefined();
    const gates = Object.fromEntries(action.report!.gates.map((g) => [g.id, g]));
    expect(gates['passing-echo']!.status).toBe('passed');
    expect(action.report!.hooks.map((h) => [h.kind, h.status])).toEqual([
      ['rollback', 'failed'],
      ['cleanup', 'passed'],
    ]);
    expect(api.calls()).toEqual([
      `GET /repos/${REPO}/issues/17/comments?per_page=100`,
      `POST /repos/${REPO}/issues/17/comments`,
      `POST /repos/${REPO}/check-runs`,
    ]);
    // The probe was made three times and saw the secrets-carrying answers.
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(cliText.code).toBe(1);
    expect(cliJson.code).toBe(1);
  });
});

describe('the ways a secret reaches output, one at a time (action run)', () => {
  const gateById = (id: string) => action.report!.gates.find((g) => g.id === id)!;
  const logOf = (id: string) =>
    readFileSync(path.join(path.dirname(action.reportPath), 'logs', `${id}.log`), 'utf8');
  const only = (names: string[]) => NEEDLES.filter((n) => names.includes(n.secret));
  const found = (text: string, names: string[]) =>
    only(names)
      .filter((n) => text.includes(n.text))
      .map((n) => `${n.secret} (${n.form})`);

  it('split across three writes with pauses, on one stream', () => {
    const names = SECRETS.map((s) => s.name).filter(
      (n) => !['PEM_KEY', 'INTERLEAVED_TOKEN'].includes(n),
    );
    expect(found(logOf('split-writes'), names)).toEqual([]);
    expect(logOf('split-writes')).toContain('GH_PAT=***');
  });

  it('split by a stderr line written while the stdout line is still open', () => {
    // stdout `token=<first half>`, then stderr `progress: 1/3\n`, then stdout `<second half>\n`:
    // both streams feed one redactor, so the open stdout line is flushed with the stderr line.
    expect(found(logOf('interleaved'), ['INTERLEAVED_TOKEN'])).toEqual([]);
    expect(found(gateById('interleaved').outputTail, ['INTERLEAVED_TOKEN'])).toEqual([]);
  });

  it('a redact value with a space, quotes and a backslash interpolated into a probe URL', () => {
    // The URL is recorded as WHATWG serialises it: space, quote and non-ASCII percent-encoded,
    // the backslash kept. That form is none of the plain, URI, JSON or base64 forms masked.
    const health = gateById('health') as any;
    expect(found(String(health.probe?.url ?? ''), ['DB_PASSWORD'])).toEqual([]);
    expect(found(String(health.detail ?? ''), ['DB_PASSWORD'])).toEqual([]);
    expect(found(logOf('health'), ['DB_PASSWORD'])).toEqual([]);
  });

  it("a probe's error page, redirect location and JSON expectation", () => {
    const health = JSON.stringify(gateById('health'));
    const names = SECRETS.map((s) => s.name).filter((n) => n !== 'DB_PASSWORD');
    expect(found(health, names)).toEqual([]);
    expect(health).toContain('***');
  });

  it('glued to other text, across lines (a private key), in findings and in hooks', () => {
    const all = SECRETS.map((s) => s.name).filter((n) => n !== 'INTERLEAVED_TOKEN');
    const findings = JSON.stringify(gateById('findings'));
    expect(findings).toContain('token=***');
    expect(found(findings, all)).toEqual([]);
    expect(found(logOf('private-key'), all)).toEqual([]);
    expect(logOf('private-key')).toContain('private key redacted');
    expect(found(JSON.stringify(action.report!.hooks), all)).toEqual([]);
  });
});

describe('the action (dist/index.js) on a pull_request with comment and check run', () => {
  const reportDir = () => path.dirname(action.reportPath);

  it('stdout: the echoed gate and hook logs', () => {
    expectClean([['action stdout', withoutAddMask(action.stdout)]]);
    // Token shapes are not secrets the runner was told about: the action masks them itself.
    expect(action.stdout).not.toMatch(/::add-mask::(?:gh[pousr]_|github_pat_|AKIA|xox|eyJ)/);
  });

  it('the annotations (::error, ::warning, ::notice)', () => {
    const notes = annotations(parseWorkflowLog(action.stdout));
    expect(notes.length).toBeGreaterThan(0);
    expectClean([['annotations', JSON.stringify(notes)]]);
  });

  it('stderr', () => {
    expectClean([['action stderr', action.stderr]], false);
  });

  it('the job summary', () => {
    expect(action.summary).toContain('### Executive summary');
    expectClean([['job summary', action.summary]]);
  });

  it('GITHUB_OUTPUT and the other file commands', () => {
    const output = readFileSync(action.files.output, 'utf8');
    expect(output).toContain('failed-gates');
    expectClean(
      [action.files.output, action.files.env, action.files.state].map((file) => [
        path.basename(file),
        readFileSync(file, 'utf8'),
      ]),
      false,
    );
  });

  it('report.json, junit.xml and results.sarif', () => {
    const files = ['report.json', 'junit.xml', 'results.sarif'].map((n) =>
      path.join(reportDir(), n),
    );
    expectClean(fileChannels(files, reportDir(), ''));
  });

  it('every gate log and hook log under report-dir/logs', () => {
    const logs = filesUnder(path.join(reportDir(), 'logs'));
    expect(logs.some((f) => f.includes(`${path.sep}hooks${path.sep}`))).toBe(true);
    expect(logs.length).toBeGreaterThanOrEqual(10);
    expectClean(fileChannels(logs, reportDir(), ''));
  });

  it('every other file the run wrote (runner temp, home, file commands)', () => {
    expectClean(fileChannels(filesUnder(action.files.dir), action.files.dir, 'file '), false);
  });

  it('the PR comment body', () => {
    const comment = api.requests[1]!.body.body as string;
    expect(comment).toContain('release-gates:sticky');
    expectClean([['PR comment', comment]]);
  });

  it('the check run summary and annotations', () => {
    const check = api.checkRuns[0]!;
    expect(check.output.annotations.length).toBeGreaterThan(0);
    expectClean([
      ['check run summary', check.output.summary ?? ''],
      ['check run annotations', JSON.stringify(check.output.annotations)],
    ]);
    expectClean([['check run title', check.output.title ?? '']], false);
  });

  it('every request sent to the GitHub API', () => {
    expectClean(
      api.requests.flatMap((r): [string, string][] => [
        [`${r.method} ${r.path} body`, r.rawBody],
        [`${r.method} ${r.path} headers`, JSON.stringify(r.headers)],
      ]),
      false,
    );
  });
});

describe('the CLI (dist/cli.js)', () => {
  it('text: stdout (the report) and stderr (progress)', () => {
    expectClean([['cli stdout', cliText.stdout]]);
    expectClean([['cli stderr', cliText.stderr]], false);
  });

  it('--json: stdout and stderr', () => {
    expect(() => JSON.parse(cliJson.stdout)).not.toThrow();
    expectClean([['cli --json stdout', cliJson.stdout]]);
    expectClean([['cli --json stderr', cliJson.stderr]], false);
  });

  it('the report directories: report.json, junit.xml, results.sarif and every log', () => {
    for (const [label, dir] of [
      ['cli', cliTextReportDir],
      ['cli --json', cliJsonReportDir],
    ] as const) {
      const files = filesUnder(dir);
      expect(files.map((f) => path.basename(f))).toEqual(
        expect.arrayContaining(['report.json', 'junit.xml', 'results.sarif']),
      );
      expectClean(fileChannels(files, dir, `${label} `));
    }
  });
});
