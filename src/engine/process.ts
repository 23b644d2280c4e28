import type { Readable } from 'node:stream';

/** What the engine asks of the operating system; the adapters pass a real one in. */
export interface SpawnRequest {
  /** argv: program first. */
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /**
   * A marker the process tree inherits (RELEASE_GATES_TRACKING_ID); the spawner makes a unique one
   * when none is given.
   */
  trackingId?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (missing shell, bad cwd). */
  error?: Error;
}

export interface SpawnedProcess {
  pid: number | undefined;
  stdout: Readable;
  stderr: Readable;
  /** Resolves once the process exited and its output was drained. */
  exited: Promise<ProcessExit>;
  /** The tree's marker, when the spawner sets one. */
  trackingId?: string;
  /**
   * Signals the whole process group, grandchildren included, and (where the system allows it)
   * every process that carries the tree's marker, so one that left the group (`setsid`, a double
   * fork) is not missed.
   */
  killGroup(signal: NodeJS.Signals): void;
}

export type Spawner = (request: SpawnRequest) => SpawnedProcess;
