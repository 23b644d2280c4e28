import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_CATALOGUE } from '../../src/engine/checks/builtin.js';
import { runEngine } from '../helpers/http-engine.js';
import { closeAllServers, sendJson, startScripted, startServer } from '../helpers/http-servers.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { CONFIG_FILE, configProblems, usesConfig } from './check-helpers.js';

afterEach(closeAllServers);
afterAll(removeTempDirs);

const fixtureConfig = async (name: string) => {
  const workspace = await copyFixture(name);
  return { workspace, config: await readFile(path.join(workspace, CONFIG_FILE), 'utf8') };
};

describe('health: the HTTP probe as a check', () => {
  it('is a P0 health check whose options are those of an http: gate', () => {
    const check = BUILTIN_CATALOGUE.find('health')!;
    expect(check).toMatchObject({ defaultPriority: 'P0', defaultStage: 'health' });
    const options = { url: 'https://x.test/health', attempts: 3 };
    expect(check.asHttpProbe!(check.options.parse(options))).toEqual(options);
  });

  it('passes through the probe runner: interpolation, headers, retries, JSON expectations, redaction', async () => {
    const token = ['health', 'token', String(Date.now())].join('-');
    const server = await startServer((req, res, index) => {
      if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, {}, 401);
      if (index === 0) return sendJson(res, { status: 'starting' }, 503);
      sendJson(res, { status: 'ok', version: '1.4.0' });
    });
    const { workspace, config } = await fixtureConfig('check-health-pass');
    const { gate, result } = await runEngine(config, {
      workspace,
      env: { HEALTH_PORT: String(server.port), HEALTH_TOKEN: token, APP_VERSION: '1.4.0' },
    });
    const health = gate('api-health');
    expect(health.kind).toBe('uses');
    expect(health.status).toBe('passed');
    expect(result.verdict).toBe('passed');
    expect(health.probe!.url).toBe(`http://127.0.0.1:${server.port}/health`);
    expect(health.probe!.attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(server.requests).toHaveLength(2);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('fails like an http: gate, recording every attempt and why it failed', async () => {
    const server = await startScripted([503], 'database unreachable');
    const { workspace, config } = await fixtureConfig('check-health-fail');
    const { gate, result } = await runEngine(config, {
      workspace,
      env: { HEALTH_PORT: String(server.port) },
    });
    const health = gate('api-health');
    expect(health.status).toBe('failed');
    expect(result.verdict).toBe('failed');
    expect(health.probe!.attempts.map((a) => [a.status, a.failure])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [503, 'status'],
    ]);
    expect(server.requests).toHaveLength(3);
  });
});

describe('health: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('health', '{ url: 3 }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.url: expected a string, got 3 (check health)`,
    ]);
    expect(configProblems(usesConfig('health'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.url: required: expected a string (check health)`,
    ]);
    expect(
      configProblems(
        usesConfig('health', '{ url: "https://x.test", expect: { status: [99] }, retry: 1 }'),
      ),
    ).toEqual([
      `${CONFIG_FILE}: gates[0].with.expect.status[0]: expected a number at least 100, got 99 (check health)`,
      `${CONFIG_FILE}: gates[0].with.retry: unknown key "retry" (check health)`,
    ]);
  });
});
