import { StringDecoder } from 'node:string_decoder';

/** Past this much output, lines are no longer handed on: findings come from the start. */
export const MAX_SPLIT_BYTES = 8 * 1024 * 1024;
/** A longer line is cut here; parsers never look further into a line. */
const MAX_LINE_CHARS = 16 * 1024;

/**
 * Turns a byte stream into text lines for the findings parser, with bounded memory: a
 * line is cut at MAX_LINE_CHARS, and after MAX_SPLIT_BYTES nothing more is split.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private skippingRest = false;
  private seen = 0;

  constructor(private readonly onLine: (line: string) => void) {}

  /** False once the byte budget is spent. */
  get active(): boolean {
    return this.seen < MAX_SPLIT_BYTES;
  }

  push(chunk: Buffer): void {
    if (!this.active) return;
    this.seen += chunk.length;
    const text = this.decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.take(text.slice(start, end));
      this.emit();
      start = end + 1;
    }
    this.take(text.slice(start));
  }

  end(): void {
    this.take(this.decoder.end());
    if (this.carry !== '' || this.skippingRest) this.emit();
  }

  private take(piece: string): void {
    if (this.skippingRest || piece === '') return;
    const room = MAX_LINE_CHARS - this.carry.length;
    if (piece.length >= room) {
      this.carry += piece.slice(0, room);
      this.skippingRest = true;
    } else this.carry += piece;
  }

  private emit(): void {
    const line = this.carry;
    this.carry = '';
    this.skippingRest = false;
    this.onLine(line);
  }
}
