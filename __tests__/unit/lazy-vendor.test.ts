import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Node's own require, not jest's registry: the shim is loaded as the bundle loads it.
const nodeRequire = createRequire(import.meta.url);
const undiciEntry = nodeRequire.resolve('undici/index.js');
const distFile = (name: string) =>
  readFileSync(new URL(`../../dist/${name}`, import.meta.url), 'utf8');

describe('the lazy undici the bundle gets instead of undici', () => {
  it('does not load undici when imported, only when a member is first used', () => {
    delete nodeRequire.cache[undiciEntry];
    const lazy = nodeRequire('../../src/vendor/undici-lazy.cjs');
    // What module interop asks while importing must not load it.
    expect(lazy.__esModule).toBeUndefined();
    expect(nodeRequire.cache[undiciEntry]).toBeUndefined();

    const real = nodeRequire('undici/index.js');
    expect(lazy.ProxyAgent).toBe(real.ProxyAgent);
    expect(lazy.fetch).toBe(real.fetch);
    expect('ProxyAgent' in lazy).toBe(true);
  });

  it('builds a working ProxyAgent on demand', () => {
    const lazy = nodeRequire('../../src/vendor/undici-lazy.cjs');
    const agent = new lazy.ProxyAgent('http://127.0.0.1:9');
    expect(agent).toBeInstanceOf(nodeRequire('undici/index.js').ProxyAgent);
    return agent.close();
  });

  it('is not inlined in the action bundle: dist/undici.cjs holds it, loaded on first use', () => {
    // An undici error code stands for the library: it must not be parsed at every start.
    expect(distFile('index.js')).not.toContain('UND_ERR_ABORTED');
    expect(distFile('undici.cjs')).toContain('UND_ERR_ABORTED');
  });
});

describe('the lazy @actions/http-client the bundle gets instead of the package', () => {
  it('hands out the real client (ESM, required by file) on first use', async () => {
    const lazy = nodeRequire('../../src/vendor/http-client-lazy.cjs');
    expect(lazy.__esModule).toBeUndefined();
    // By file: tsconfig "paths" sends the package name to the stand-in itself.
    const real = await import('../../node_modules/@actions/http-client/lib/index.js');
    expect(lazy.HttpClient).toBe(real.HttpClient);
    const client = new lazy.HttpClient('release-gates-test');
    expect(client.userAgent).toBe('release-gates-test');
  });

  it('is not inlined in the action bundle, so node:http, https and tls stay unloaded', () => {
    // tunnel (bundled with the client) has this message; the action's bundle must not.
    expect(distFile('index.js')).not.toContain('tunneling socket could not be established');
    expect(distFile('http-client.cjs')).toContain('tunneling socket could not be established');
    // Its undici stays outside too, shared with the action through dist/undici.cjs.
    expect(distFile('http-client.cjs')).not.toContain('UND_ERR_ABORTED');
  });
});

describe('the lazy @actions/exec the bundle gets instead of the package', () => {
  it('hands out the real exec on first use, and it runs commands', async () => {
    const lazy = nodeRequire('../../src/vendor/exec-lazy.cjs');
    expect(lazy.__esModule).toBeUndefined();
    const out = await lazy.getExecOutput('echo', ['lazy exec'], { silent: true });
    expect(out).toMatchObject({ exitCode: 0, stdout: 'lazy exec\n' });
  });

  it('is not inlined in the action bundle: dist/exec.cjs is a working @actions/exec', async () => {
    // A message of its tool runner stands for the library.
    expect(distFile('index.js')).not.toContain('failed with exit code');
    const built = nodeRequire('../../dist/exec.cjs');
    const out = await built.getExecOutput('echo', ['built exec'], { silent: true });
    expect(out).toMatchObject({ exitCode: 0, stdout: 'built exec\n' });
  });
});
