import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpProbeConfig } from '../config/schema.js';
import type { GateSpec } from '../config/types.js';
import { interpolate } from '../interpolate.js';
import type { ProbeAttempt, ProbeRecord } from '../types.js';
import type { AttemptContext, AttemptOutcome, GateRunner } from './gate-runner.js';
import {
  httpRequest,
  RequestFailure,
  type FailureClass,
  type HttpResponse,
} from './http-request.js';

export const PROBE_DEFAULTS = {
  method: 'GET',
  timeoutSeconds: 5,
  intervalSeconds: 5,
  attempts: 12,
  successThreshold: 1,
  initialDelaySeconds: 0,
  maxRedirects: 5,
} as const;

/** A probe with every `${NAME}` replaced: what is actually sent and expected. */
interface ResolvedProbe {
  url: URL;
  /** The URL as written after `${NAME}` replacement, before URL encoding: what reports show. */
  urlText: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  status?: number[];
  bodyContains?: string;
  json?: Record<string, string>;
  maxLatencyMs?: number;
  timeoutMs: number;
  intervalMs: number;
  attempts: number;
  successThreshold: number;
  initialDelayMs: number;
  followRedirects: boolean;
  insecureTls: boolean;
}

export function resolveProbe(probe: HttpProbeConfig, env: Record<string, string>): ResolvedProbe {
  const text = (value: string, field: string) => interpolate(value, env, `http.${field}`);
  const urlText = text(probe.url, 'url');
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new Error(`http.url: expected a URL, got ${JSON.stringify(urlText)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`http.url: expected an http or https URL, got ${url.protocol}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(probe.headers ?? {})) {
    headers[name] = text(value, `headers.${name}`);
  }
  const expect = probe.expect ?? {};
  const resolved: ResolvedProbe = {
    url,
    urlText,
    method: probe.method ?? PROBE_DEFAULTS.method,
    headers,
    timeoutMs: (probe['timeout-seconds'] ?? PROBE_DEFAULTS.timeoutSeconds) * 1000,
    intervalMs: (probe['interval-seconds'] ?? PROBE_DEFAULTS.intervalSeconds) * 1000,
    attempts: probe.attempts ?? PROBE_DEFAULTS.attempts,
    successThreshold: probe['success-threshold'] ?? PROBE_DEFAULTS.successThreshold,
    initialDelayMs: (probe['initial-delay-seconds'] ?? PROBE_DEFAULTS.initialDelaySeconds) * 1000,
    followRedirects: probe['follow-redirects'] ?? false,
    insecureTls: probe['insecure-tls'] ?? false,
  };
  if (probe.body !== undefined) resolved.body = text(probe.body, 'body');
  if (expect.status) resolved.status = expect.status;
  if (expect['body-contains'] !== undefined) {
    resolved.bodyContains = text(expect['body-contains'], 'expect.body-contains');
  }
  if (expect.json) {
    resolved.json = {};
    for (const [path, value] of Object.entries(expect.json)) {
      resolved.json[path] = text(String(value), `expect.json.${path}`);
    }
  }
  if (expect['max-latency-ms'] !== undefined) resolved.maxLatencyMs = expect['max-latency-ms'];
  return resolved;
}

/** Reads a dotted path (`checks.db.status`, `items.0.id`) out of parsed JSON. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string'
    ? JSON.stringify(value)
    : (JSON.stringify(value) ?? String(value));
}

/** How much of a response body a failure message quotes. */
export const BODY_SNIPPET_BYTES = 1024;

/**
 * The start of a response body on one line: an unhealthy service usually says why there.
 * It is not shortened further here: the engine masks secrets in it first, and the reports
 * shorten it for display, so a secret is never cut where masking could not recognise it.
 */
function bodySnippet(response: HttpResponse): string {
  const text = response.body
    .subarray(0, BODY_SNIPPET_BYTES)
    .toString('utf8')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? '' : `: ${text}`;
}

/** Checks a response against the expectations; returns why it fails, or undefined. */
export function judgeResponse(
  probe: ResolvedProbe,
  response: HttpResponse,
  latencyMs: number,
): { failure: FailureClass; message: string } | undefined {
  const okStatus = probe.status
    ? probe.status.includes(response.status)
    : response.status >= 200 && response.status < 300;
  if (!okStatus) {
    const expected = probe.status ? probe.status.join(', ') : 'any 2xx';
    const location = response.headers.location;
    const redirect =
      response.status >= 300 && response.status < 400 && location
        ? ` (redirect to ${location} not followed)`
        : '';
    return {
      failure: 'status',
      message: `expected status ${expected}, got ${response.status}${redirect}${bodySnippet(response)}`,
    };
  }
  if (probe.bodyContains !== undefined) {
    if (!response.body.toString('utf8').includes(probe.bodyContains)) {
      return {
        failure: 'body',
        message: `body does not contain ${JSON.stringify(probe.bodyContains)}${response.truncated ? ' (first 1 MiB read)' : ''}`,
      };
    }
  }
  if (probe.json) {
    if (response.truncated) {
      return { failure: 'json', message: 'body is larger than 1 MiB; JSON not checked' };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body.toString('utf8'));
    } catch {
      return { failure: 'json', message: 'body is not JSON' };
    }
    for (const [path, expected] of Object.entries(probe.json)) {
      const actual = readJsonPath(parsed, path);
      const actualText =
        actual === undefined || actual === null || typeof actual === 'object'
          ? undefined
          : String(actual);
      if (actualText !== expected) {
        return {
          failure: 'json',
          message: `${path}: expected ${JSON.stringify(expected)}, got ${describeJson(actual)}`,
        };
      }
    }
  }
  if (probe.maxLatencyMs !== undefined && latencyMs > probe.maxLatencyMs) {
    return {
      failure: 'latency',
      message: `took ${Math.round(latencyMs)} ms, over max-latency-ms ${probe.maxLatencyMs}`,
    };
  }
  return undefined;
}

export interface HttpProbeDeps {
  /** Injected name resolution, so tests never send a DNS query off the machine. */
  lookup?: LookupFunction;
}

/** Sends one request, following redirects only when asked to. */
async function sendOnce(probe: ResolvedProbe, signal: AbortSignal, deps: HttpProbeDeps) {
  let url = probe.url;
  let headers = probe.headers;
  for (let hop = 0; ; hop++) {
    const response = await httpRequest({
      url,
      method: probe.method,
      headers,
      ...(probe.body !== undefined ? { body: probe.body } : {}),
      timeoutMs: probe.timeoutMs,
      insecureTls: probe.insecureTls,
      signal,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    });
    const location = response.headers.location;
    const redirect = response.status >= 300 && response.status < 400 && location;
    if (!probe.followRedirects || !redirect || hop >= PROBE_DEFAULTS.maxRedirects) return response;
    const next = new URL(location, url);
    // No header the config set follows a redirect to another origin: any of them may carry
    // a secret (X-Api-Key, a custom token header), not only Authorization and Cookie.
    if (next.origin !== url.origin) headers = {};
    url = next;
  }
}

/**
 * An `http:` gate: polls until `success-threshold` consecutive successes or out of attempts.
 * The gate's deadline and a cancel arrive through the context's signal.
 */
export function createHttpProbeRunner(deps: HttpProbeDeps = {}): GateRunner {
  return {
    run: (gate, ctx) => probe(gate, ctx, deps),
    needsWorkingDirectory: false,
    parsesOutput: false,
    timeoutWording: 'of probing',
  };
}

async function probe(
  gate: GateSpec,
  ctx: AttemptContext,
  deps: HttpProbeDeps,
): Promise<AttemptOutcome> {
  let resolved: ResolvedProbe;
  try {
    resolved = resolveProbe(gate.http!, ctx.env);
  } catch (error) {
    const detail = `gate ${gate.id}: ${(error as Error).message}`;
    ctx.log.note(`release-gates: ${detail}`);
    return { passed: false, exitCode: null, detail, final: true };
  }
  // Reports show the URL as written: its encoded form could hide a secret from masking.
  const record: ProbeRecord = { url: resolved.urlText, method: resolved.method, attempts: [] };
  ctx.log.note(
    `release-gates: probing ${resolved.method} ${record.url} (up to ${resolved.attempts} attempts, every ${resolved.intervalMs / 1000} s, ${resolved.successThreshold} consecutive success(es) needed)`,
  );
  const { signal } = ctx;
  const finish = (passed: boolean, detail?: string): AttemptOutcome => {
    const outcome: AttemptOutcome = { passed, exitCode: null, probe: record };
    if (detail !== undefined) outcome.detail = detail;
    return outcome;
  };
  // Stopped by the deadline or a cancel: the gate execution says which.
  const stopped = () => finish(false);

  try {
    if (resolved.initialDelayMs > 0) await sleep(resolved.initialDelayMs, undefined, { signal });
  } catch {
    return stopped();
  }

  let consecutive = 0;
  let lastFailure: ProbeAttempt | undefined;
  for (let attempt = 1; attempt <= resolved.attempts; attempt++) {
    if (signal.aborted) return stopped();
    const sent = ctx.now();
    const entry: ProbeAttempt = {
      attempt,
      at: new Date(sent).toISOString(),
      status: null,
      latencyMs: 0,
      ok: false,
    };
    try {
      const response = await sendOnce(resolved, signal, deps);
      entry.latencyMs = ctx.now() - sent;
      entry.status = response.status;
      const verdict = judgeResponse(resolved, response, entry.latencyMs);
      if (verdict) {
        entry.failure = verdict.failure;
        entry.message = verdict.message;
      } else entry.ok = true;
    } catch (error) {
      entry.latencyMs = ctx.now() - sent;
      // A cancel, a policy abort or the gate's own timeout stopped this request: it says
      // nothing about the service, so it is not recorded as an attempt.
      if (signal.aborted) return stopped();
      entry.failure = error instanceof RequestFailure ? error.failure : 'error';
      entry.message = (error as Error).message;
    }
    record.attempts.push(entry);
    ctx.log.note(
      `attempt ${attempt}/${resolved.attempts}: ${entry.status ?? '-'} in ${Math.round(entry.latencyMs)} ms` +
        (entry.ok ? ' ok' : ` ${entry.failure}: ${entry.message}`),
    );
    if (entry.ok) {
      consecutive++;
      if (consecutive >= resolved.successThreshold) return finish(true);
    } else {
      consecutive = 0;
      lastFailure = entry;
    }
    if (attempt < resolved.attempts && resolved.intervalMs > 0) {
      try {
        await sleep(resolved.intervalMs, undefined, { signal });
      } catch {
        return stopped();
      }
    }
  }
  const why =
    consecutive > 0 || !lastFailure
      ? `only ${consecutive} consecutive success(es) at the end, ${resolved.successThreshold} needed`
      : `${lastFailure.failure}: ${lastFailure.message}`;
  return finish(
    false,
    `${resolved.method} ${record.url} failed after ${resolved.attempts} attempt(s); last ${why}`,
  );
}
