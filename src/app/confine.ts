import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, isInsideWorkspace, type ReleaseGatesConfig } from '../engine/index.js';

/*
 * Paths are checked lexically when the config is parsed; here they are checked again as the
 * file system resolves them, so that a committed symlink cannot send a gate, a hook or the
 * config reader outside the workspace. Nothing outside is ever read or echoed.
 */

/** The real path, or undefined when nothing is there yet (a later step reports that). */
async function real(target: string): Promise<string | undefined> {
  try {
    return await realpath(target);
  } catch {
    return undefined;
  }
}

async function isWithin(target: string, roots: readonly string[]): Promise<boolean | undefined> {
  const resolved = await real(target);
  if (resolved === undefined) return undefined;
  for (const root of roots) {
    const base = await real(root);
    if (base !== undefined && isInsideOrAt(base, resolved)) return true;
  }
  return false;
}

function isInsideOrAt(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || isInsideWorkspace(relative);
}

/** The working directory (the action's input) must lie inside the checkout. */
export async function confineWorkspace(workspace: string, repositoryRoot: string): Promise<void> {
  if ((await isWithin(workspace, [repositoryRoot])) === false) {
    throw new ConfigurationError(
      `input working-directory: ${path.relative(repositoryRoot, workspace) || '.'} resolves outside the workspace`,
    );
  }
}

/** The config file must lie inside one of `roots` (the workspace; the action's temp too). */
export async function confineConfigPath(
  workspace: string,
  configPath: string,
  roots: readonly string[],
): Promise<void> {
  if ((await isWithin(path.resolve(workspace, configPath), roots)) === false) {
    throw new ConfigurationError(
      `${configPath}: the config file resolves outside the workspace; it was not read`,
    );
  }
}

/** Every gate's and hook's working directory, as resolved, inside the workspace. */
export async function confineWorkingDirectories(
  config: ReleaseGatesConfig,
  workspace: string,
): Promise<void> {
  const owners = [
    ...config.gates.map((gate) => ({ where: `gate ${gate.id}`, dir: gate.workingDirectory })),
    ...config.rollback.map((hook, i) => ({ where: `rollback[${i}]`, dir: hook.workingDirectory })),
    ...config.cleanup.map((hook, i) => ({ where: `cleanup[${i}]`, dir: hook.workingDirectory })),
  ];
  const problems: string[] = [];
  for (const { where, dir } of owners) {
    if (dir === '.') continue;
    if ((await isWithin(path.resolve(workspace, dir), [workspace])) === false) {
      problems.push(
        `${config.file}: ${where}: working-directory ${dir} resolves outside the workspace (a symbolic link)`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
}
