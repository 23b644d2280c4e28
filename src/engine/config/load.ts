import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from './errors.js';
import { MAX_CONFIG_CHARS, parseConfig, type ParseOptions } from './parse.js';
import type { ReleaseGatesConfig } from './types.js';

export const DEFAULT_CONFIG_PATH = '.github/release-gates.yml';

/**
 * Reads the config at `configPath` (relative to `workspace` unless absolute). Messages
 * name the file as the user gave it.
 */
export async function loadConfigFile(
  workspace: string,
  configPath: string = DEFAULT_CONFIG_PATH,
  options: ParseOptions = {},
): Promise<ReleaseGatesConfig> {
  const absolute = path.resolve(workspace, configPath);
  let text: string;
  try {
    // Never read a huge file whole: it is refused by its size, before parsing could stall.
    const { size } = await stat(absolute);
    if (size > MAX_CONFIG_CHARS * 4) {
      throw new ConfigurationError(
        `${configPath}: the file has ${size} bytes; a config may have at most ${MAX_CONFIG_CHARS} characters (1 MiB)`,
      );
    }
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ConfigurationError(
        `${configPath}: config file not found (looked in ${absolute}). Create one with ` +
          '`release-gates init` (it inspects the repository and writes a commented config ' +
          'that extends the presets that fit), or write "version: 1" and a list of gates ' +
          'yourself, or point the config input / --config at an existing file.',
      );
    }
    if (code === 'EISDIR')
      throw new ConfigurationError(`${configPath}: is a directory, not a file`);
    throw new ConfigurationError(`${configPath}: cannot read the config file (${code ?? 'error'})`);
  }
  return parseConfig(text, configPath, options);
}
