import { createWriteStream, type WriteStream } from 'node:fs';
import type { StreamRedactor } from '../redact.js';
import { LineSplitter } from './line-splitter.js';
import { OutputTail, type Tail } from './tail.js';

/**
 * One gate's output: streamed to its log file as it arrives (never held whole) and
 * mirrored into a bounded tail for the reports.
 */
export class GateLog {
  private readonly stream: WriteStream;
  private readonly tail = new OutputTail();
  private failed: Error | undefined;
  private readonly lines: LineSplitter | undefined;

  constructor(
    readonly path: string,
    /** Masks secrets before anything reaches the file or the tail. */
    private readonly redactor?: StreamRedactor,
    /** Receives the (redacted) output line by line, e.g. the findings parser. */
    onLine?: (line: string) => void,
  ) {
    if (onLine) this.lines = new LineSplitter(onLine);
    this.stream = createWriteStream(path, { flags: 'w' });
    // A full disk or vanished directory must not crash the run: the tail still works.
    this.stream.on('error', (error) => {
      this.failed = error;
    });
  }

  /** Returns false when the caller should wait for `drain()` before writing more. */
  write(chunk: Buffer): boolean {
    return this.writeClean(this.redactor ? this.redactor.push(chunk) : chunk);
  }

  private writeClean(chunk: Buffer): boolean {
    if (chunk.length === 0) return true;
    this.tail.push(chunk);
    this.lines?.push(chunk);
    if (this.failed) return true;
    return this.stream.write(chunk);
  }

  note(line: string): void {
    this.write(Buffer.from(`${line}\n`));
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
    if (this.redactor) this.writeClean(this.redactor.flush());
    this.lines?.end();
    if (this.failed || this.stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.stream.once('error', () => resolve());
      this.stream.end(() => resolve());
    });
  }
}
