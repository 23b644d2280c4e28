import { createWriteStream, type WriteStream } from 'node:fs';
import type { StreamRedactor } from '../redact.js';
import { LineSplitter } from './line-splitter.js';
import { OutputTail, type Tail } from './tail.js';

/**
 * One gate's output: streamed to its log file as it arrives (never held whole) and
 * mirrored into a bounded tail for the reports.
 */
export type OutputSource = 'stdout' | 'stderr' | 'note';

interface Channel {
  redactor: StreamRedactor | undefined;
  lines: LineSplitter | undefined;
}

export class GateLog {
  private readonly stream: WriteStream;
  private readonly tail = new OutputTail();
  private failed: Error | undefined;
  private closed = false;
  // One per source: a secret or a line split across writes of stdout stays whole even
  // when stderr writes in between.
  private readonly channels = new Map<OutputSource, Channel>();

  constructor(
    readonly path: string,
    /** Makes the maskers that clean output before anything reaches the file or the tail. */
    private readonly newRedactor?: () => StreamRedactor,
    /** Receives the (redacted) output line by line, e.g. the findings parser. */
    private readonly onLine?: (line: string) => void,
  ) {
    this.stream = createWriteStream(path, { flags: 'w' });
    // A full disk or vanished directory must not crash the run: the tail still works.
    this.stream.on('error', (error) => {
      this.failed = error;
    });
  }

  private channel(source: OutputSource): Channel {
    let channel = this.channels.get(source);
    if (!channel) {
      channel = {
        redactor: this.newRedactor?.(),
        lines: this.onLine ? new LineSplitter(this.onLine) : undefined,
      };
      this.channels.set(source, channel);
    }
    return channel;
  }

  /** Returns false when the caller should wait for `drain()` before writing more. */
  write(chunk: Buffer, source: OutputSource = 'stdout'): boolean {
    // A runner left behind after its deadline may still write: the log is already final.
    if (this.closed) return true;
    const channel = this.channel(source);
    const clean = channel.redactor ? channel.redactor.push(chunk) : chunk;
    channel.lines?.push(clean);
    return this.writeClean(clean);
  }

  private writeClean(chunk: Buffer): boolean {
    if (chunk.length === 0) return true;
    this.tail.push(chunk);
    if (this.failed) return true;
    return this.stream.write(chunk);
  }

  note(line: string): void {
    this.write(Buffer.from(`${line}\n`), 'note');
  }

  drain(): Promise<void> {
    if (this.failed || !this.stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  startAttempt(): void {
    this.tail.reset();
  }

  readTail(): Tail {
    return this.tail.read();
  }

  get writeError(): Error | undefined {
    return this.failed;
  }

  close(): Promise<void> {
    this.closed = true;
    for (const channel of this.channels.values()) {
      if (channel.redactor) {
        const rest = channel.redactor.flush();
        channel.lines?.push(rest);
        this.writeClean(rest);
      }
      channel.lines?.end();
    }
    if (this.failed || this.stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.stream.once('error', () => resolve());
      this.stream.end(() => resolve());
    });
  }
}
