import { ConfigurationError } from '../engine/config/errors.js';

/**
 * The inputs of the `checks/health` composite action, as its config step receives them: one
 * RG_* environment variable per input (RG_URLS for `urls`, RG_EXPECT_STATUS for
 * `expect-status`, ...), never `${{ }}` in a script. Unset and empty mean the same.
 */
export type HealthInputs = Readonly<Record<string, string | undefined>>;

/** The `expect:` of an http gate, with the keys the inputs set. */
export interface HealthExpect {
  status?: number[];
  'body-contains'?: string;
  json?: Record<string, string>;
  'max-latency-ms'?: number;
}

/** An http gate's `http:` block (see README, section 'Post-deploy health'). */
export interface HealthProbe {
  url: string;
  expect: HealthExpect;
  attempts?: number;
  'interval-seconds'?: number;
  'timeout-seconds'?: number;
  'success-threshold'?: number;
  'initial-delay-seconds'?: number;
  'insecure-tls'?: true;
  'follow-redirects'?: true;
}

export interface HealthGate {
  id: string;
  name: string;
  stage: 'health';
  /** As given (default P0): the engine checks it when it loads the config. */
  priority: string;
  http: HealthProbe;
}

/** A release-gates config (see README, section 'Config reference') with one gate per URL. */
export interface HealthConfig {
  version: 1;
  gates: HealthGate[];
  redact?: string[];
}

/** Comma or newline separated, trimmed, empty items dropped. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The action's inputs turned into a release-gates config: one `http` gate per URL (id `health`
 * for one URL, `health-1`, `health-2`, ... for more; stage `health`), each with the same probe.
 * Keys whose input is empty are left out, so the engine's defaults apply (any 2xx, 12 attempts
 * 5 s apart, ...). Every mistake in the inputs is reported, in input order, as one problem of a
 * ConfigurationError; priorities and value ranges are left to the engine, which checks the
 * config when it loads it.
 */
export function healthConfig(env: HealthInputs): HealthConfig {
  const problems: string[] = [];
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) {
      problems.push(`input ${name}: expected a number, got ${JSON.stringify(value)}`);
      return undefined;
    }
    return parsed;
  };

  const urls = list(env.RG_URLS);
  if (urls.length === 0) problems.push('input urls: expected at least one URL');

  const expect: HealthExpect = {};
  const status = list(env.RG_EXPECT_STATUS).map((code) => number('expect-status', code));
  if (status.length > 0) expect.status = status.filter((code) => code !== undefined);
  if (env.RG_BODY_CONTAINS) expect['body-contains'] = env.RG_BODY_CONTAINS;
  if (env.RG_JSON && env.RG_JSON.trim() !== '') {
    // One `path=value` per line, e.g. `status=ok` and `version=${GITHUB_SHA}`.
    const json: Record<string, string> = {};
    for (const line of env.RG_JSON.split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const at = line.indexOf('=');
      if (at <= 0) {
        problems.push(`input json: expected path=value lines, got ${JSON.stringify(line)}`);
        continue;
      }
      json[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    expect.json = json;
  }
  const maxLatency = number('max-latency-ms', env.RG_MAX_LATENCY_MS);
  if (maxLatency !== undefined) expect['max-latency-ms'] = maxLatency;

  const probe: Omit<HealthProbe, 'url'> = { expect };
  const numeric = [
    ['attempts', env.RG_ATTEMPTS],
    ['interval-seconds', env.RG_INTERVAL_SECONDS],
    ['timeout-seconds', env.RG_TIMEOUT_SECONDS],
    ['success-threshold', env.RG_SUCCESS_THRESHOLD],
    ['initial-delay-seconds', env.RG_INITIAL_DELAY_SECONDS],
  ] as const;
  for (const [key, value] of numeric) {
    const parsed = number(key, value);
    if (parsed !== undefined) probe[key] = parsed;
  }
  if (env.RG_INSECURE_TLS === 'true') probe['insecure-tls'] = true;
  if (env.RG_FOLLOW_REDIRECTS === 'true') probe['follow-redirects'] = true;

  if (problems.length > 0) throw new ConfigurationError(problems);

  const gates = urls.map((url, index): HealthGate => ({
    id: urls.length === 1 ? 'health' : `health-${index + 1}`,
    name: `health ${url}`,
    stage: 'health',
    priority: env.RG_PRIORITY || 'P0',
    // A copy each, so that a caller changing one gate's probe does not change the others'.
    http: structuredClone({ url, ...probe }),
  }));
  const config: HealthConfig = { version: 1, gates };
  const redact = list(env.RG_REDACT);
  if (redact.length > 0) config.redact = redact;
  return config;
}
