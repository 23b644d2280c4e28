import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, LookupFunction, Socket } from 'node:net';
import path from 'node:path';

/*
 * Local HTTP(S) servers for probe tests. Everything listens on 127.0.0.1 only; nothing in
 * here ever talks to another machine, and the fake lookup answers ENOTFOUND for every name
 * so a probe of a host name never sends a DNS query.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  index: number,
  body: string,
) => void | Promise<void>;

export interface TestServer {
  /** e.g. http://127.0.0.1:12345 (no trailing slash). */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const open: TestServer[] = [];

function track(server: http.Server | https.Server, handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      Promise.resolve(handler(req, res, index, body)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const scheme = server instanceof https.Server ? 'https' : 'http';
      const test: TestServer = {
        origin: `${scheme}://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      };
      open.push(test);
      resolve(test);
    });
  });
}

/** An HTTP server on 127.0.0.1 and a random port; `handler` gets the request's index. */
export function startServer(handler: Handler): Promise<TestServer> {
  return track(http.createServer(), handler);
}

/** An HTTPS server with the given key and certificate. */
export function startHttpsServer(tls: { key: string; cert: string }, handler: Handler) {
  return track(https.createServer({ key: tls.key, cert: tls.cert }), handler);
}

/** Answers with the statuses in order (the last one repeats), body `ok` unless given. */
export function startScripted(statuses: number[], body = 'ok'): Promise<TestServer> {
  return startServer((_req, res, index) => {
    const status = statuses[Math.min(index, statuses.length - 1)]!;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  });
}

/** A server that accepts requests and never answers. */
export function startHanging(): Promise<TestServer> {
  return startServer(() => {});
}

export function sendJson(res: http.ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Closes every server started through this module. */
export async function closeAllServers(): Promise<void> {
  const servers = open.splice(0);
  await Promise.all(servers.map((server) => server.close()));
}

/** A port on 127.0.0.1 that was listening a moment ago and is closed now. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Name resolution that fails for every name with ENOTFOUND; records what was asked. */
export function failingLookup(): { lookup: LookupFunction; names: string[] } {
  const names: string[] = [];
  const lookup = ((hostname: string, _options: unknown, callback: unknown) => {
    names.push(hostname);
    const cb = (typeof _options === 'function' ? _options : callback) as (
      error: NodeJS.ErrnoException | null,
    ) => void;
    const error: NodeJS.ErrnoException = Object.assign(
      new Error(`getaddrinfo ENOTFOUND ${hostname}`),
      { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname },
    );
    process.nextTick(() => cb(error));
  }) as unknown as LookupFunction;
  return { lookup, names };
}

/**
 * A self-signed certificate for 127.0.0.1, made by openssl in `dir` (a temp directory the
 * caller removes). The key never leaves that directory.
 */
export function selfSignedCert(dir: string): { key: string; cert: string } {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/**
 * Name resolution from a fixed table (every name in it must map to 127.0.0.1); any other
 * name fails with ENOTFOUND. Nothing is ever asked of a real resolver.
 */
export function tableLookup(table: Record<string, string>): {
  lookup: LookupFunction;
  names: string[];
} {
  for (const address of Object.values(table)) {
    if (address !== '127.0.0.1') throw new Error(`tableLookup: ${address} is not 127.0.0.1`);
  }
  const names: string[] = [];
  const lookup = ((hostname: string, options: unknown, callback: unknown) => {
    names.push(hostname);
    const cb = (typeof options === 'function' ? options : callback) as (
      error: NodeJS.ErrnoException | null,
      address?: string | { address: string; family: number }[],
      family?: number,
    ) => void;
    const all =
      typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    const address = table[hostname];
    process.nextTick(() => {
      if (address === undefined) {
        cb(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
            hostname,
          }),
        );
      } else if (all) {
        cb(null, [{ address, family: 4 }]);
      } else {
        cb(null, address, 4);
      }
    });
  }) as unknown as LookupFunction;
  return { lookup, names };
}
