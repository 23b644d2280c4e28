import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../../engine/config/errors.js';
import { BUILTIN_CATALOGUE } from '../../engine/checks/builtin.js';
import { parseConfig } from '../../engine/config/parse.js';
import { inspectRepository } from './detect.js';
import { planInit, renderConfig, renderWorkflow } from './render.js';

export const WORKFLOW_PATH = '.github/workflows/release-gates.yml';

export interface InitOptions {
  /** The repository to inspect and write into. */
  workspace: string;
  /** Where the config goes, relative to the workspace. */
  configPath: string;
  force: boolean;
  write: (text: string) => void;
}

/**
 * `release-gates init`: inspects the repository, writes a commented config and the
 * required-check workflow, and says what it found, what it wrote and why. Existing files are
 * kept unless `force`. Returns the exit code.
 */
export async function runInit(options: InitOptions): Promise<number> {
  const { workspace, write } = options;
  if (!(await isDirectory(workspace))) {
    throw new ConfigurationError(`--working-directory: ${workspace} is not a directory`);
  }
  const facts = await inspectRepository(workspace);
  const plan = planInit(facts);
  const config = renderConfig(plan);
  // The generated config must load like any other; anything else is a bug in init.
  try {
    parseConfig(config, options.configPath, { checks: BUILTIN_CATALOGUE });
  } catch (error) {
    const problems = error instanceof ConfigurationError ? error.problems.join('\n') : error;
    throw new Error(`init generated an invalid config:\n${problems}`, { cause: error });
  }
  const workflow = renderWorkflow(plan, options.configPath);

  write(`release-gates init: inspected ${workspace}\n`);
  for (const line of plan.found) write(`  found ${line}\n`);
  write('\n');

  let wrote = 0;
  const files: [string, string, string[]][] = [
    [
      options.configPath,
      config,
      [
        ...plan.presetReasons.map((reason) => `extends ${reason}`),
        ...plan.disable.map(({ id, why }) => `disable ${id}: ${why}`),
        ...plan.gates.map(
          ({ gate, why }) => `gate ${gate.id} (${gate.stage}, ${gate.priority}): ${why}`,
        ),
        ...plan.skipped.map(({ id, why }) => `not written ${id}: ${why}`),
      ],
    ],
    [
      WORKFLOW_PATH,
      workflow,
      [
        'the required check on pull requests and pushes to main, and manual audits',
        'permissions: contents: read; actions/checkout pinned by commit SHA; uses: coffeestudio/release-gates@v1',
        ...plan.workflow.installSteps.map(
          (step) => `step "${step.name}": ${step.run.split('\n').at(-1)}`,
        ),
      ],
    ],
  ];
  for (const [relative, text, reasons] of files) {
    const absolute = path.resolve(workspace, relative);
    const exists = await pathExists(absolute);
    if (exists && !options.force) {
      write(`kept ${relative}: it already exists (release-gates init --force overwrites it)\n`);
      continue;
    }
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, text);
    wrote++;
    write(`${exists ? 'overwrote' : 'wrote'} ${relative}\n`);
    for (const reason of reasons) write(`  ${reason}\n`);
  }

  write('\nNext:\n');
  write('  release-gates plan              every gate, its priority and where it comes from\n');
  write('  release-gates run --mode audit  run them all and report, without failing\n');
  if (wrote > 0) {
    write('  commit the files, then make "release-gates" a required status check on main\n');
  }
  return 0;
}

async function pathExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
