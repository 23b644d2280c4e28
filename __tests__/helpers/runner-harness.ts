import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Report } from '../../src/reporters/report-json.js';
import { DIST_ACTION, makeTempDir, REPO_ROOT, waitForBundle } from './fixtures.js';

/*
 * Runs dist/index.js the way the GitHub runner runs a node action: a real child process with
 * the runner's files and variables, inputs as INPUT_<NAME>, and nothing else of this process's
 * environment.
 */

export interface ActionRunOptions {
  /** The repository checkout (GITHUB_WORKSPACE), normally a copyFixture() result. */
  workspace: string;
  /** Inputs by their action.yml names; unset ones get action.yml defaults, as on the runner. */
  inputs?: Record<string, string>;
  /** The node binary; default the one running the tests. */
  node?: string;
  eventName?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: Record<string, unknown>;
  ref?: string;
  sha?: string;
  repository?: string;
  /** Extra variables (e.g. GITHUB_HEAD_REF); they win over the harness's. */
  env?: Record<string, string>;
  /** SIGKILL the action after this long (a hung action must not hang the tests). */
  timeoutMs?: number;
}

export interface RunnerFiles {
  dir: string;
  runnerTemp: string;
  summary: string;
  output: string;
  env: string;
  state: string;
  event: string;
  home: string;
}

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the harness had to SIGKILL the action after timeoutMs. */
  killedByHarness: boolean;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The parsed report.json, or undefined when there is none. */
  report: Report | undefined;
  /** Where the report was looked for. */
  reportPath: string;
  files: RunnerFiles;
  startedAt: number;
  exitedAt: number;
}

export interface StartedAction {
  child: ChildProcess;
  pid: number;
  files: RunnerFiles;
  /** Sends a signal to the action process itself (as the runner does on cancel). */
  kill(signal: NodeJS.Signals): boolean;
  /** True once the process has exited. */
  exited(): boolean;
  /** Current stdout so far. */
  stdoutSoFar(): string;
  done: Promise<ActionRun>;
}

let cachedDefaults: Record<string, string> | undefined;

/** Input defaults from action.yml, as the runner sets them (github.token becomes a token). */
export function actionInputDefaults(): Record<string, string> {
  if (!cachedDefaults) {
    const manifest = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    cachedDefaults = {};
    for (const [name, spec] of Object.entries(manifest.inputs)) {
      let value = spec.default === undefined ? '' : String(spec.default);
      if (value.includes('${{')) value = value.replace(/\$\{\{[^}]*\}\}/g, 'test-token-not-real');
      cachedDefaults[name] = value;
    }
  }
  return cachedDefaults;
}

/** INPUT_<NAME>: upper case, spaces to underscores, hyphens kept (as the runner does). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

async function prepareRunnerFiles(options: ActionRunOptions): Promise<RunnerFiles> {
  const dir = await makeTempDir('rg-runner-');
  const runnerTemp = path.join(dir, 'runner-temp');
  const fileCommands = path.join(dir, 'file-commands');
  const home = path.join(dir, 'home');
  await Promise.all([runnerTemp, fileCommands, home].map((d) => mkdir(d, { recursive: true })));
  const files: RunnerFiles = {
    dir,
    runnerTemp,
    summary: path.join(fileCommands, 'step_summary_1'),
    output: path.join(fileCommands, 'set_output_1'),
    env: path.join(fileCommands, 'set_env_1'),
    state: path.join(fileCommands, 'save_state_1'),
    event: path.join(dir, 'event.json'),
    home,
  };
  await Promise.all(
    [files.summary, files.output, files.env, files.state].map((f) => writeFile(f, '')),
  );
  const event = options.event ?? {
    ref: options.ref ?? 'refs/heads/main',
    after: options.sha ?? 'a'.repeat(40),
    repository: { full_name: options.repository ?? 'coffeestudio/platform' },
  };
  await writeFile(files.event, JSON.stringify(event));
  return files;
}

function runnerEnvironment(options: ActionRunOptions, files: RunnerFiles): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: files.home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: files.runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: options.sha ?? 'a'.repeat(40),
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_REPOSITORY: options.repository ?? 'coffeestudio/platform',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
  };
  const inputs = { ...actionInputDefaults(), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  return { ...env, ...options.env };
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name<<DELIMITER` blocks (what @actions/core
 * writes) and plain `name=value` lines.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc && !line.slice(0, line.indexOf('<<')).includes('=')) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== delimiter) value.push(lines[j++]!);
      if (j >= lines.length) throw new Error(`unterminated ${name}<<${delimiter} in file command`);
      out[name!] = value.join('\n');
      i = j;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`malformed file command line: ${JSON.stringify(line)}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Starts the action and returns at once; `done` resolves when it has exited. */
export async function startAction(options: ActionRunOptions): Promise<StartedAction> {
  await waitForBundle(DIST_ACTION);
  const files = await prepareRunnerFiles(options);
  const env = runnerEnvironment(options, files);
  const startedAt = Date.now();
  const child = spawn(options.node ?? process.execPath, [DIST_ACTION], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.node ?? 'node'}`);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  let hasExited = false;
  let killedByHarness = false;
  const timer = setTimeout(() => {
    killedByHarness = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 45_000);

  const done = new Promise<ActionRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      hasExited = true;
      const exitedAt = Date.now();
      clearTimeout(timer);
      // Output is complete on 'close'; do not wait forever if something else holds the pipes.
      const finish = () => {
        collect(files, { code, signal, killedByHarness, stdout, stderr, startedAt, exitedAt }).then(
          resolve,
          reject,
        );
      };
      const guard = setTimeout(() => {
        child.stdout!.destroy();
        child.stderr!.destroy();
        finish();
      }, 3000);
      child.once('close', () => {
        clearTimeout(guard);
        finish();
      });
    });
  });

  return {
    child,
    pid: child.pid,
    files,
    kill: (signal) => child.kill(signal),
    exited: () => hasExited,
    stdoutSoFar: () => stdout,
    done,
  };
}

async function collect(
  files: RunnerFiles,
  run: Pick<
    ActionRun,
    'code' | 'signal' | 'killedByHarness' | 'stdout' | 'stderr' | 'startedAt' | 'exitedAt'
  >,
): Promise<ActionRun> {
  const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
  const summary = await readFile(files.summary, 'utf8');
  const reportPath = outputs['report-path']
    ? outputs['report-path']
    : path.join(files.runnerTemp, 'release-gates', 'report.json');
  const report = existsSync(reportPath)
    ? JSON.parse(await readFile(reportPath, 'utf8'))
    : undefined;
  return { ...run, outputs, summary, report, reportPath, files };
}

/** Runs the action to its end. */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  return (await startAction(options)).done;
}
