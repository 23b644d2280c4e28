import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runSession, type SessionOutput } from '../../src/app/session.js';
import { renderSummary } from '../../src/reporters/summary-markdown.js';
import { renderTextReport } from '../../src/reporters/text-report.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import {
  closeAllServers,
  sendJson,
  startServer,
  type TestServer,
} from '../helpers/http-servers.js';

/*
 * A token named in `redact` and interpolated into a probe's URL, headers and expectations
 * reaches the server but never any output: report.json, gate logs, summary, CLI report.
 */

let ws: string;

beforeEach(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-http-redact-'));
});

afterEach(async () => {
  await closeAllServers();
  await rm(ws, { recursive: true, force: true });
});

interface Outputs {
  session: SessionOutput;
  reportJson: string;
  logs: Record<string, string>;
  summary: string;
  text: string;
}

async function runWithToken(yaml: string, env: Record<string, string>): Promise<Outputs> {
  await mkdir(path.join(ws, '.github'), { recursive: true });
  await writeFile(path.join(ws, '.github', 'release-gates.yml'), yaml);
  const reportDir = path.join(ws, 'report');
  const session = await runSession({
    workspace: ws,
    configPath: '.github/release-gates.yml',
    mode: 'enforce',
    only: [],
    skip: [],
    defaultConcurrency: 2,
    reportDir,
    event: 'push',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws, ...env },
    now: Date.now,
    spawn: spawnInProcessGroup,
    version: '0.0.0-test',
  });
  expect(session.reportError).toBeUndefined();
  const reportJson = await readFile(session.reportPath, 'utf8');
  const logs: Record<string, string> = {};
  const logDir = path.join(reportDir, 'logs');
  for (const name of await readdir(logDir)) {
    logs[name] = await readFile(path.join(logDir, name), 'utf8');
  }
  return {
    session,
    reportJson,
    logs,
    summary: renderSummary(session.result),
    text: renderTextReport(session.result, { color: false }),
  };
}

/** Every place a secret must not show up, by name, for readable failures. */
function places(out: Outputs): Record<string, string> {
  const all: Record<string, string> = {
    'report.json': out.reportJson,
    summary: out.summary,
    'text report': out.text,
  };
  for (const [name, text] of Object.entries(out.logs)) all[`logs/${name}`] = text;
  return all;
}

function expectAbsent(out: Outputs, needles: string[]) {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(places(out))) {
    for (const needle of needles) if (text.includes(needle)) leaks.push(`${needle} in ${where}`);
  }
  expect(leaks).toEqual([]);
}

const TOKEN = 'hc_9f8e7d6c5b4a3210SECRET';

async function tokenServer(): Promise<TestServer> {
  return startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    switch (url.pathname) {
      case '/health':
        // An unhealthy service that echoes the token in its error page.
        res.writeHead(503);
        res.end(`warming up; token ${TOKEN} not yet valid`);
        return;
      case '/body':
        res.writeHead(200);
        res.end('nope');
        return;
      case '/redirect':
        res.writeHead(302, { location: `/elsewhere?token=${TOKEN}` });
        res.end();
        return;
      case '/json':
        sendJson(res, { token: TOKEN, version: 'x' });
        return;
      default:
        res.writeHead(200);
        res.end('ok');
    }
  });
}

describe('redacted probe values', () => {
  it('sends the token but keeps it out of report.json, logs, summary and text report', async () => {
    const server = await tokenServer();
    const o = server.origin;
    const auth = `headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }`;
    const yaml = `version: 1
redact: [HEALTH_TOKEN]
gates:
  - id: status-gate
    stage: health
    priority: P1
    http:
      url: "${o}/health?token=\${HEALTH_TOKEN}"
      ${auth}
      interval-seconds: 0.05
      attempts: 2
  - id: body-gate
    stage: health
    priority: P1
    http:
      url: "${o}/body?token=\${HEALTH_TOKEN}"
      ${auth}
      expect: { body-contains: "ready-\${HEALTH_TOKEN}" }
      attempts: 1
  - id: redirect-gate
    stage: health
    priority: P1
    http:
      url: "${o}/redirect?token=\${HEALTH_TOKEN}"
      ${auth}
      attempts: 1
  - id: json-gate
    stage: health
    priority: P1
    http:
      url: "${o}/json?token=\${HEALTH_TOKEN}"
      ${auth}
      expect: { json: { token: "\${HEALTH_TOKEN}-v2" } }
      attempts: 1
  - id: passing-gate
    stage: health
    priority: P1
    http:
      url: "${o}/ok?token=\${HEALTH_TOKEN}"
      ${auth}
      attempts: 1
`;
    const out = await runWithToken(yaml, { HEALTH_TOKEN: TOKEN });
    const { result } = out.session;

    // The probes really ran and failed as intended, so their messages were rendered.
    const status = Object.fromEntries(result.gates.map((g) => [g.id, g.status]));
    expect(status).toEqual({
      'status-gate': 'failed',
      'body-gate': 'failed',
      'redirect-gate': 'failed',
      'json-gate': 'failed',
      'passing-gate': 'passed',
    });
    const failures = Object.fromEntries(
      result.gates.map((g) => [g.id, g.probe!.attempts.map((a) => a.failure ?? 'ok')]),
    );
    expect(failures).toEqual({
      'status-gate': ['status', 'status'],
      'body-gate': ['body'],
      'redirect-gate': ['status'],
      'json-gate': ['json'],
      'passing-gate': ['ok'],
    });

    // The server got the real token, in the header and in the query.
    expect(server.requests).toHaveLength(6);
    for (const req of server.requests) {
      expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(new URL(req.url, 'http://127.0.0.1').searchParams.get('token')).toBe(TOKEN);
    }

    // No output holds it.
    expect(Object.keys(out.logs).sort()).toEqual([
      'body-gate.log',
      'json-gate.log',
      'passing-gate.log',
      'redirect-gate.log',
      'status-gate.log',
    ]);
    expectAbsent(out, [TOKEN]);

    // ...and the outputs are not empty of the places it would have been: masked, not dropped.
    const report = JSON.parse(out.reportJson) as {
      schema: string;
      gates: {
        id: string;
        probe?: {
          url: string;
          attempts: {
            status: number | null;
            latencyMs: number;
            failure?: string;
            message?: string;
          }[];
        };
      }[];
    };
    expect(report.schema).toBe('release-gates/report@1');
    const byId = Object.fromEntries(report.gates.map((g) => [g.id, g]));
    // Each attempt's status, latency and failure class are in the report.
    const statusAttempts = byId['status-gate']!.probe!.attempts;
    expect(statusAttempts.map((a) => [a.status, a.failure])).toEqual([
      [503, 'status'],
      [503, 'status'],
    ]);
    for (const a of statusAttempts) expect(typeof a.latencyMs).toBe('number');
    expect(byId['status-gate']!.probe!.url).toBe(`${o}/health?token=***`);
    expect(byId['body-gate']!.probe!.attempts[0]!.message).toBe(
      'body does not contain "ready-***"',
    );
    expect(byId['redirect-gate']!.probe!.attempts[0]!.message).toContain('/elsewhere?token=***');
    expect(byId['json-gate']!.probe!.attempts[0]!.message).toBe(
      'token: expected "***-v2", got "***"',
    );
    expect(out.logs['status-gate.log']).toContain(`${o}/health?token=***`);
    expect(out.summary).toContain('token=\\*\\*\\*');
    expect(out.text).toContain('token=***');
  });

  it('keeps a redacted value out of the outputs when the URL encodes it (userinfo)', async () => {
    // A base64 token ends in "=", which a URL's userinfo percent-encodes as %3D.
    const password = 'cHJvYmUtc2VjcmV0LXZhbHVl=';
    const server = await startServer((_req, res) => {
      res.writeHead(503);
      res.end('down');
    });
    const yaml = `version: 1
redact: [PROBE_PASSWORD]
gates:
  - id: basic-auth
    stage: health
    priority: P1
    http:
      url: "http://probe:\${PROBE_PASSWORD}@127.0.0.1:${server.port}/health"
      attempts: 1
`;
    const out = await runWithToken(yaml, { PROBE_PASSWORD: password });
    expect(out.session.result.gates[0]!.status).toBe('failed');
    // The server got the credentials (node sends URL userinfo as basic auth).
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`probe:${password}`).toString('base64')}`,
    );
    expectAbsent(out, [password, encodeURIComponent(password)]);
  });
});
