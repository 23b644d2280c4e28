import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Node's own require, not jest's registry: the shim is loaded as the bundle loads it.
const nodeRequire = createRequire(import.meta.url);
const undiciEntry = nodeRequire.resolve('undici/index.js');

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
    const dist = new URL('../../dist/', import.meta.url);
    // An undici error code stands for the library: it must not be parsed at every start.
    expect(readFileSync(new URL('index.js', dist), 'utf8')).not.toContain('UND_ERR_ABORTED');
    expect(readFileSync(new URL('undici.cjs', dist), 'utf8')).toContain('UND_ERR_ABORTED');
  });
});
