import type { LookupFunction } from 'node:net';
import path from 'node:path';
import { parseConfig } from '../../src/engine/config/parse.js';
import { runPipeline } from '../../src/engine/pipeline.js';
import { buildPlan } from '../../src/engine/plan.js';
import { redactValues } from '../../src/engine/redact.js';
import { catalogueWith } from './checks.js';
import type { EngineEvent, GateResult, RunResult } from '../../src/engine/types.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { failingLookup } from './http-servers.js';

/*
 * Runs a config through the real engine (parse → plan → runPipeline) with name resolution
 * that never leaves the machine.
 */

export interface EngineRunOptions {
  workspace: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
  lookup?: LookupFunction;
  onEvent?: (event: EngineEvent) => void;
}

export interface EngineRun {
  result: RunResult;
  gate: (id: string) => GateResult;
  wallMs: number;
  events: EngineEvent[];
  logDir: string;
}

export async function runEngine(yaml: string, options: EngineRunOptions): Promise<EngineRun> {
  const checks = catalogueWith();
  const config = parseConfig(yaml, 'test.yml', { checks });
  const plan = buildPlan(config, { mode: 'enforce', event: 'push', defaultConcurrency: 2 });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: options.workspace,
    ...options.env,
  };
  const logDir = path.join(options.workspace, '.logs');
  const events: EngineEvent[] = [];
  const started = Date.now();
  const result = await runPipeline(plan, {
    workspace: options.workspace,
    env,
    spawn: spawnInProcessGroup,
    now: Date.now,
    logDir,
    lookup: options.lookup ?? failingLookup().lookup,
    checks,
    secrets: redactValues(config.redact, env),
    killGraceMs: 500,
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  const wallMs = Date.now() - started;
  const gate = (id: string) => {
    const found = result.gates.find((g) => g.id === id);
    if (!found) throw new Error(`no gate ${id} in result`);
    return found;
  };
  return { result, gate, wallMs, events, logDir };
}

/** One `health` gate with an http probe; `http` is the YAML body of the http mapping. */
export function probeConfig(http: string, options: { id?: string; priority?: string } = {}) {
  const indented = http
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `version: 1
gates:
  - id: ${options.id ?? 'probe'}
    stage: health
    priority: ${options.priority ?? 'P1'}
    http:
${indented}
`;
}
