import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpProbeConfig } from '../config/schema.js';
import type { GateSpec } from '../config/types.js';
import { interpolate } from '../interpolate.js';
import type { ProbeAttempt, ProbeRecord } from '../types.js';
import type { GateOutcome, GateRunContext } from './gate-runner.js';
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

/** The start of a response body on one line: an unhealthy service usually says why there. */
function bodySnippet(response: HttpResponse, redact: (text: string) => string): string {
  // Masked before it is cut: a cut secret could not be recognised any more.
  const text = redact(response.body.subarray(0, 4096).toString('utf8')).replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return `: ${text.length > 160 ? `${text.slice(0, 159)}…` : text}`;
}

/** Checks a response against the expectations; returns why it fails, or undefined. */
export function judgeResponse(
  probe: ResolvedProbe,
  response: HttpResponse,
  latencyMs: number,
  redact: (text: string) => string = (text) => text,
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
      message: `expected status ${expected}, got ${response.status}${redirect}${bodySnippet(response, redact)}`,
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
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  );
}

async function sendOnce(probe: ResolvedProbe, ctx: GateRunContext, deps: HttpProbeDeps) {
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
      signal: ctx.signal,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    });
    const location = response.headers.location;
    const redirect = response.status >= 300 && response.status < 400 && location;
    if (!probe.followRedirects || !redirect || hop >= PROBE_DEFAULTS.maxRedirects) return response;
    const next = new URL(location, url);
    // As browsers and curl do: credentials never follow a redirect to another origin.
    if (next.origin !== url.origin) headers = withoutCredentials(headers);
    url = next;
  }
}

/** An `http:` gate: polls until `success-threshold` consecutive successes or out of attempts. */
export function createHttpProbeRunner(deps: HttpProbeDeps = {}) {
  return async function runHttpProbe(gate: GateSpec, ctx: GateRunContext): Promise<GateOutcome> {
    const env = { ...ctx.env, ...gate.env };
    let probe: ResolvedProbe;
    try {
      probe = resolveProbe(gate.http!, env);
    } catch (error) {
      const detail = ctx.redact(`gate ${gate.id}: ${(error as Error).message}`);
      ctx.log.note(`release-gates: ${detail}`);
      return { status: 'failed', exitCode: null, detail, attemptHistory: [] };
    }
    // Reports show the URL as written, masked: its encoded form could hide a secret from redaction.
    const record: ProbeRecord = {
      url: ctx.redact(probe.urlText),
      method: probe.method,
      attempts: [],
    };
    const note = (line: string) => ctx.log.note(ctx.redact(line));
    note(
      `release-gates: probing ${probe.method} ${record.url} (up to ${probe.attempts} attempts, every ${probe.intervalMs / 1000} s, ${probe.successThreshold} consecutive success(es) needed)`,
    );
    ctx.onAttemptStart(1);

    const started = ctx.now();
    const overall = AbortSignal.any([ctx.signal, AbortSignal.timeout(gate.timeoutMs)]);
    const finish = (status: GateOutcome['status'], detail?: string): GateOutcome => {
      const outcome: GateOutcome = {
        status,
        exitCode: null,
        attemptHistory: [{ attempt: 1, status, exitCode: null, durationMs: ctx.now() - started }],
        probe: record,
      };
      if (detail !== undefined) outcome.detail = ctx.redact(detail);
      return outcome;
    };
    const stopped = () =>
      ctx.signal.aborted
        ? finish('cancelled')
        : finish('timed-out', `timed out after ${gate.timeoutMs / 1000} s of probing`);

    try {
      if (probe.initialDelayMs > 0)
        await sleep(probe.initialDelayMs, undefined, { signal: overall });
    } catch {
      return stopped();
    }

    let consecutive = 0;
    let lastFailure: ProbeAttempt | undefined;
    for (let attempt = 1; attempt <= probe.attempts; attempt++) {
      if (overall.aborted) return stopped();
      const sent = ctx.now();
      const entry: ProbeAttempt = {
        attempt,
        at: new Date(sent).toISOString(),
        status: null,
        latencyMs: 0,
        ok: false,
      };
      try {
        const response = await sendOnce(probe, { ...ctx, signal: overall }, deps);
        entry.latencyMs = ctx.now() - sent;
        entry.status = response.status;
        const verdict = judgeResponse(probe, response, entry.latencyMs, ctx.redact);
        if (verdict) {
          entry.failure = verdict.failure;
          entry.message = verdict.message;
        } else entry.ok = true;
      } catch (error) {
        entry.latencyMs = ctx.now() - sent;
        // A cancel, a policy abort or the gate's own timeout stopped this request: it says
        // nothing about the service, so it is not recorded as an attempt.
        if (overall.aborted) return stopped();
        entry.failure = error instanceof RequestFailure ? error.failure : 'error';
        entry.message = (error as Error).message;
      }
      if (entry.message) entry.message = ctx.redact(entry.message);
      record.attempts.push(entry);
      note(
        `attempt ${attempt}/${probe.attempts}: ${entry.status ?? '-'} in ${Math.round(entry.latencyMs)} ms` +
          (entry.ok ? ' ok' : ` ${entry.failure}: ${entry.message}`),
      );
      if (entry.ok) {
        consecutive++;
        if (consecutive >= probe.successThreshold) {
          return finish('passed');
        }
      } else {
        consecutive = 0;
        lastFailure = entry;
      }
      if (attempt < probe.attempts && probe.intervalMs > 0) {
        try {
          await sleep(probe.intervalMs, undefined, { signal: overall });
        } catch {
          return stopped();
        }
      }
    }
    const why =
      consecutive > 0 || !lastFailure
        ? `only ${consecutive} consecutive success(es) at the end, ${probe.successThreshold} needed`
        : `${lastFailure.failure}: ${lastFailure.message}`;
    return finish(
      'failed',
      `${probe.method} ${record.url} failed after ${probe.attempts} attempt(s); last ${why}`,
    );
  };
}
