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

/** Longest token or secret a stream keeps back when it must cut a line without a newline. */
const MAX_MATCH_BYTES = 4096;
/** A line without a newline is flushed once it grows past this. */
const MAX_CARRY_BYTES = 64 * 1024;

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
    const base64 = Buffer.from(part, 'utf8').toString('base64');
    forms.add(base64);
    forms.add(base64.replace(/=+$/, ''));
  }
  return [...forms].filter((form) => form.length >= 3);
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
  return { text, value, stream: () => new StreamRedactor(maskLatin1) };
}

/**
 * Masks secrets in a byte stream whose chunks split lines and secrets anywhere. Complete
 * lines are masked as they arrive; a private key block is dropped from its BEGIN line to
 * its END line; a line longer than MAX_CARRY_BYTES is flushed in parts that overlap by
 * MAX_MATCH_BYTES so that no secret is ever cut in two.
 */
export class StreamRedactor {
  private carry = '';
  private inPrivateKey = false;

  constructor(private readonly mask: (latin1: string) => string) {}

  push(chunk: Buffer): Buffer {
    const text = this.carry + chunk.toString('latin1');
    const lastNewline = text.lastIndexOf('\n');
    let out = '';
    if (lastNewline >= 0) {
      out = this.maskLines(text.slice(0, lastNewline + 1));
      this.carry = text.slice(lastNewline + 1);
    } else {
      this.carry = text;
    }
    if (this.carry.length > MAX_CARRY_BYTES && !this.inPrivateKey) {
      const masked = this.mask(this.carry);
      const cut = masked.length - MAX_MATCH_BYTES;
      out += masked.slice(0, cut);
      this.carry = masked.slice(cut);
    } else if (this.carry.length > MAX_CARRY_BYTES) {
      this.carry = this.carry.slice(-MAX_MATCH_BYTES);
    }
    return Buffer.from(out, 'latin1');
  }

  flush(): Buffer {
    const rest = this.carry;
    this.carry = '';
    if (rest === '') return Buffer.alloc(0);
    return Buffer.from(this.maskLines(rest), 'latin1');
  }

  private maskLines(text: string): string {
    if (!this.inPrivateKey && !text.includes('PRIVATE KEY')) return this.mask(text);
    let out = '';
    for (const line of text.split(/(?<=\n)/)) {
      if (this.inPrivateKey) {
        if (PEM_END.test(line)) this.inPrivateKey = false;
        continue;
      }
      if (PEM_BEGIN.test(line) && !PEM_END.test(line)) {
        this.inPrivateKey = true;
        out += `${this.mask(line.slice(0, line.search(PEM_BEGIN)))}${PEM_REDACTED}\n`;
        continue;
      }
      out += this.mask(line);
    }
    return out;
  }
}

/** The values of the config's `redact` names that are set in `env`. */
export function redactValues(names: readonly string[], env: Record<string, string>): string[] {
  return names.map((name) => env[name]).filter((value): value is string => !!value);
}
