import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GateResult, ProbeAttempt } from '../../src/engine/types.js';
import { probeConfig, runEngine } from '../helpers/http-engine.js';
import {
  closeAllServers,
  closedPort,
  failingLookup,
  selfSignedCert,
  sendJson,
  startHanging,
  startHttpsServer,
  startScripted,
  startServer,
} from '../helpers/http-servers.js';

/*
 * http gates through the real engine, against servers on 127.0.0.1. Every probe gets a
 * lookup that fails for all names, so no DNS query ever leaves the machine.
 */

let ws: string;

beforeEach(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'rg-http-'));
});

afterEach(async () => {
  await closeAllServers();
  await rm(ws, { recursive: true, force: true });
});

const run = (yaml: string, options: Omit<Parameters<typeof runEngine>[1], 'workspace'> = {}) =>
  runEngine(yaml, { workspace: ws, ...options });

const attemptsOf = (gate: GateResult): ProbeAttempt[] => {
  expect(gate.probe).toBeDefined();
  return gate.probe!.attempts;
};

const summary = (gate: GateResult) =>
  attemptsOf(gate).map((a) => ({ status: a.status, ok: a.ok, failure: a.failure }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A bound for "it ended instead of waiting": the servers it applies to never answer, and the
 * probes would otherwise wait out a 10 s timeout-seconds or interval-seconds (or for ever).
 * Ending within it is the behaviour under test, a cancel, a timeout or an abort cutting the wait
 * short, on any machine; it is not a speed target (those are measured by `npm run bench`).
 */
const INSTEAD_OF_WAITING_MS = 5_000;

describe('attempts and the recorded failure class', () => {
  it('passes on 503 then 200 and records both attempts', async () => {
    const server = await startScripted([503, 200]);
    const { gate, result, wallMs } = await run(
      probeConfig(`
url: ${server.origin}/health
interval-seconds: 0.05
attempts: 5`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('passed');
    expect(result.verdict).toBe('passed');
    expect(probe.detail).toBeUndefined();
    expect(probe.probe!.url).toBe(`${server.origin}/health`);
    expect(probe.probe!.method).toBe('GET');
    expect(summary(probe)).toEqual([
      { status: 503, ok: false, failure: 'status' },
      { status: 200, ok: true, failure: undefined },
    ]);
    const [first, second] = attemptsOf(probe);
    expect(first!.attempt).toBe(1);
    expect(second!.attempt).toBe(2);
    expect(first!.message!.startsWith('expected status any 2xx, got 503')).toBe(true);
    expect(second!.message).toBeUndefined();
    for (const a of [first!, second!]) {
      expect(typeof a.latencyMs).toBe('number');
      // Milliseconds of this attempt: within the run, whatever the machine's speed.
      expect(a.latencyMs).toBeGreaterThanOrEqual(0);
      expect(a.latencyMs).toBeLessThanOrEqual(wallMs);
      expect(Number.isNaN(Date.parse(a.at))).toBe(false);
    }
    // It stopped at the first success and waited interval-seconds between requests.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(40);
    expect(server.requests[0]!.url).toBe('/health');
  });

  it('records timeout for a server that never answers (timeout-seconds 0.3)', async () => {
    const server = await startHanging();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
timeout-seconds: 0.3
interval-seconds: 0.05
attempts: 2`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([
      { status: null, ok: false, failure: 'timeout' },
      { status: null, ok: false, failure: 'timeout' },
    ]);
    // Each attempt lasted its timeout-seconds: not less, and not until the server gave up.
    for (const a of attemptsOf(probe)) {
      expect(a.latencyMs).toBeGreaterThanOrEqual(250);
      expect(a.latencyMs).toBeLessThan(INSTEAD_OF_WAITING_MS);
    }
    expect(server.requests).toHaveLength(2);
    expect(probe.detail).toContain('failed after 2 attempt(s)');
    expect(probe.detail).toContain('timeout');
  });

  it('records refused for a port that was just closed', async () => {
    const port = await closedPort();
    const { gate } = await run(
      probeConfig(`
url: http://127.0.0.1:${port}/health
interval-seconds: 0.05
attempts: 2`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([
      { status: null, ok: false, failure: 'refused' },
      { status: null, ok: false, failure: 'refused' },
    ]);
    expect(attemptsOf(probe)[0]!.message).toContain('ECONNREFUSED');
    expect(probe.detail).toContain('refused');
  });

  it('records dns for a name that does not resolve (fake lookup, nothing leaves the machine)', async () => {
    const fake = failingLookup();
    const { gate } = await run(
      probeConfig(`
url: http://health-check.invalid:8080/health
interval-seconds: 0.05
attempts: 2`),
      { lookup: fake.lookup },
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([
      { status: null, ok: false, failure: 'dns' },
      { status: null, ok: false, failure: 'dns' },
    ]);
    expect(fake.names).toEqual(['health-check.invalid', 'health-check.invalid']);
    expect(attemptsOf(probe)[0]!.message).toContain('ENOTFOUND');
    expect(probe.detail).toContain('dns');
  });

  it('records status when the status is not in expect.status', async () => {
    const server = await startScripted([404]);
    const { gate, result } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { status: [200] }
interval-seconds: 0.05
attempts: 2`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(result.verdict).toBe('failed');
    expect(summary(probe)).toEqual([
      { status: 404, ok: false, failure: 'status' },
      { status: 404, ok: false, failure: 'status' },
    ]);
    expect(attemptsOf(probe)[1]!.message!.startsWith('expected status 200, got 404')).toBe(true);
    expect(probe.detail).toContain('expected status 200, got 404');
    expect(probe.detail).toContain('failed after 2 attempt(s)');
  });

  it('accepts a non-2xx status listed in expect.status', async () => {
    const server = await startScripted([401]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
expect: { status: [401, 403] }
attempts: 1`),
    );
    expect(gate('probe').status).toBe('passed');
    expect(summary(gate('probe'))).toEqual([{ status: 401, ok: true, failure: undefined }]);
  });

  it('records body when the body does not contain the expected text', async () => {
    const server = await startScripted([200], 'status: starting');
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
expect: { body-contains: ready }
interval-seconds: 0.05
attempts: 2`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([
      { status: 200, ok: false, failure: 'body' },
      { status: 200, ok: false, failure: 'body' },
    ]);
    expect(attemptsOf(probe)[0]!.message).toBe('body does not contain "ready"');
  });

  it('passes when the body contains the expected text', async () => {
    const server = await startScripted([200], '{"status":"ready"}');
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
expect: { body-contains: ready }
attempts: 1`),
    );
    expect(gate('probe').status).toBe('passed');
  });
});

describe('json expectations', () => {
  const payload = {
    status: 'ok',
    version: '1.4.2',
    healthy: true,
    checks: { db: { status: 'ok', latency: 3 }, redis: { status: 'down' } },
    items: [{ id: 'a' }, { id: 'b', count: 3 }],
  };

  const jsonServer = (value: unknown = payload) => startServer((_req, res) => sendJson(res, value));

  it('passes with dotted paths into nested objects and arrays', async () => {
    const server = await jsonServer();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect:
  json:
    status: ok
    checks.db.status: ok
    checks.db.latency: 3
    items.0.id: a
    items.1.id: b
    items.1.count: 3
    healthy: true
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('passed');
    expect(summary(probe)).toEqual([{ status: 200, ok: true, failure: undefined }]);
  });

  it('records json for a wrong value', async () => {
    const server = await jsonServer();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { json: { checks.redis.status: ok } }
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(probe)[0]!.message).toBe('checks.redis.status: expected "ok", got "down"');
  });

  it('records json for a wrong array element', async () => {
    const server = await jsonServer();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { json: { items.0.id: b } }
attempts: 1`),
    );
    expect(summary(gate('probe'))).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(gate('probe'))[0]!.message).toBe('items.0.id: expected "b", got "a"');
  });

  it('records json for a missing path', async () => {
    const server = await jsonServer();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { json: { checks.celery.status: ok, items.5.id: a } }
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(probe)[0]!.message).toBe('checks.celery.status: expected "ok", got nothing');
  });

  it('records json when a path names an object rather than a value', async () => {
    const server = await jsonServer();
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { json: { checks.db: ok } }
attempts: 1`),
    );
    expect(summary(gate('probe'))).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(gate('probe'))[0]!.message).toContain('checks.db: expected "ok", got {');
  });

  it('records json when the body is not JSON', async () => {
    const server = await startScripted([200], '<html>ok</html>');
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
expect: { json: { status: ok } }
attempts: 1`),
    );
    expect(summary(gate('probe'))).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(gate('probe'))[0]!.message).toBe('body is not JSON');
  });

  it('replaces ${NAME} in json expectations from the environment', async () => {
    const server = await jsonServer();
    const yaml = probeConfig(`
url: ${server.origin}/health
expect: { json: { status: ok, version: "\${EXPECTED_VERSION}" } }
attempts: 1`);
    const good = await run(yaml, { env: { EXPECTED_VERSION: '1.4.2' } });
    expect(good.gate('probe').status).toBe('passed');

    const bad = await run(yaml, { env: { EXPECTED_VERSION: '1.5.0' } });
    const probe = bad.gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 200, ok: false, failure: 'json' }]);
    expect(attemptsOf(probe)[0]!.message).toBe('version: expected "1.5.0", got "1.4.2"');
  });

  it('takes ${NAME} from the gate env as well', async () => {
    const server = await jsonServer();
    const yaml = `version: 1
gates:
  - id: probe
    stage: health
    priority: P1
    env: { EXPECTED_VERSION: 1.4.2 }
    http:
      url: ${server.origin}/health
      expect: { json: { version: "\${EXPECTED_VERSION}" } }
      attempts: 1
`;
    const { gate } = await run(yaml);
    expect(gate('probe').status).toBe('passed');
  });
});

describe('latency, redirects, TLS, large bodies', () => {
  it('records latency when the response takes longer than max-latency-ms', async () => {
    const server = await startServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200);
        res.end('ok');
      }, 200);
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
expect: { max-latency-ms: 50 }
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 200, ok: false, failure: 'latency' }]);
    const [attempt] = attemptsOf(probe);
    expect(attempt!.latencyMs).toBeGreaterThanOrEqual(190);
    expect(attempt!.message).toMatch(/^took \d+ ms, over max-latency-ms 50$/);
  });

  it('does not follow a 302 by default: status failure naming the redirect', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/health') {
        res.writeHead(302, { location: '/health/' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('ok');
      }
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 302, ok: false, failure: 'status' }]);
    const message = attemptsOf(probe)[0]!.message!;
    expect(message).toContain('got 302');
    expect(message).toMatch(/redirect/i);
    expect(message).toContain('/health/');
    expect(server.requests.map((r) => r.url)).toEqual(['/health']);
  });

  it('follows a 302 with follow-redirects: true', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/health') {
        res.writeHead(302, { location: '/health/' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('all good');
      }
    });
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/health
follow-redirects: true
expect: { body-contains: all good }
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('passed');
    expect(summary(probe)).toEqual([{ status: 200, ok: true, failure: undefined }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/health', '/health/']);
  });

  describe('https with a self-signed certificate', () => {
    let certDir: string;
    let tls: { key: string; cert: string };

    beforeAll(async () => {
      certDir = await mkdtemp(path.join(os.tmpdir(), 'rg-http-tls-'));
      tls = selfSignedCert(certDir);
    });

    afterAll(async () => {
      await rm(certDir, { recursive: true, force: true });
    });

    it('fails with tls when the certificate is not trusted', async () => {
      const server = await startHttpsServer(tls, (_req, res) => {
        res.writeHead(200);
        res.end('ok');
      });
      expect(server.origin.startsWith('https://127.0.0.1:')).toBe(true);
      const { gate } = await run(
        probeConfig(`
url: ${server.origin}/health
interval-seconds: 0.05
attempts: 2`),
      );
      const probe = gate('probe');
      expect(probe.status).toBe('failed');
      expect(summary(probe)).toEqual([
        { status: null, ok: false, failure: 'tls' },
        { status: null, ok: false, failure: 'tls' },
      ]);
      expect(attemptsOf(probe)[0]!.message).toMatch(/SELF_SIGNED|self[- ]signed/i);
      // The handshake failed: no request ever reached the handler.
      expect(server.requests).toHaveLength(0);
    });

    it('passes with insecure-tls: true', async () => {
      const server = await startHttpsServer(tls, (_req, res) => {
        res.writeHead(200);
        res.end('ok');
      });
      const { gate } = await run(
        probeConfig(`
url: ${server.origin}/health
insecure-tls: true
expect: { body-contains: ok }
attempts: 1`),
      );
      expect(gate('probe').status).toBe('passed');
      expect(summary(gate('probe'))).toEqual([{ status: 200, ok: true, failure: undefined }]);
      expect(server.requests).toHaveLength(1);
    });
  });

  it('reads at most 1 MiB of a 50 MB body and closes the socket early', async () => {
    const TOTAL = 50 * 1024 * 1024;
    const CHUNK = 64 * 1024;
    let written = 0;
    let finishedAll = false;
    let closedAt = 0;
    let sawClose!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (sawClose = resolve));
    const server = await startServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(TOTAL) });
      let closed = false;
      res.on('close', () => {
        closed = true;
        closedAt = Date.now();
        sawClose();
      });
      const filler = Buffer.alloc(CHUNK, 'x');
      while (written < TOTAL && !closed) {
        const remaining = TOTAL - written;
        const chunk =
          remaining <= CHUNK
            ? Buffer.concat([Buffer.alloc(remaining - 10, 'x'), Buffer.from('END-MARKER')])
            : filler;
        const more = res.write(chunk);
        written += chunk.length;
        if (!more && !closed) {
          await new Promise<void>((go) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              go();
            };
            res.on('drain', done);
            res.on('close', done);
          });
        }
      }
      if (!closed) {
        finishedAll = true;
        res.end();
      }
    });
    const origin = server.origin;

    const { gate } = await run(
      probeConfig(`
url: ${origin}/big
expect: { body-contains: END-MARKER }
attempts: 1`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(summary(probe)).toEqual([{ status: 200, ok: false, failure: 'body' }]);
    expect(attemptsOf(probe)[0]!.message).toBe(
      'body does not contain "END-MARKER" (first 1 MiB read)',
    );

    await Promise.race([serverSawClose, sleep(3000)]);
    expect(closedAt).toBeGreaterThan(0);
    expect(finishedAll).toBe(false);
    expect(written).toBeLessThan(TOTAL);
    process.stdout.write(`50 MB probe: server wrote ${written} bytes before the close\n`);
  });

  it('honours initial-delay-seconds before the first request', async () => {
    const server = await startScripted([200]);
    let gateStartedAt = 0;
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
initial-delay-seconds: 0.3
attempts: 1`),
      {
        onEvent: (event) => {
          if (event.type === 'gate-start') gateStartedAt = Date.now();
        },
      },
    );
    expect(gate('probe').status).toBe('passed');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.at - gateStartedAt).toBeGreaterThanOrEqual(280);
  });
});

describe('success-threshold', () => {
  it('passes only after 3 consecutive successes (ok, fail, ok, ok, ok)', async () => {
    const server = await startScripted([200, 503, 200, 200, 200, 200]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
success-threshold: 3
interval-seconds: 0.05
attempts: 8`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('passed');
    expect(attemptsOf(probe).map((a) => a.ok)).toEqual([true, false, true, true, true]);
    expect(attemptsOf(probe)[1]!.failure).toBe('status');
    expect(server.requests).toHaveLength(5);
  });

  it('fails when the attempts run out before 3 successes in a row', async () => {
    const server = await startScripted([200, 503, 200, 200, 200]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
success-threshold: 3
interval-seconds: 0.05
attempts: 4`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(attemptsOf(probe).map((a) => a.ok)).toEqual([true, false, true, true]);
    expect(server.requests).toHaveLength(4);
    expect(probe.detail).toContain('failed after 4 attempt(s)');
  });

  it('fails when every attempt succeeds but there are fewer attempts than the threshold', async () => {
    const server = await startScripted([200]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
success-threshold: 3
interval-seconds: 0.05
attempts: 2`),
    );
    const probe = gate('probe');
    expect(probe.status).toBe('failed');
    expect(attemptsOf(probe).map((a) => a.ok)).toEqual([true, true]);
    expect(probe.detail).toContain('only 2 consecutive success(es) at the end, 3 needed');
  });
});

describe('interpolation, method and headers', () => {
  it('fails the gate naming the gate and the variable when ${NAME} in the url is unset', async () => {
    const server = await startScripted([200]);
    const { gate, result } = await run(
      probeConfig(
        `
url: http://\${API_HOST}/health
attempts: 1`,
        { id: 'api-health' },
      ),
    );
    const probe = gate('api-health');
    expect(probe.status).toBe('failed');
    expect(result.verdict).toBe('failed');
    expect(probe.detail).toContain('api-health');
    expect(probe.detail).toContain('API_HOST');
    expect(probe.detail).toContain('http.url');
    expect(server.requests).toHaveLength(0);
  });

  it('fails the gate naming the gate and the variable when ${NAME} in a header is unset', async () => {
    const server = await startScripted([200]);
    const { gate } = await run(
      probeConfig(
        `
url: ${server.origin}/health
headers: { Authorization: "Bearer \${HEALTH_TOKEN}" }
attempts: 1`,
        { id: 'web-health' },
      ),
    );
    const probe = gate('web-health');
    expect(probe.status).toBe('failed');
    expect(probe.detail).toContain('web-health');
    expect(probe.detail).toContain('HEALTH_TOKEN');
    expect(probe.detail).toContain('Authorization');
    expect(server.requests).toHaveLength(0);
    // The reason is in the gate's log too.
    expect(probe.tail).toContain('HEALTH_TOKEN');
  });

  it('sends the configured method, headers and body, with ${NAME} replaced', async () => {
    const server = await startScripted([201]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/api/\${API_PATH}?env=\${STAGE_NAME}
method: POST
headers:
  X-Probe: release-gates
  X-Deploy-Id: "deploy-\${DEPLOY_ID}"
  Content-Type: application/json
body: '{"ping":"\${DEPLOY_ID}"}'
attempts: 1`),
      { env: { API_PATH: 'health', STAGE_NAME: 'staging', DEPLOY_ID: '4711' } },
    );
    expect(gate('probe').status).toBe('passed');
    expect(gate('probe').probe!.method).toBe('POST');
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/api/health?env=staging');
    expect(req!.headers['x-probe']).toBe('release-gates');
    expect(req!.headers['x-deploy-id']).toBe('deploy-4711');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.body).toBe('{"ping":"4711"}');
  });

  it.each(['HEAD', 'DELETE', 'PUT'])('sends method %s', async (method) => {
    const server = await startScripted([204]);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
method: ${method}
attempts: 1`),
    );
    expect(gate('probe').status).toBe('passed');
    expect(server.requests.map((r) => r.method)).toEqual([method]);
  });
});

describe('many probes', () => {
  it('runs 50 probes that each fail twice before passing, at concurrency 2', async () => {
    const servers = await Promise.all(
      Array.from({ length: 50 }, () => startScripted([503, 503, 200])),
    );
    const yaml =
      'version: 1\ngates:\n' +
      servers
        .map(
          (server, i) => `  - id: probe-${i}
    stage: health
    priority: P1
    http:
      url: ${server.origin}/health
      interval-seconds: 0.1
      attempts: 5
`,
        )
        .join('');
    // How long it takes is for npm run bench (50 HTTP probes, each 503, 503, 200 at 0.1 s).
    const { result } = await run(yaml);
    expect(result.concurrency).toBe(2);
    expect(result.verdict).toBe('passed');
    expect(result.gates).toHaveLength(50);
    for (const gate of result.gates) {
      expect(gate.status).toBe('passed');
      expect(summary(gate)).toEqual([
        { status: 503, ok: false, failure: 'status' },
        { status: 503, ok: false, failure: 'status' },
        { status: 200, ok: true, failure: undefined },
      ]);
    }
    for (const server of servers) expect(server.requests).toHaveLength(3);
  });
});

describe('cancel, abort, rollback and cleanup', () => {
  const hooks = `rollback:
  - run: 'printf "%s\\n" "$RELEASE_GATES_FAILED" >> rollback.txt'
cleanup:
  - run: 'printf "%s\\n" "$RELEASE_GATES_FAILED" >> cleanup.txt'
`;
  const lines = async (file: string) =>
    existsSync(path.join(ws, file))
      ? (await readFile(path.join(ws, file), 'utf8')).split('\n').filter((l) => l !== '')
      : undefined;

  it('cancels a probe waiting on a hanging server promptly', async () => {
    const server = await startHanging();
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort('test cancel');
    }, 300);
    const { gate, result } = await run(
      probeConfig(`
url: ${server.origin}/
timeout-seconds: 10
interval-seconds: 0.05
attempts: 3`) + hooks,
      { signal: controller.signal },
    );
    const finishedAt = Date.now();
    expect(abortedAt).toBeGreaterThan(0);
    expect(gate('probe').status).toBe('cancelled');
    expect(result.cancelled).toBe(true);
    expect(result.verdict).toBe('failed');
    expect(finishedAt - abortedAt).toBeLessThan(INSTEAD_OF_WAITING_MS);
    expect(server.requests).toHaveLength(1);
    // Cleanup ran after the cancel; no rollback for a cancelled (not failed) probe.
    expect(await lines('cleanup.txt')).toEqual([]);
    expect(result.hooks.map((h) => `${h.kind}:${h.status}`)).toEqual(['cleanup:passed']);
    expect(await lines('rollback.txt')).toBeUndefined();
  });

  it('cancels a probe sleeping between attempts promptly', async () => {
    const server = await startScripted([503]);
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort('test cancel');
    }, 300);
    const { gate } = await run(
      probeConfig(`
url: ${server.origin}/
interval-seconds: 10
attempts: 5`),
      { signal: controller.signal },
    );
    expect(gate('probe').status).toBe('cancelled');
    expect(Date.now() - abortedAt).toBeLessThan(INSTEAD_OF_WAITING_MS);
    expect(server.requests).toHaveLength(1);
  });

  it('cancels a probe whose last attempt is in flight (attempts: 1), without a rollback', async () => {
    const server = await startHanging();
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort('test cancel');
    }, 300);
    const { gate, result } = await run(
      probeConfig(`
url: ${server.origin}/
timeout-seconds: 10
attempts: 1`) + hooks,
      { signal: controller.signal },
    );
    expect(Date.now() - abortedAt).toBeLessThan(INSTEAD_OF_WAITING_MS);
    expect(result.cancelled).toBe(true);
    // A cancel is not a failed health check: the gate is cancelled, nothing is rolled back.
    expect(gate('probe').status).toBe('cancelled');
    expect(result.failedGates).toEqual([]);
    expect(await lines('rollback.txt')).toBeUndefined();
    expect(await lines('cleanup.txt')).toEqual([]);
  });

  it('cancels a sibling probe whose last attempt is in flight when a P0 probe aborts', async () => {
    const down = await startScripted([503]);
    const hanging = await startHanging();
    const yaml = `version: 1
gates:
  - id: api-health
    stage: health
    priority: P0
    http: { url: "${down.origin}/", interval-seconds: 0.05, attempts: 2 }
  - id: slow-health
    stage: health
    priority: P1
    http: { url: "${hanging.origin}/", timeout-seconds: 10, attempts: 1 }
${hooks}`;
    const { result, gate } = await run(yaml);
    expect(gate('api-health').status).toBe('failed');
    expect(gate('slow-health').status).toBe('cancelled');
    expect(result.failedGates).toEqual(['api-health']);
    expect(await lines('rollback.txt')).toEqual(['api-health']);
  });

  it('times the probe out at the gate timeout-minutes', async () => {
    const server = await startHanging();
    const yaml = `version: 1
gates:
  - id: probe
    stage: health
    priority: P1
    timeout-minutes: 0.005
    http:
      url: ${server.origin}/
      timeout-seconds: 10
      interval-seconds: 0.05
      attempts: 3
`;
    const { gate, wallMs } = await run(yaml);
    expect(gate('probe').status).toBe('timed-out');
    expect(gate('probe').detail).toContain('timed out after 0.3 s of probing');
    expect(wallMs).toBeLessThan(INSTEAD_OF_WAITING_MS);
  });

  it('times the probe out at the gate timeout-minutes during its last attempt', async () => {
    const server = await startHanging();
    const yaml = `version: 1
gates:
  - id: probe
    stage: health
    priority: P1
    timeout-minutes: 0.005
    http:
      url: ${server.origin}/
      timeout-seconds: 10
      attempts: 1
`;
    const { gate, wallMs } = await run(yaml);
    expect(wallMs).toBeLessThan(INSTEAD_OF_WAITING_MS);
    expect(gate('probe').status).toBe('timed-out');
    expect(gate('probe').detail).toContain('timed out after 0.3 s of probing');
  });

  it('runs rollback once listing the failed health gates, then cleanup', async () => {
    const bad = await startScripted([503]);
    const worse = await startScripted([500]);
    const good = await startScripted([200]);
    const yaml = `version: 1
gates:
  - id: deploy
    stage: deploy
    priority: P1
    run: 'true'
  - id: api-health
    stage: health
    priority: P1
    http: { url: "${bad.origin}/", interval-seconds: 0.05, attempts: 2 }
  - id: web-health
    stage: health
    priority: P1
    http: { url: "${good.origin}/", attempts: 1 }
  - id: worker-health
    stage: health
    priority: P2
    http: { url: "${worse.origin}/", attempts: 1 }
${hooks}`;
    const { result } = await run(yaml);
    expect(result.verdict).toBe('failed');
    expect(result.failedGates).toEqual(['api-health', 'worker-health']);
    expect(await lines('rollback.txt')).toEqual(['api-health,worker-health']);
    expect(await lines('cleanup.txt')).toEqual(['api-health,worker-health']);
    expect(result.hooks.map((h) => `${h.kind}:${h.status}`)).toEqual([
      'rollback:passed',
      'cleanup:passed',
    ]);
  });

  it('does not run rollback when every health gate passes, but runs cleanup', async () => {
    const good = await startScripted([503, 200]);
    const { result } = await run(
      probeConfig(`
url: ${good.origin}/
interval-seconds: 0.05
attempts: 3`) + hooks,
    );
    expect(result.verdict).toBe('passed');
    expect(await lines('rollback.txt')).toBeUndefined();
    expect(await lines('cleanup.txt')).toEqual([]);
    expect(existsSync(path.join(ws, 'cleanup.txt'))).toBe(true);
    expect(result.hooks.map((h) => h.kind)).toEqual(['cleanup']);
  });

  it('runs cleanup (and rollback) after a P0 probe aborts the run', async () => {
    const down = await startScripted([503]);
    const hanging = await startHanging();
    const yaml = `version: 1
gates:
  - id: api-health
    stage: health
    priority: P0
    http: { url: "${down.origin}/", interval-seconds: 0.05, attempts: 2 }
  - id: slow-health
    stage: health
    priority: P1
    http: { url: "${hanging.origin}/", timeout-seconds: 10, attempts: 3 }
${hooks}`;
    const { result, gate, wallMs } = await run(yaml);
    expect(gate('api-health').status).toBe('failed');
    expect(result.stoppedBy).toEqual({ id: 'api-health', priority: 'P0', action: 'abort' });
    expect(gate('slow-health').status).toBe('cancelled');
    expect(wallMs).toBeLessThan(INSTEAD_OF_WAITING_MS);
    expect(await lines('rollback.txt')).toEqual(['api-health']);
    expect(await lines('cleanup.txt')).toEqual(['api-health']);
  });
});
