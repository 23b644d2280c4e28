export const REDACTED = '***';

/*
 * Secrets never reach a report or a log: the values of the config's `redact` names (in
 * the forms they take in URLs, JSON, HTML, hex and base64) and strings shaped like
 * well-known tokens, private keys and passwords in URLs. Matching works on latin1 strings,
 * one character per byte, so output that holds no secret is passed through byte for byte,
 * binary included.
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

/**
 * A password in a URL's userinfo (`scheme://user:password@host`): a secret by its shape.
 * The password runs to the last `@` of the authority, so one with an unescaped `@` is
 * masked whole; the scheme, user and host stay. A match starts at `://` (found fast) and
 * looks back for the scheme (see schemeStart). Control characters and
 * spaces end a URL (\s would also stop at a UTF-8 byte such as 0xA0).
 */
const URL_PASSWORD =
  // eslint-disable-next-line no-control-regex
  /:\/\/(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^\x00-\x20\x7f/?#:"'<>\\]{0,256}:)[^\x00-\x20\x7f/?#"'<>\\]{1,256}@/g;

/** Where the scheme before a URL_PASSWORD match (which starts at `://`) starts. */
function schemeStart(latin1: string, index: number): number {
  let start = index;
  while (start > 0 && index - start < 32 && /[A-Za-z0-9+.-]/.test(latin1[start - 1]!)) start--;
  return start;
}
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
 * How many overlapping matches in a row the cut moves back over. A longer chain (a secret
 * such as "abab" in a run of "ababab...") is cut inside: each of its matches is masked on
 * one side or the other, and at most a part of one secret at the cut shows.
 */
const MAX_CUT_ROUNDS = 100;

/** The parts of a value that are masked: the value and, if it has several, each line. */
function valueParts(value: string): string[] {
  return [value, ...value.split(/\r?\n/)].filter((part) => part.length >= MIN_SECRET_LENGTH);
}

/**
 * The forms a secret takes on its way into URLs, JSON, headers and dumps, as literal
 * strings. A multi-line secret is also masked line by line, as the runner masks multi-line
 * secrets. The spellings of each character (%xx, \uXXXX, entities) are also matched in any
 * mix by `spellingPattern`.
 */
export function encodedForms(value: string): string[] {
  const forms = new Set<string>();
  for (const part of valueParts(value)) {
    forms.add(part);
    forms.add(encodeURIComponent(part));
    forms.add(encodeURIComponent(part).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    forms.add(encodeURI(part));
    forms.add(JSON.stringify(part).slice(1, -1));
    for (const form of urlForms(part)) forms.add(form);
    const bytes = Buffer.from(part, 'utf8');
    for (const form of base64Forms(bytes)) forms.add(form);
    const hex = bytes.toString('hex');
    if (hex.length >= MIN_HEX_RUN) {
      forms.add(hex);
      forms.add(hex.toUpperCase());
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Shortest hex form masked (4 bytes): hex of fewer bytes is an ordinary number too often. */
const MIN_HEX_RUN = 8;

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
  // base64url (JWTs, URL-safe tokens): the same characters but - for + and _ for /.
  return [...forms, ...forms.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_'))];
}

/** Characters every encoder leaves as they are. */
const PLAIN = /^[A-Za-z0-9]$/;
const JSON_SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
const HTML_NAMED: Record<string, string[]> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&apos;'],
};

/** A latin1 string as a regular expression source that matches exactly it. */
function literal(latin1: string): string {
  return [...latin1]
    .map((c) => (PLAIN.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .join('');
}

/** Hex digits in either case: %2f and %2F, \u00e9 and \u00E9. */
function anyCaseHex(hex: string): string {
  return [...hex]
    .map((c) => (/[a-f]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c))
    .join('');
}

/**
 * A regular expression source (over latin1) that matches `value` with each of its other
 * characters in any spelling a tool prints: as it is (UTF-8), %xx in either case and `+`
 * for a space (URLs, forms, curl, Python's quote), a JSON escape (`\"`, `\/`, `\n`, or
 * \uXXXX in either case, as JSON.stringify, Python's ensure_ascii, PHP, Go's and .NET's
 * encoders write them) or an HTML/XML entity. Letters and digits are matched as they are:
 * no encoder rewrites them.
 */
function spellingPattern(value: string): string {
  let source = '';
  for (const char of value) {
    if (PLAIN.test(char)) {
      source += char;
      continue;
    }
    const bytes = Buffer.from(char, 'utf8');
    const spellings = new Set([literal(bytes.toString('latin1'))]);
    spellings.add(
      [...bytes].map((b) => `%${anyCaseHex(b.toString(16).padStart(2, '0'))}`).join(''),
    );
    if (char === ' ') spellings.add('\\+');
    if (JSON_SHORT[char]) spellings.add(literal(JSON_SHORT[char]));
    const units = [...Array(char.length).keys()].map((i) => char.charCodeAt(i));
    spellings.add(
      units.map((unit) => `\\x5cu${anyCaseHex(unit.toString(16).padStart(4, '0'))}`).join(''),
    );
    for (const entity of HTML_NAMED[char] ?? []) spellings.add(literal(entity));
    const codePoint = char.codePointAt(0)!;
    spellings.add(`&#0*${codePoint};`);
    spellings.add(`&#[xX]0*${anyCaseHex(codePoint.toString(16))};`);
    source += `(?:${[...spellings].join('|')})`;
  }
  return source;
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
 * Values shorter than this are not masked: masking "1" or "a" would shred every report
 * without protecting anything. `redactWarnings` says so when the config loads.
 */
export const MIN_SECRET_LENGTH = 3;

/**
 * Fields `value()` leaves as they are: identifiers, states and paths the engine itself
 * made, never free text. A secret such as `postgres` must not turn the gate `postgres-migrate`
 * into `***-migrate` (its outputs, log path and links would no longer match). Every other
 * field is masked, also one added later.
 */
const KEPT = new Set([
  'id',
  'type',
  'stage',
  'priority',
  'kind',
  'action',
  'status',
  'reason',
  'verdict',
  'mode',
  'level',
  'rule',
  'origin',
  'logPath',
  'file',
  'startedAt',
  'finishedAt',
  'at',
  'failedGates',
  'highestFailedPriority',
]);

export function createRedaction(values: readonly string[]): Redaction {
  const parts = [...new Set(values.flatMap(valueParts))].sort((a, b) => b.length - a.length);
  // One pattern per part for the spellings of its characters; literal forms for the rest
  // (base64, hex), searched with includes(), which costs little when they are absent.
  const spelled = parts.map((part) => spellingPattern(part));
  const whole = spelled.map((source) => new RegExp(`^(?:${source})$`));
  const spellings = spelled.map((source) => new RegExp(source, 'g'));
  const secrets = [...new Set(parts.flatMap(encodedForms))]
    .map(toLatin1)
    .filter((form) => !whole.some((pattern) => pattern.test(form)))
    .sort((a, b) => b.length - a.length);
  const maskLatin1 = (input: string) => {
    let out = input
      .replace(PEM_BLOCK, PEM_REDACTED)
      .replace(TOKEN_REGEX, REDACTED)
      .replace(URL_PASSWORD, `://$1${REDACTED}@`);
    for (const pattern of spellings) out = out.replace(pattern, REDACTED);
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
      : Object.fromEntries(
          Object.entries(input).map(([key, item]) => [key, KEPT.has(key) ? item : value(item)]),
        );
    masked.add(out as object);
    return out as T;
  };
  // A spelled-out character takes at most 6 latin1 characters per byte (&#x27;, \u0022).
  const holdBack = Math.max(
    MAX_MATCH_BYTES,
    ...secrets.map((secret) => secret.length),
    ...parts.map((part) => 6 * Buffer.byteLength(part)),
  );
  const patterns = [
    [PEM_BLOCK, true, (_latin1: string, index: number) => index],
    [TOKEN_REGEX, false, (_latin1: string, index: number) => index],
    // A URL password's match starts at `://`: the scheme before it must stay with it.
    [URL_PASSWORD, false, schemeStart],
    ...spellings.map((spelling) => [spelling, false, (_: string, index: number) => index] as const),
  ] as const;
  /**
   * Where to cut `latin1` at or before `at` so that no token, key block or secret crosses
   * the cut; `pem` when the cut was moved to the start of a key block.
   */
  const safeCut = (latin1: string, at: number) => {
    // Each pattern's matches that start before `at`, in order; they do not overlap.
    const found = patterns.map(([pattern, pem, from]) => {
      const matches: { start: number; end: number; pem: boolean }[] = [];
      for (const match of latin1.matchAll(pattern)) {
        const start = from(latin1, match.index);
        if (start >= at) break;
        matches.push({ start, end: match.index + match[0].length, pem });
      }
      return matches;
    });
    let cut = at;
    let pem = false;
    for (let round = 0; round < MAX_CUT_ROUNDS; round++) {
      let earliest = cut;
      let earliestPem = false;
      for (const matches of found) {
        // Only the last match starting before the cut can cross it.
        while (matches.length > 0 && matches.at(-1)!.start >= cut) matches.pop();
        const last = matches.at(-1);
        if (last && last.end > cut && last.start < earliest) {
          earliest = last.start;
          earliestPem = last.pem;
        }
      }
      for (const secret of secrets) {
        // Only the bytes around the cut, not the rest of the line.
        const from = Math.max(0, cut - secret.length + 1);
        const hit = latin1.slice(from, cut + secret.length - 1).indexOf(secret);
        const start = hit < 0 ? -1 : from + hit;
        if (start >= 0 && start < earliest) {
          earliest = start;
          earliestPem = false;
        }
      }
      if (earliest === cut) break;
      cut = earliest;
      pem = earliestPem;
    }
    return { cut, pem };
  };
  return {
    text,
    value,
    stream: () => new StreamRedactor({ mask: maskLatin1, safeCut, holdBack }),
  };
}

/** What a stream needs of a redaction: masking, and where a match crosses a cut. */
interface StreamMasker {
  mask(latin1: string): string;
  safeCut(latin1: string, at: number): { cut: number; pem: boolean };
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
      const safe = this.masker.safeCut(text, text.length - holdBack);
      let { cut } = safe;
      if (cut === 0 && text.length > MAX_HELD_BYTES) {
        if (safe.pem) {
          // A key block without an END marker on one huge line: dropped until the END.
          this.inPrivateKey = true;
          this.carry = text.slice(-holdBack);
          this.flushAt = this.carry.length + step;
          return `${PEM_REDACTED}\n`;
        }
        // One match longer than MAX_HELD_BYTES (no real token is): cut where it must be.
        cut = text.length - holdBack;
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

/**
 * One warning per `redact` name whose value is too short to mask, for the adapters to show
 * when the config loads. A warning names the variable, never its value.
 */
export function redactWarnings(names: readonly string[], env: Record<string, string>): string[] {
  return [...new Set(names)]
    .filter((name) => {
      const value = env[name];
      return value !== undefined && value !== '' && value.length < MIN_SECRET_LENGTH;
    })
    .map(
      (name) =>
        `redact: ${name} has a value of ${env[name]!.length} character(s), too short to mask: ` +
        `reports and gate logs show it as it is (values of ${MIN_SECRET_LENGTH} characters or ` +
        'more are masked)',
    );
}
