// Turns the health action's inputs (passed as RG_* environment variables, never as
// ${{ }} in a script) into a release-gates config with one http gate per URL.
// JSON is valid YAML, so the engine reads the file like any other config.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const env = process.env;
const list = (value) =>
  (value ?? '')
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
const number = (name, value) => {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    fail(`input ${name}: expected a number, got ${JSON.stringify(value)}`);
  return parsed;
};
function fail(message) {
  process.stdout.write(`::error title=release-gates health::${message}\n`);
  process.exit(2);
}

const urls = list(env.RG_URLS);
if (urls.length === 0) fail('input urls: expected at least one URL');

const expect = {};
const status = list(env.RG_EXPECT_STATUS).map((code) => number('expect-status', code));
if (status.length > 0) expect.status = status;
if (env.RG_BODY_CONTAINS) expect['body-contains'] = env.RG_BODY_CONTAINS;
if (env.RG_JSON && env.RG_JSON.trim() !== '') {
  // One `path=value` per line, e.g. `status=ok` and `version=${GITHUB_SHA}`.
  expect.json = {};
  for (const line of env.RG_JSON.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    if (at <= 0) fail(`input json: expected path=value lines, got ${JSON.stringify(line)}`);
    expect.json[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
}
const maxLatency = number('max-latency-ms', env.RG_MAX_LATENCY_MS);
if (maxLatency !== undefined) expect['max-latency-ms'] = maxLatency;

const probe = { expect };
const set = (key, value) => value !== undefined && (probe[key] = value);
set('attempts', number('attempts', env.RG_ATTEMPTS));
set('interval-seconds', number('interval-seconds', env.RG_INTERVAL_SECONDS));
set('timeout-seconds', number('timeout-seconds', env.RG_TIMEOUT_SECONDS));
set('success-threshold', number('success-threshold', env.RG_SUCCESS_THRESHOLD));
set('initial-delay-seconds', number('initial-delay-seconds', env.RG_INITIAL_DELAY_SECONDS));
if (env.RG_INSECURE_TLS === 'true') probe['insecure-tls'] = true;
if (env.RG_FOLLOW_REDIRECTS === 'true') probe['follow-redirects'] = true;

const gates = urls.map((url, index) => ({
  id: urls.length === 1 ? 'health' : `health-${index + 1}`,
  name: `health ${url}`,
  stage: 'health',
  priority: env.RG_PRIORITY || 'P0',
  http: { url, ...probe },
}));
const config = { version: 1, gates };
const redact = list(env.RG_REDACT);
if (redact.length > 0) config.redact = redact;

const dir = path.join(env.RUNNER_TEMP || '/tmp', 'release-gates-health');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `config-${process.pid}.yml`);
writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `config=${file}\n`);
process.stdout.write(`release-gates health: ${gates.length} probe(s) written to ${file}\n`);
