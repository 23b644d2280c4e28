export const REDACTED = '***';

/*
 * Secrets never reach a report or a log: the values of the config's `redact` names (in
 * the forms they take in URLs, JSON and base64) and strings shaped like well-known
 * tokens and private keys. Matching works on latin1 strings, one character per byte, so
 * output that holds no secret is passed through byte for byte, binary included.
 */

/** Token shapes, in latin1 (all ASCII). No leading \b: a token glued to text still leaks. */
export const TOKEN_PATTERNS = [
  /gh[pousr]_[A-Za-z0-9]{36,255}/, // GitHub tokens
  /github_pat_[A-Za-z0-9_]{22,255}/, // GitHub fine-grained tokens
  /(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Z0-9])/, // AWS access key ids
  /xox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/, // Slack webhooks
  /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWTs
];
const TOKEN_REGEX = new RegExp(TOKEN_PATTERNS.map((p) => p.source).join('|'), 'g');
export const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
export const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const PEM_BLOCK = new RegExp(`${PEM_BEGIN.source}[\\s\\S]*?(?:${PEM_END.source}|$)`, 'g');
const PEM_REDACTED = '*** private key redacted ***';

/** Longest token a stream keeps back when it must cut a line without a newline. */
const MAX_MATCH_BYTES = 4096;
/** A line without a newline is flushed once it grows past this. */
const MAX_CARRY_BYTES = 64 * 1024;
/**
 * A match that straddles the flush point is kept whole in the carry, up to this much: only
 * a single match longer than this (no real token is) is cut.
 */
const MAX_HELD_BYTES = 1024 * 1024;

/**
 * The forms a secret takes on its way into URLs, JSON and headers. A multi-line secret is
 * also masked line by line, as the runner masks multi-line secrets.
 */
export function encodedForms(value: string): string[] {
  const parts = [value, ...value.split(/\r?\n/)];
  const forms = new Set<string>();
  for (const part of parts) {
    if (part.length < 3) continue;
    forms.add(part);
    forms.add(encodeURIComponent(part));
    forms.add(encodeURI(part));
    forms.add(JSON.stringify(part).slice(1, -1));
    for (const form of urlForms(part)) forms.add(form);
    for (const form of base64Forms(Buffer.from(part, 'utf8'))) forms.add(form);
  }
  return [...forms].filter((form) => form.length >= 3);
}

/**
 * Shortest base64 run masked on its own (36 bits of the value): a shorter run would also
 * turn up in unrelated base64 and shred it.
 */
const MIN_BASE64_RUN = 6;

/**
 * How `bytes` look in base64 wherever they sit in a larger encoded string (`Basic
 * base64(user:password)`, a Docker `auth` field): the value starts at byte offset 0, 1 or
 * 2 mod 3, each giving its own characters. For each offset, the run of characters that
 * only the value's bits decide, without the edge characters that also hold bits of its
 * neighbours. And the value encoded on its own, with and without padding.
 */
function base64Forms(bytes: Buffer): string[] {
  const alone = bytes.toString('base64');
  const forms = [alone, alone.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const run = encoded.slice(
      Math.ceil((offset * 8) / 6),
      Math.floor(((offset + bytes.length) * 8) / 6),
    );
    if (run.length >= MIN_BASE64_RUN) forms.push(run);
  }
  return forms;
}

/** How URLs serialise a value in their path, query and form-encoded parts. */
function urlForms(value: string): string[] {
  const forms = [new URLSearchParams({ v: value }).toString().slice(2)];
  try {
    forms.push(new URL(`http://h/?${value}`).search.slice(1));
    if (!/[/?#]/.test(value)) forms.push(new URL(`http://h/${value}`).pathname.slice(1));
    if (!/[/?#@]/.test(value)) forms.push(new URL(`http://u:${value}@h/`).password);
  } catch {
    // A value that cannot sit in a URL has no URL form.
  }
  return forms;
}

const toLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

export interface Redaction {
  /** Masks a whole string (reports, details, messages). */
  text(input: string): string;
  /**
   * A copy of `input` with every string in it masked, however deep: results, events and
   * records the engine emits go through this, so a field added later is masked too.
   */
  value<T>(input: T): T;
  /** A fresh masker for one output stream (a gate's log). */
  stream(): StreamRedactor;
}

/**
 * Secrets shorter than 3 characters are ignored: masking "1" or "a" would shred every
 * report without protecting anything.
 */
export function createRedaction(values: readonly string[]): Redaction {
  const secrets = [...new Set(values.filter((v) => v.length >= 3).flatMap(encodedForms))]
    .map(toLatin1)
    .sort((a, b) => b.length - a.length);
  const maskLatin1 = (input: string) => {
    let out = input.replace(PEM_BLOCK, PEM_REDACTED).replace(TOKEN_REGEX, REDACTED);
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  };
  const text = (input: string) => {
    const masked = maskLatin1(toLatin1(input));
    return Buffer.from(masked, 'latin1').toString('utf8');
  };
  // What this redaction already returned: a gate's result is masked once, not again inside
  // every event and the run's result that carry it.
  const masked = new WeakSet<object>();
  const value = <T>(input: T): T => {
    if (typeof input === 'string') return text(input) as T;
    if (input === null || typeof input !== 'object' || masked.has(input)) return input;
    const out: unknown = Array.isArray(input)
      ? input.map(value)
      : Object.fromEntries(Object.entries(input).map(([key, item]) => [key, value(item)]));
    masked.add(out as object);
    return out as T;
  };
  const holdBack = Math.max(MAX_MATCH_BYTES, ...secrets.map((secret) => secret.length));
  /** The earliest match in `latin1` that starts before `at` and ends after it. */
  const matchAcross = (latin1: string, at: number): Straddle | undefined => {
    let found: Straddle | undefined;
    const consider = (start: number, pem: boolean) => {
      if (!found || start < found.start) found = { start, pem };
    };
    for (const [pattern, pem] of [
      [PEM_BLOCK, true],
      [TOKEN_REGEX, false],
    ] as const) {
      for (const match of latin1.matchAll(pattern)) {
        if (match.index >= at) break;
        if (match.index + match[0].length > at) consider(match.index, pem);
      }
    }
    for (const secret of secrets) {
      const start = latin1.indexOf(secret, Math.max(0, at - secret.length + 1));
      if (start >= 0 && start < at) consider(start, false);
    }
    return found;
  };
  return {
    text,
    value,
    stream: () => new StreamRedactor({ mask: maskLatin1, matchAcross, holdBack }),
  };
}

interface Straddle {
  start: number;
  /** The match is a private key block (it may still be waiting for its END marker). */
  pem: boolean;
}

/** What a stream needs of a redaction: masking, and where a match crosses a cut. */
interface StreamMasker {
  mask(latin1: string): string;
  matchAcross(latin1: string, at: number): Straddle | undefined;
  /** How much of a long line is kept back: longer than any secret's form or token. */
  holdBack: number;
}

/**
 * Masks secrets in a byte stream whose chunks split lines and secrets anywhere. Complete
 * lines are masked as they arrive; a private key block is dropped from its BEGIN line to
 * its END line. A line longer than MAX_CARRY_BYTES is flushed in parts: the last
 * `holdBack` bytes stay in the carry, and the cut moves back to the start of any token or
 * secret that crosses it, so a match is always masked whole, never as a prefix followed
 * by the rest of the token.
 */
export class StreamRedactor {
  /** Unmasked bytes of the current line (latin1) not yet written. */
  private carry = '';
  private inPrivateKey = false;
  /** The carry length at which a line without a newline is flushed next. */
  private flushAt = MAX_CARRY_BYTES;

  constructor(private readonly masker: StreamMasker) {}

  push(chunk: Buffer): Buffer {
    const added = chunk.toString('latin1');
    // Only the new bytes are searched: a long line fed a byte at a time stays linear.
    const lastNewline = added.lastIndexOf('\n');
    let out = '';
    if (lastNewline >= 0) {
      out = this.maskLines(this.carry + added.slice(0, lastNewline + 1));
      this.carry = added.slice(lastNewline + 1);
      this.flushAt = MAX_CARRY_BYTES;
    } else {
      this.carry += added;
    }
    if (this.carry.length > this.flushAt) out += this.flushLongLine();
    return Buffer.from(out, 'latin1');
  }

  flush(): Buffer {
    const rest = this.carry;
    this.carry = '';
    this.flushAt = MAX_CARRY_BYTES;
    if (rest === '') return Buffer.alloc(0);
    return Buffer.from(this.maskLines(rest), 'latin1');
  }

  /** Writes all of a long line but its last part, never cutting a match. */
  private flushLongLine(): string {
    const { holdBack } = this.masker;
    const step = Math.max(MAX_CARRY_BYTES - MAX_MATCH_BYTES, holdBack);
    const text = this.carry;
    let out = '';
    if (this.inPrivateKey) {
      // Inside a key block: nothing is written; the tail is kept to find the END marker.
      this.carry = text.slice(-holdBack);
    } else {
      let cut = text.length - holdBack;
      for (let across = this.masker.matchAcross(text, cut); across;) {
        if (across.start === 0 && text.length > MAX_HELD_BYTES) {
          if (across.pem) {
            // A key block without an END marker on one huge line: dropped until the END.
            this.inPrivateKey = true;
            this.carry = text.slice(-holdBack);
            this.flushAt = this.carry.length + step;
            return `${PEM_REDACTED}\n`;
          }
          // One match longer than MAX_HELD_BYTES (no real token is): cut where it must be.
          cut = text.length - holdBack;
          break;
        }
        cut = across.start;
        across = cut > 0 ? this.masker.matchAcross(text, cut) : undefined;
      }
      out = cut > 0 ? this.masker.mask(text.slice(0, cut)) : '';
      this.carry = text.slice(cut);
    }
    this.flushAt = this.carry.length + step;
    return out;
  }

  private maskLines(text: string): string {
    if (!this.inPrivateKey && !text.includes('PRIVATE KEY')) return this.masker.mask(text);
    let out = '';
    for (const line of text.split(/(?<=\n)/)) {
      if (this.inPrivateKey) {
        if (PEM_END.test(line)) this.inPrivateKey = false;
        continue;
      }
      if (PEM_BEGIN.test(line) && !PEM_END.test(line)) {
        this.inPrivateKey = true;
        out += `${this.masker.mask(line.slice(0, line.search(PEM_BEGIN)))}${PEM_REDACTED}\n`;
        continue;
      }
      out += this.masker.mask(line);
    }
    return out;
  }
}

/** The values of the config's `redact` names that are set in `env`. */
export function redactValues(names: readonly string[], env: Record<string, string>): string[] {
  return names.map((name) => env[name]).filter((value): value is string => !!value);
}
