import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/*
 * Runs checks/health/action.yml the way the runner runs a composite action: read the YAML,
 * substitute inputs (and earlier steps' outputs) into each step's env, run each `run:` with
 * bash, and collect the action's outputs from the last step's GITHUB_OUTPUT.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const actionDir = path.join(root, 'checks/health');

interface Step {
  id: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}
interface CompositeAction {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

function readOutputs(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(lines[i]!);
    if (plain) outputs[plain[1]!] = plain[2]!;
  }
  return outputs;
}

/** Async on purpose: the test's HTTP server lives in this process and must keep answering. */
function runBash(script: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string }>((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

async function runComposite(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const action = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as CompositeAction;
  expect(action.runs.using).toBe('composite');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'rg-health-'));
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'rg-health-ws-'));
  const summary = path.join(temp, 'summary.md');
  writeFileSync(summary, '');
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    values[name] = inputs[name] ?? spec.default ?? '';
  }
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return values[input[1]!] ?? '';
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (output) return stepOutputs[output[1]!]?.[output[2]!] ?? '';
      if (expr === 'runner.temp') return temp;
      throw new Error(`unsupported expression ${expr}`);
    });
  let stdout = '';
  let status: number | null = 0;
  for (const step of action.runs.steps) {
    // Untrusted input must reach scripts through env only.
    expect(step.run).not.toMatch(/\$\{\{/);
    const outputFile = path.join(temp, `output-${step.id}`);
    writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      HOME: os.homedir(),
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
      GITHUB_EVENT_NAME: 'deployment_status',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'abc123',
      GITHUB_REPOSITORY: 'coffeestudio/platform',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: outputFile,
      ...extraEnv,
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(String(value));
    const result = await runBash(step.run, env);
    stdout += result.stdout;
    stepOutputs[step.id] = readOutputs(outputFile);
    status = result.status;
    if (status !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.outputs)) outputs[name] = expand(spec.value);
  return { status, stdout, outputs, summary: readFileSync(summary, 'utf8') };
}

describe('checks/health composite action', () => {
  let server: http.Server;
  let base = '';
  const seenAuth: string[] = [];

  beforeAll(async () => {
    const calls = new Map<string, number>();
    server = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization ?? '');
      if (req.url!.startsWith('/health')) {
        calls.set(req.url!, (calls.get(req.url!) ?? 0) + 1);
        if (calls.get(req.url!)! < 2) {
          res.statusCode = 503;
          res.end('starting');
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'ok', version: 'abc123' }));
      } else if (req.url === '/') {
        res.end('<html><body>CoffeeStudio</body></html>');
      } else {
        res.statusCode = 500;
        res.end('{"status":"degraded"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('probes every URL and reports passed through the main engine', async () => {
    const run = await runComposite({
      urls: `${base}/health\n${base}/health?replica=2`,
      json: 'status=ok\nversion=${GITHUB_SHA}',
      attempts: '3',
      'interval-seconds': '0.05',
      'timeout-seconds': '2',
    });
    expect(run.status).toBe(0);
    expect(run.outputs.result).toBe('passed');
    expect(run.outputs['failed-gates']).toBe('[]');
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8'));
    expect(report.gates.map((g: { id: string }) => g.id)).toEqual(['health-1', 'health-2']);
    for (const gate of report.gates) {
      expect(gate.status).toBe('passed');
      expect(gate.probe.attempts.map((a: { status: number }) => a.status)).toEqual([503, 200]);
    }
    expect(run.summary).toMatch(/^## ✅ Release gates passed/);
  });

  it('fails the step with a P0 finding that says which probe failed and why', async () => {
    const run = await runComposite(
      {
        urls: `${base}/degraded`,
        'body-contains': 'ok',
        attempts: '2',
        'interval-seconds': '0.05',
        redact: 'HEALTH_TOKEN',
      },
      { HEALTH_TOKEN: 'tok-very-secret-1234' },
    );
    expect(run.status).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(JSON.parse(run.outputs['failed-gates']!)).toEqual(['health']);
    expect(run.outputs['highest-failed-priority']).toBe('P0');
    expect(run.stdout).toMatch(/::error title=P0 health http%3A\/\/127\.0\.0\.1%3A\d+\/degraded::/);
    expect(run.summary).toContain('expected status any 2xx, got 500');
    expect(run.summary).toMatch(/\| 2 \| 500 \|/);
  });

  it('rejects a missing url input with a clear error and no run', async () => {
    const run = await runComposite({ urls: '' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('input urls: expected at least one URL');
  });

  it('reports every input mistake as an error annotation, and probes nothing', async () => {
    const requests = seenAuth.length;
    const run = await runComposite({ urls: `${base}/health`, json: 'status', attempts: 'many' });
    expect(run.status).toBe(2);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      '::error title=release-gates health::input json: expected path=value lines, got "status"',
      '::error title=release-gates health::input attempts: expected a number, got "many"',
    ]);
    expect(run.outputs.result).toBe('');
    expect(seenAuth.length).toBe(requests);
  });

  it('passes header-free config through env only, so a URL cannot inject shell', async () => {
    const marker = path.join(os.tmpdir(), `rg-injected-${process.pid}`);
    const run = await runComposite({
      urls: `${base}/$(touch ${marker})`,
      attempts: '1',
      'interval-seconds': '0',
      priority: 'P2',
    });
    expect(run.status).toBe(0);
    expect(run.outputs.result).toBe('passed-with-warnings');
    expect(() => readFileSync(marker)).toThrow();
  });
});
