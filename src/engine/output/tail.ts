export const TAIL_MAX_BYTES = 16 * 1024;
export const TAIL_MAX_LINES = 100;

export interface Tail {
  text: string;
  /** True when earlier output was left out. */
  truncated: boolean;
}

/**
 * Keeps the last bytes of a stream without holding the whole of it: at most `maxBytes`
 * plus one chunk are retained. `read()` cuts that to the last `maxLines` lines.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(
    private readonly maxBytes = TAIL_MAX_BYTES,
    private readonly maxLines = TAIL_MAX_LINES,
  ) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(Buffer.from(chunk));
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.maxBytes) {
      this.size -= this.chunks.shift()!.length;
      this.dropped = true;
    }
  }

  read(): Tail {
    let bytes = Buffer.concat(this.chunks, this.size);
    let truncated = this.dropped;
    if (bytes.length > this.maxBytes) {
      bytes = bytes.subarray(bytes.length - this.maxBytes);
      truncated = true;
    }
    // A cut can land inside a multi-byte character: drop the broken continuation bytes.
    let start = 0;
    if (truncated) while (start < 3 && (bytes[start]! & 0xc0) === 0x80) start++;
    let text = bytes.subarray(start).toString('utf8');
    // Each invalid byte decodes to a 3-byte U+FFFD: keep the bound in the decoded text too.
    if (Buffer.byteLength(text, 'utf8') > this.maxBytes) {
      const encoded = Buffer.from(text, 'utf8');
      let from = encoded.length - this.maxBytes;
      while (from < encoded.length && (encoded[from]! & 0xc0) === 0x80) from++;
      text = encoded.subarray(from).toString('utf8');
      truncated = true;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length > this.maxLines) truncated = true;
    return { text: lines.slice(-this.maxLines).join('\n'), truncated };
  }

  reset(): void {
    this.chunks = [];
    this.size = 0;
    this.dropped = false;
  }
}
