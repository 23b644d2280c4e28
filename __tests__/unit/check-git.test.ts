import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gitTags, gitTrackedFiles, runGit } from '../../src/engine/checks/git.js';
import type { ProcessExit, SpawnRequest, Spawner } from '../../src/engine/process.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { makeTempDir, removeTempDirs } from '../helpers/fixtures.js';
import { gitInit } from './check-helpers.js';

afterAll(removeTempDirs);

/** A spawner whose one process the test drives: what it prints, how it exits. */
function fakeSpawner() {
  const requests: SpawnRequest[] = [];
  const kills: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let exit!: (value: ProcessExit) => void;
  const exited = new Promise<ProcessExit>((resolve) => (exit = resolve));
  const spawn: Spawner = (request) => {
    requests.push(request);
    return {
      pid: 4242,
      stdout,
      stderr,
      exited,
      killGroup: (signal) => kills.push(signal),
    };
  };
  /** Ends the output, then exits as given. */
  const end = (value: ProcessExit) => {
    stdout.end();
    stderr.end();
    setImmediate(() => exit(value));
  };
  return { spawn, requests, kills, stdout, stderr, end };
}

const LIMITS = { timeoutMs: 30_000, maxOutputBytes: 64 };

describe('runGit through the injected spawner', () => {
  it('starts git with the arguments, cwd and env, and answers its stdout', async () => {
    const fake = fakeSpawner();
    const env = { PATH: '/opt/git/bin' };
    const answer = runGit(fake.spawn, '/repo', ['tag', '--list'], undefined, env);
    fake.stdout.write('v1.0.0\n');
    fake.stderr.write('a warning nobody reads\n');
    fake.stdout.write('v1.1.0\n');
    fake.end({ code: 0, signal: null });
    expect(await answer).toBe('v1.0.0\nv1.1.0\n');
    expect(fake.requests).toEqual([{ argv: ['git', 'tag', '--list'], cwd: '/repo', env }]);
    expect(fake.kills).toEqual([]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const fake = fakeSpawner();
    const answer = runGit(fake.spawn, '/repo', ['ls-files'], undefined, {});
    const bytes = Buffer.from('café.txt\0');
    fake.stdout.write(bytes.subarray(0, 4));
    fake.stdout.write(bytes.subarray(4));
    fake.end({ code: 0, signal: null });
    expect(await answer).toBe('café.txt\0');
  });

  it.each([
    ['a non-zero exit', { code: 128, signal: null }],
    ['a signal', { code: null, signal: 'SIGTERM' }],
    ['a program that never started', { code: null, signal: null, error: new Error('ENOENT') }],
  ])('answers undefined after %s', async (_what, exit) => {
    const fake = fakeSpawner();
    const answer = runGit(fake.spawn, '/repo', ['rev-parse'], undefined, {});
    fake.stdout.write('true\n');
    fake.end(exit);
    expect(await answer).toBeUndefined();
  });

  it('answers undefined when the spawner throws', async () => {
    const spawn: Spawner = () => {
      throw new Error('spawn EAGAIN');
    };
    expect(await runGit(spawn, '/repo', ['rev-parse'], undefined, {})).toBeUndefined();
  });

  it('kills the group with SIGKILL at the timeout, without waiting for the exit', async () => {
    const fake = fakeSpawner();
    const started = Date.now();
    const answer = await runGit(
      fake.spawn,
      '/repo',
      ['ls-files'],
      undefined,
      {},
      {
        ...LIMITS,
        timeoutMs: 30,
      },
    );
    expect(answer).toBeUndefined();
    expect(fake.kills).toEqual(['SIGKILL']);
    // A contract, not a speed target: the fake git never exits, so a runGit that waited for it
    // would not return at all; 5 s is far beyond the 30 ms timeout on any machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kills the group when the signal aborts, and does not start git once aborted', async () => {
    const fake = fakeSpawner();
    const controller = new AbortController();
    const answer = runGit(fake.spawn, '/repo', ['ls-files'], controller.signal, {}, LIMITS);
    fake.stdout.write('a.txt\0');
    controller.abort();
    expect(await answer).toBeUndefined();
    expect(fake.kills).toEqual(['SIGKILL']);

    const again = fakeSpawner();
    expect(
      await runGit(again.spawn, '/repo', ['ls-files'], controller.signal, {}, LIMITS),
    ).toBeUndefined();
    expect(again.requests).toEqual([]);
  });

  it('kills the group once the output passes the cap, and accepts output up to it', async () => {
    const over = fakeSpawner();
    const answer = runGit(over.spawn, '/repo', ['ls-files'], undefined, {}, LIMITS);
    over.stdout.write('x'.repeat(40));
    over.stdout.write('x'.repeat(25));
    expect(await answer).toBeUndefined();
    expect(over.kills).toEqual(['SIGKILL']);

    const exact = fakeSpawner();
    const full = runGit(exact.spawn, '/repo', ['ls-files'], undefined, {}, LIMITS);
    exact.stdout.write('x'.repeat(64));
    exact.end({ code: 0, signal: null });
    expect(await full).toBe('x'.repeat(64));
    expect(exact.kills).toEqual([]);
  });
});

describe('git helpers against real git', () => {
  const context = (cwd: string, signal = new AbortController().signal) => ({
    spawn: spawnInProcessGroup,
    cwd,
    env: { PATH: process.env.PATH ?? '' },
    signal,
  });

  it('lists tracked files (unquoted) and tags; undefined outside a repository', async () => {
    const dir = await makeTempDir('rg-git-');
    await writeFile(path.join(dir, 'README.md'), '# x\n');
    await writeFile(path.join(dir, 'café.txt'), 'x\n');
    expect(await gitTrackedFiles(context(dir))).toBeUndefined();
    expect(await gitTags(context(dir))).toBeUndefined();

    const git = gitInit(dir);
    git('tag', 'v1.2.0');
    git('tag', 'v1.10.0');
    await writeFile(path.join(dir, 'untracked.txt'), 'x\n');
    expect(await gitTrackedFiles(context(dir))).toEqual(['README.md', 'café.txt']);
    expect(await gitTags(context(dir))).toEqual(['v1.10.0', 'v1.2.0']);
  });

  it('stops a real git when the signal aborts', async () => {
    const dir = await makeTempDir('rg-git-');
    await writeFile(path.join(dir, 'README.md'), '# x\n');
    gitInit(dir);
    const controller = new AbortController();
    const answer = runGit(
      spawnInProcessGroup,
      dir,
      ['rev-parse', '--is-inside-work-tree'],
      controller.signal,
      { PATH: process.env.PATH ?? '' },
    );
    controller.abort();
    expect(await answer).toBeUndefined();
  });
});
