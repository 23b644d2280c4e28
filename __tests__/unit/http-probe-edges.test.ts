import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GateResult } from '../../src/engine/types.js';
import { probeConfig, runEngine } from '../helpers/http-engine.js';
import {
  closeAllServers,
  startScripted,
  startServer,
  tableLookup,
} from '../helpers/http-servers.js';

/*
 * Less common probe situations: slow bodies, protocol mix-ups, redirect loops and
 * redirects to another host, names resolved through the injected lookup, probes outside
 * the health stage. All traffic goes to 127.0.0.1.
 */

let ws: string;

beforeEach(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-http-edge-'));
});

afterEach(async () => {
  await closeAllServers();
  await rm(ws, { recursive: true, force: true });
});

const run = (yaml: string, options: Omit<Parameters<typeof runEngine>[1], 'workspace'> = {}) =>
  runEngine(yaml, { workspace: ws, ...options });

const summary = (gate: GateResult) =>
  gate.probe!.attempts.map((a) => ({ status: a.status, ok: a.ok, failure: a.failure }));

describe('timeouts and protocol errors', () => {
  it('records timeout when the headers come but the body never finishes', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      // ...and never ends.
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
timeout-seconds: 0.3
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: null, ok: false, failure: 'timeout' }]);
    expect(probe.probe!.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it('records tls when an https probe reaches a plain http server', async () => {
    const server = await startScripted([200]);
    const { gate } = await run(
      probeConfig(`
url: https://127.0.0.1:${server.port}/
insecure-tls: true
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: null, ok: false, failure: 'tls' }]);
  });
});

describe('redirects', () => {
  it('gives up on a redirect loop with follow-redirects and fails with status', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/loop
follow-redirects: true
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 302, ok: false, failure: 'status' }]);
    // It gave up: a bounded number of requests, however long they took.
    expect(server.requests.length).toBeGreaterThan(1);
    expect(server.requests.length).toBeLessThanOrEqual(21);
  });

  it('keeps the Authorization header on a same-origin redirect', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/next' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('ok');
      }
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/start
headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }
follow-redirects: true
attempts: 1`),
      { env: { HEALTH_TOKEN: 'same-origin-token' } },
    );
    expect(gate('probe').status).toBe('passed');
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/start', 'Bearer same-origin-token'],
      ['/next', 'Bearer same-origin-token'],
    ]);
  });

  it('does not send the Authorization header to another host after a redirect', async () => {
    // What curl and fetch do: credentials meant for one host are not handed to another.
    const other = await startServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    const first = await startServer((_req, res) => {
      res.writeHead(302, { location: `http://elsewhere.release-gates.test:${other.port}/landing` });
      res.end();
    });
    const names = tableLookup({ 'elsewhere.release-gates.test': '127.0.0.1' });
    const { gate } = await run(
      probeConfig(`
url: ${first.origin}/health
headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }
follow-redirects: true
attempts: 1`),
      { env: { HEALTH_TOKEN: 'cross-host-token' }, lookup: names.lookup },
    );
    expect(gate('probe').status).toBe('passed');
    expect(names.names).toEqual(['elsewhere.release-gates.test']);
    expect(first.requests[0]!.headers.authorization).toBe('Bearer cross-host-token');
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.url).toBe('/landing');
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('redirects to another origin', () => {
  const configured = {
    authorization: 'Bearer ${API_TOKEN}',
    'x-api-key': '${API_KEY}',
    'x-tenant': 'acme',
  };
  const headersYaml = `headers: { ${Object.entries(configured)
    .map(([name, value]) => `${name}: "${value}"`)
    .join(', ')} }`;
  const env = { API_TOKEN: 'redirect-bearer-token', API_KEY: 'redirect-api-key' };
  const sent = { authorization: 'Bearer redirect-bearer-token', 'x-api-key': 'redirect-api-key' };

  it('sends none of the configured headers to the other origin (two servers on 127.0.0.1)', async () => {
    const second = await startServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    // Another port is another origin, though the host is the same.
    const first = await startServer((_req, res) => {
      res.writeHead(307, { location: `${second.origin}/landing` });
      res.end();
    });
    const { gate } = await run(
      probeConfig(`
url: ${first.origin}/health
${headersYaml}
follow-redirects: true
attempts: 1`),
      { env: { ...env } },
    );
    expect(gate('probe').status).toBe('passed');
    expect(first.requests[0]!.headers).toMatchObject({ ...sent, 'x-tenant': 'acme' });
    expect(second.requests).toHaveLength(1);
    const seen = second.requests[0]!.headers;
    for (const name of Object.keys(configured)) expect(seen[name]).toBeUndefined();
    expect(JSON.stringify(seen)).not.toMatch(/redirect-api-key|redirect-bearer-token|acme/);
  });

  it('keeps every configured header on a same-origin redirect', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/next' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('ok');
      }
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/start
${headersYaml}
follow-redirects: true
attempts: 1`),
      { env: { ...env } },
    );
    expect(gate('probe').status).toBe('passed');
    expect(server.requests.map((r) => r.url)).toEqual(['/start', '/next']);
    for (const request of server.requests) {
      expect(request.headers).toMatchObject({ ...sent, 'x-tenant': 'acme' });
    }
  });
});

describe('names, stages and rollback', () => {
  it('resolves host names through the injected lookup', async () => {
    const server = await startScripted([200]);
    const names = tableLookup({ 'api.release-gates.test': '127.0.0.1' });
    const { gate } = await run(
      probeConfig(`
url: http://api.release-gates.test:${server.port}/health
attempts: 1`),
      { lookup: names.lookup },
    );
    expect(gate('probe').status).toBe('passed');
    expect(names.names).toEqual(['api.release-gates.test']);
    expect(server.requests[0]!.headers.host).toBe(`api.release-gates.test:${server.port}`);
  });

  it('runs an http gate outside the health stage; its failure there triggers no rollback', async () => {
    const server = await startScripted([500]);
    const yaml = `version: 1
gates:
  - id: docs-link
    stage: test
    priority: P2
    http: { url: "${server.origin}/docs", attempts: 1 }
rollback:
  - run: 'touch rolled-back'
cleanup:
  - run: 'touch cleaned'
`;
    const { gate, result } = await run(yaml);
    expect(gate('docs-link').status).toBe('failed');
    expect(summary(gate('docs-link'))).toEqual([{ status: 500, ok: false, failure: 'status' }]);
    expect(result.verdict).toBe('passed-with-warnings');
    expect(server.requests).toHaveLength(1);
    expect(existsSync(path.join(ws, 'rolled-back'))).toBe(false);
    expect(existsSync(path.join(ws, 'cleaned'))).toBe(true);
  });

  it('probes in a health stage run after a failing P1 deploy are skipped (block)', async () => {
    const server = await startScripted([200]);
    const yaml = `version: 1
gates:
  - id: deploy
    stage: deploy
    priority: P1
    run: 'exit 3'
  - id: api-health
    stage: health
    priority: P0
    http: { url: "${server.origin}/", attempts: 1 }
rollback:
  - run: 'printf "%s" "$RELEASE_GATES_FAILED" > rolled-back'
`;
    const { gate } = await run(yaml);
    expect(gate('deploy').status).toBe('failed');
    expect(gate('api-health').status).toBe('skipped');
    expect(gate('api-health').reason).toBe('policy');
    expect(server.requests).toHaveLength(0);
    expect(existsSync(path.join(ws, 'rolled-back'))).toBe(true);
  });
});
