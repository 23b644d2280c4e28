import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { GateResult } from '../engine/index.js';
import { statusLabel } from '../reporters/format.js';

/** More than this is not useful in a browser log; the file keeps everything. */
export const PRINT_HEAD_BYTES = 4 * 1024 * 1024;
export const PRINT_TAIL_BYTES = 1024 * 1024;

/**
 * Prints each finished gate's log in its own group, one gate at a time so parallel
 * gates never interleave. The output sits between ::stop-commands:: and a random token,
 * so nothing a gate prints can act as a workflow command.
 */
export class GateLogPrinter {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly out: Writable) {}

  enqueue(gate: GateResult): void {
    if (!gate.logPath) return;
    const title = `${gate.name} · ${gate.priority} · ${statusLabel(gate)}`;
    this.enqueueLog(title, gate.logPath);
  }

  enqueueLog(title: string, logPath: string): void {
    this.queue = this.queue.then(() => this.print(title, logPath)).catch(() => {});
  }

  /**
   * Text made from config data (the plan: commands, URLs), inside ::stop-commands:: like gate
   * output: a command or URL can never act as a workflow command.
   */
  enqueueText(text: string): void {
    this.queue = this.queue
      .then(() =>
        this.fenced(undefined, () => this.write(text.endsWith('\n') ? text : `${text}\n`)),
      )
      .catch(() => {});
  }

  /** A plain line, kept in order with the groups. */
  line(text: string): void {
    this.queue = this.queue.then(() => this.write(`${text}\n`)).catch(() => {});
  }

  drained(): Promise<void> {
    return this.queue;
  }

  private write(text: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.out.write(text)) resolve();
      else this.out.once('drain', resolve);
    });
  }

  private async print(title: string, logPath: string): Promise<void> {
    await this.fenced(title, async () => {
      try {
        const size = (await stat(logPath)).size;
        if (size <= PRINT_HEAD_BYTES + PRINT_TAIL_BYTES) {
          await this.copy(logPath, 0, size);
        } else {
          await this.copy(logPath, 0, PRINT_HEAD_BYTES);
          await this.write(
            `\n[release-gates: ${size - PRINT_HEAD_BYTES - PRINT_TAIL_BYTES} bytes left out here; the full log is ${logPath}]\n`,
          );
          await this.copy(logPath, size - PRINT_TAIL_BYTES, size);
        }
      } catch (error) {
        await this.write(`[release-gates: cannot read ${logPath}: ${(error as Error).message}]`);
      }
    });
  }

  /** Output that cannot issue workflow commands, in a group when it has a title. */
  private async fenced(rawTitle: string | undefined, body: () => Promise<void>): Promise<void> {
    const token = randomBytes(16).toString('hex');
    const title = rawTitle?.replace(/[\r\n]/g, ' ');
    await this.write(
      `${title !== undefined ? `::group::${title}\n` : ''}::stop-commands::${token}\n`,
    );
    await body();
    // Always on a fresh line: a token after partial output would not be recognised.
    await this.write(`\n::${token}::\n${title !== undefined ? '::endgroup::\n' : ''}`);
  }

  private async copy(file: string, start: number, end: number): Promise<void> {
    if (end <= start) return;
    const stream = createReadStream(file, { start, end: end - 1 });
    for await (const chunk of stream) await this.write(chunk as unknown as string);
  }
}
