import { stat } from 'node:fs/promises';

/** Whether `dir` is an existing directory: gates, checks and hooks need theirs before they start. */
export async function directoryExists(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
