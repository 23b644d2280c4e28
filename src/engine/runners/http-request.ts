import type http from 'node:http';
import type { LookupFunction } from 'node:net';

/** How much of a response body a probe reads; the rest is never downloaded. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type FailureClass =
  'refused' | 'dns' | 'tls' | 'timeout' | 'status' | 'body' | 'json' | 'latency' | 'error';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was longer than MAX_BODY_BYTES and cut there. */
  truncated: boolean;
}

export interface HttpRequestOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  insecureTls: boolean;
  signal: AbortSignal;
  lookup?: LookupFunction;
}

export class RequestFailure extends Error {
  constructor(
    readonly failure: FailureClass,
    message: string,
  ) {
    super(message);
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function classifyError(error: NodeJS.ErrnoException): FailureClass {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return 'tls';
  if (code === 'ETIMEDOUT' || error.name === 'TimeoutError' || code === 'ABORT_ERR')
    return 'timeout';
  return 'error';
}

/**
 * One request with node:http(s) rather than fetch: fetch cannot skip TLS verification for
 * one request, and this lets the body read stop at MAX_BODY_BYTES.
 */
export async function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const { url } = options;
  // Loaded on first use: TLS costs start-up time that runs without probes never need.
  const transport =
    url.protocol === 'https:'
      ? (await import('node:https')).default
      : (await import('node:http')).default;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);

  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: options.method,
        headers: options.headers,
        signal,
        agent: false,
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecureTls } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks, size),
            truncated,
          });
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = MAX_BODY_BYTES - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            truncated = true;
            response.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', finish);
        response.on('error', (error: NodeJS.ErrnoException) => {
          if (truncated) return;
          reject(failureFrom(error, timeout, options.timeoutMs));
        });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(failureFrom(error, timeout, options.timeoutMs)),
    );
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

function failureFrom(error: NodeJS.ErrnoException, timeout: AbortSignal, timeoutMs: number) {
  if (timeout.aborted) return new RequestFailure('timeout', `no response within ${timeoutMs} ms`);
  const failure = classifyError(error);
  const code = error.code ? `${error.code}: ` : '';
  return new RequestFailure(failure, `${code}${error.message}`);
}
