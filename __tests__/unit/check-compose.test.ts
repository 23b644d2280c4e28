import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { imageTagProblem } from '../../src/engine/checks/compose.js';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { CONFIG_FILE, configProblems, places, runCheck, usesConfig } from './check-helpers.js';

afterAll(removeTempDirs);

describe('compose: a healthy stack', () => {
  it('passes: health checks (also from a Dockerfile), service_healthy, pinned images, exempt one-shot jobs', async () => {
    const workspace = await copyFixture('check-compose-pass');
    const result = await runCheck('compose', workspace);
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.summary).toBe(
      'All 9 services in 2 compose files have health checks, healthy dependencies, pinned images and private databases.',
    );
  });

  it('counts a HEALTHCHECK in the build Dockerfile, and only while it is there', async () => {
    const workspace = await copyFixture('check-compose-pass');
    await writeFile(path.join(workspace, 'apps/api/Dockerfile'), 'FROM python:3.12-slim\n');
    const result = await runCheck('compose', workspace);
    expect(places(result.findings)).toEqual(['docker-compose.yml:8 compose/no-healthcheck']);
  });

  it('says so when there is no compose file', async () => {
    const workspace = await copyFixture('check-compose-pass');
    const result = await runCheck('compose', workspace, { files: ['nothing-*.yml'] });
    expect(result.passed).toBe(true);
    expect(result.summary).toBe('No compose files matching nothing-*.yml were found.');
  });
});

describe('compose: a stack with problems', () => {
  it('reports each problem at the line of the offending key', async () => {
    const workspace = await copyFixture('check-compose-fail');
    const result = await runCheck('compose', workspace);
    expect(result.passed).toBe(false);
    expect(places(result.findings)).toEqual([
      'deploy/compose.production.yaml:5 compose/published-db-port',
      'deploy/compose.production.yaml:6 compose/published-db-port',
      'deploy/compose.production.yaml:12 compose/published-db-port',
      'docker-compose.yml:3 compose/latest-tag',
      'docker-compose.yml:6 compose/depends-on-healthy',
      'docker-compose.yml:7 compose/depends-on-healthy',
      'docker-compose.yml:11 compose/no-healthcheck',
      'docker-compose.yml:12 compose/untagged-image',
      'docker-compose.yml:14 compose/depends-on-healthy',
      'docker-compose.yml:14 compose/depends-on-healthy',
      'docker-compose.yml:18 compose/no-healthcheck',
    ]);
    const messages = result.findings.map((f) => f.message);
    expect(messages).toEqual([
      'service postgres (postgresql) publishes port 5432:5432 in a production file; keep databases and brokers on the internal network',
      'service postgres (postgresql) publishes port 5433:5433 in a production file; keep databases and brokers on the internal network',
      'service cache (redis) publishes port 6379 in a production file; keep databases and brokers on the internal network',
      'service api uses ghcr.io/example/api:latest: pin a version tag or a digest instead of latest',
      'service api depends on postgres, which has a healthcheck, with condition service_started: use condition: service_healthy',
      'service api depends on redis, which has a healthcheck, with condition service_started (the default): use condition: service_healthy',
      'service worker has no healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready (one-shot jobs: set restart: "no")',
      'service worker uses ghcr.io/example/worker without a tag (that is latest): pin a version tag or a digest',
      'service worker depends on redis, which has a healthcheck: use the long form with condition: service_healthy',
      'service worker depends on api, which has a healthcheck: use the long form with condition: service_healthy',
      'service web disables its healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready',
    ]);
    expect(result.findings.every((f) => f.tool === 'compose')).toBe(true);
    expect(result.summary).toBe(
      'Found 11 problems in 8 services in 2 compose files (depends-on-healthy, latest-tag, no-healthcheck, published-db-port, untagged-image).',
    );
  });

  it('treats files named by production-files as production, and nothing else', async () => {
    const workspace = await copyFixture('check-compose-fail');
    const result = await runCheck('compose', workspace, {
      'production-files': ['deploy/none.yml'],
    });
    expect(places(result.findings).filter((p) => p.includes('published-db-port'))).toEqual([]);
    const custom = await runCheck('compose', workspace, {
      'production-files': ['docker-compose.yml'],
      'database-images': ['nginx'],
    });
    expect(places(custom.findings).filter((p) => p.includes('published-db-port'))).toEqual([]);
  });

  it('reports YAML errors with their line', async () => {
    const workspace = await copyFixture('check-compose-fail');
    await writeFile(
      path.join(workspace, 'compose.override.yml'),
      'services:\n  api:\n    image: [unclosed\n',
    );
    const result = await runCheck('compose', workspace);
    const yamlErrors = result.findings.filter((f) => f.ruleId === 'compose/invalid-yaml');
    expect(yamlErrors).toHaveLength(1);
    expect(yamlErrors[0]!.file).toBe('compose.override.yml');
    expect(yamlErrors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('compose: image tags', () => {
  it.each([
    ['postgres:16', undefined],
    ['postgres', 'untagged'],
    ['postgres:latest', 'latest'],
    ['localhost:5000/team/app', 'untagged'],
    ['localhost:5000/team/app:1.2', undefined],
    ['redis@sha256:abc', undefined],
    ['ghcr.io/x/y:${TAG}', undefined],
  ])('%s -> %s', (image, problem) => {
    expect(imageTagProblem(image)).toBe(problem);
  });
});

describe('compose: options are validated with the config', () => {
  it('names the gate, the option and the check', () => {
    expect(configProblems(usesConfig('compose', "{ 'production-files': prod }"))).toEqual([
      `${CONFIG_FILE}: gates[0].with.production-files: expected a list, got "prod" (check compose)`,
    ]);
    expect(configProblems(usesConfig('compose', '{ files: [] }'))).toEqual([
      `${CONFIG_FILE}: gates[0].with.files: expected at least 1 item(s) (check compose)`,
    ]);
  });
});
