import { execFileSync } from 'node:child_process';
import { BUILTIN_CATALOGUE } from '../../src/engine/checks/builtin.js';
import type { CheckResult } from '../../src/engine/checks/types.js';
import { ConfigurationError } from '../../src/engine/config/errors.js';
import { parseConfig } from '../../src/engine/config/parse.js';
import type { ToolFinding } from '../../src/engine/findings/types.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';

/*
 * Shared by the check-*.test.ts files: run a built-in check in-process against a copy of a
 * fixture repository, turn a copy into a git repository, and collect config errors.
 */

export const CONFIG_FILE = '.github/release-gates.yml';

export interface CheckRun extends CheckResult {
  log: string[];
}

/** Runs the registered check `id` with `options` (defaults applied by its schema). */
export async function runCheck(
  id: string,
  workspace: string,
  options: Record<string, unknown> = {},
  cwd = workspace,
): Promise<CheckRun> {
  const check = BUILTIN_CATALOGUE.find(id);
  if (!check) throw new Error(`no check ${id}`);
  const parsed = check.options.parse(options);
  const log: string[] = [];
  const result = await check.run(parsed, {
    workspace,
    cwd,
    // git (for the index and the tags) is found on PATH; nothing else of the test's env leaks in.
    env: { PATH: process.env.PATH ?? '' },
    spawn: spawnInProcessGroup,
    signal: new AbortController().signal,
    now: Date.now,
    log: (line) => log.push(line),
  });
  return { ...result, log };
}

/** `file:line ruleId` for each finding, in the check's order. */
export const places = (findings: readonly ToolFinding[]) =>
  findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);

/** `git init` + commit everything; returns a `git` function bound to the directory. */
export function gitInit(dir: string): (...args: string[]) => string {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=release-gates tests',
        '-c',
        'user.email=tests@example.invalid',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'tag.gpgsign=false',
        ...args,
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'fixture');
  return git;
}

/** A config with one `uses:` gate; `withYaml` is the flow mapping after `with:`. */
export function usesConfig(uses: string, withYaml?: string): string {
  return [
    'version: 1',
    'gates:',
    '  - id: check',
    '    stage: lint',
    '    priority: P1',
    `    uses: ${uses}`,
    ...(withYaml === undefined ? [] : [`    with: ${withYaml}`]),
    '',
  ].join('\n');
}

/** The config problems of a text, or [] when it is valid. */
export function configProblems(text: string): readonly string[] {
  try {
    parseConfig(text, CONFIG_FILE, { checks: BUILTIN_CATALOGUE });
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}
