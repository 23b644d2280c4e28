import { describe, expect, it } from '@jest/globals';
import { createRedaction, encodedForms, redactWarnings } from '../../src/engine/redact.js';

// Shapes only: none of these is a real credential.
const TOKENS = {
  github: `ghp_${'a1B2c3D4e5'.repeat(4)}`,
  githubServer: `ghs_${'Z9y8X7w6V5'.repeat(4)}`,
  githubPat: `github_pat_11ABCDEFG0${'x'.repeat(60)}`,
  aws: 'AKIAIOSFODNN7EXAMPLE',
  slack: 'xoxb-123456789012-123456789012-abcdefghijABCDEFGHIJ',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA7bq3fQ2bC1rWq9i0xX5a6b7c8d9e0f1g2h3i4j5k6l7m8n9o',
  'p0q1r2s3t4u5v6w7x8y9z0A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7R8S9T0U1',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const VALUE = 'p@ss word/=&"quoted"';

/** Feeds `text` to a stream redactor in chunks of the given sizes, cycling. */
function streamed(text: string | Buffer, sizes: number[], secrets = [VALUE]): Buffer {
  const redactor = createRedaction(secrets).stream();
  const input = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(redactor.push(input.subarray(at, at + size)));
    at += size;
  }
  out.push(redactor.flush());
  return Buffer.concat(out);
}

const corpus = [
  'starting deploy',
  `token ${TOKENS.github} and ${TOKENS.githubServer}`,
  `pat=${TOKENS.githubPat}`,
  `aws ${TOKENS.aws}`,
  `slack: ${TOKENS.slack}`,
  `Authorization: Bearer ${TOKENS.jwt}`,
  PEM,
  `value ${VALUE} url ${encodeURIComponent(VALUE)} json ${JSON.stringify(VALUE)}`,
  `base64 ${Buffer.from(VALUE).toString('base64')}`,
  'done',
].join('\n');

const leaks = (text: string) =>
  [
    ...Object.values(TOKENS),
    'MIIEowIBAAKCAQEA',
    'p0q1r2s3t4u5',
    VALUE,
    encodeURIComponent(VALUE),
    JSON.stringify(VALUE).slice(1, -1),
    Buffer.from(VALUE).toString('base64'),
  ].filter((secret) => text.includes(secret));

describe('redaction', () => {
  it('masks every token shape, private keys and the encoded forms of redact values', () => {
    const masked = createRedaction([VALUE]).text(corpus);
    expect(leaks(masked)).toEqual([]);
    expect(masked).toContain('starting deploy');
    expect(masked).toContain('*** private key redacted ***');
    expect(masked.split('\n').at(-1)).toBe('done');
  });

  it.each([[[1]], [[7]], [[3, 11, 64]], [[4096]], [[100_000]]])(
    'masks the same corpus streamed in chunks of %j bytes',
    (sizes) => {
      const out = streamed(corpus, sizes).toString('utf8');
      expect(leaks(out)).toEqual([]);
      expect(out).toContain('starting deploy\n');
      expect(out).toContain('*** private key redacted ***\n');
      expect(out.endsWith('done')).toBe(true);
      // The key's body lines are gone, not masked one by one.
      expect(out).not.toContain('-----END RSA PRIVATE KEY-----');
    },
  );

  it('masks a secret inside a line of 5 MB without a newline, cut anywhere', () => {
    const line = `${'x'.repeat(3_000_000)}${VALUE}${'y'.repeat(2_000_000)}${TOKENS.github}`;
    const out = streamed(line, [65_536, 1000, 70_001]).toString('utf8');
    expect(leaks(out)).toEqual([]);
    expect(out.length).toBe(5_000_000 + 6);
  });

  it('masks tokens and secrets whole wherever a line over 64 KiB is flushed, in any chunking', () => {
    // Dense: every flush point of a 200 KiB line falls inside a token or a redact value.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const token = () =>
      `ghp_${Array.from({ length: 36 + random(30) }, () => alphabet[random(62)]).join('')}`;
    const units: string[] = [];
    for (let size = 0; size < 200 * 1024; size += units.at(-1)!.length) {
      units.push(`${token()} ${VALUE}${'.'.repeat(random(5))} `);
    }
    const redaction = createRedaction([VALUE]);
    const randomSizes = Array.from({ length: 50 }, () => 1 + random(9000));
    for (const pad of [0, 1, 13, 29, 41]) {
      const line = `${'-'.repeat(pad)}${units.join('')}`;
      const expected = redaction.text(line);
      expect(expected).not.toMatch(/ghp_|[A-Za-z0-9]{8}/);
      for (const sizes of [[1], [7], [4096], [65_536], [65_537, 3], randomSizes]) {
        const out = streamed(line, sizes).toString('latin1');
        expect({ pad, sizes: sizes.slice(0, 3), leaks: out.match(/[A-Za-z0-9]{8,}/g) }).toEqual({
          pad,
          sizes: sizes.slice(0, 3),
          leaks: null,
        });
        expect(out).toBe(expected);
      }
    }
  });

  it('masks a one-line (JSON-escaped) private key whole where a long line is flushed', () => {
    const body = Array.from(
      { length: 26 },
      (_, i) => `MIIEowIBAAKCAQEA${String(i).padStart(48, 'k')}`,
    );
    const escaped = ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].join(
      '\\n',
    );
    // Across the first and second flush points of every chunking below.
    for (let at = 60_000; at < 136_000; at += 1_000) {
      const line = `${'x'.repeat(at)}{"private_key":"${escaped}"}${'y'.repeat(70_000)}`;
      for (const sizes of [[4096], [1000, 333], [65_536]]) {
        const out = streamed(line, sizes).toString('latin1');
        expect(out).not.toMatch(/MIIE|kkkk/);
        expect(out).toBe(
          `${'x'.repeat(at)}{"private_key":"*** private key redacted ***"}${'y'.repeat(70_000)}`,
        );
      }
    }
  });

  it('drops a key block without END on one line of several MB until its END', () => {
    const body = 'MIIEowIBAAKCAQEA'.repeat(200_000);
    const line = `before -----BEGIN PRIVATE KEY-----${body}`;
    const out = streamed(`${line}\n-----END PRIVATE KEY----- gone\nafter\n`, [65_536]).toString();
    expect(out).toBe('before *** private key redacted ***\nafter\n');
  });

  it('stays fast on a long line that is one chain of overlapping matches', () => {
    const started = Date.now();
    // "aaaa" is 61616161 in hex: a hex run of 61s holds an occurrence at every other byte.
    const out = streamed('61'.repeat(400_000), [4096], ['aaaa']).toString();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(out).not.toContain('61616161');
    expect(out.length).toBeLessThan(800_000);
  });

  it('passes output without secrets through byte for byte, binary and invalid UTF-8 included', () => {
    const binary = Buffer.alloc(300_000);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    expect(streamed(binary, [4096, 333]).equals(binary)).toBe(true);
  });

  it('masks each line of a multi-line secret, as the runner does', () => {
    const secret = 'first-line-secret\nsecond-line-secret';
    const out = streamed(`a first-line-secret b\nc second-line-secret d\n`, [5], [secret]);
    expect(out.toString()).toBe('a *** b\nc *** d\n');
  });

  it('ignores secret values shorter than 3 characters', () => {
    expect(createRedaction(['ab', '1']).text('ab 1 abc')).toBe('ab 1 abc');
  });

  describe('base64 of a value inside a larger encoded string', () => {
    const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
    /** Where in base64(prefix + value + suffix) the characters only the value decides are. */
    const stableRun = (prefix: Buffer, value: string, suffix: Buffer) => {
      const bytes = Buffer.from(value);
      const encoded = b64(Buffer.concat([prefix, bytes, suffix]));
      const start = Math.ceil((prefix.length * 8) / 6);
      const end = Math.floor(((prefix.length + bytes.length) * 8) / 6);
      return { encoded, start, end };
    };
    /** `masked` is `encoded` with one *** covering at least [start, end). */
    const coversRun = (masked: string, { encoded, start, end }: ReturnType<typeof stableRun>) => {
      const [left, right, ...more] = masked.split('***');
      return (
        more.length === 0 &&
        right !== undefined &&
        encoded.startsWith(left!) &&
        left!.length <= start &&
        encoded.endsWith(right) &&
        encoded.length - right.length >= end
      );
    };
    const values = ['hunter2', 'passw0rd!', VALUE, 's3cr3t-deploy-token-0123456789', 'é-ünïcode-€'];

    it.each(values)('masks %j at every byte alignment, whatever its neighbours', (value) => {
      const redaction = createRedaction([value]);
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 4; after++) {
          const prefix = Buffer.from('user:xyzw!'.slice(0, before));
          const suffix = Buffer.from([0x0a, 0xff, 0x41].slice(0, after));
          const run = stableRun(prefix, value, suffix);
          const out = redaction.text(run.encoded);
          expect({ before, after, out, covered: coversRun(out, run) }).toEqual({
            before,
            after,
            out,
            covered: true,
          });
          const line = `auth ${run.encoded} end\n`;
          expect(streamed(line, [3, 5], [value]).toString()).toBe(`auth ${out} end\n`);
        }
      }
    });

    it('masks Basic credentials and a Docker auth field', () => {
      const password = 'hunter2-but-longer';
      const token = `ghcr-${'Tk9'.repeat(10)}`;
      const output = [
        `Authorization: Basic ${b64(`deploy:${password}`)}`,
        JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`octocat:${token}`) } } }),
      ].join('\n');
      const masked = createRedaction([password, token]).text(output);
      for (const [prefix, value] of [
        ['deploy:', password],
        ['octocat:', token],
      ] as const) {
        const run = stableRun(Buffer.from(prefix), value, Buffer.alloc(0));
        expect(masked).not.toContain(run.encoded.slice(run.start, run.end));
        expect(masked).toContain(`${run.encoded.slice(0, run.start)}***`);
      }
    });

    it('does not mask short base64 runs that a short value would give', () => {
      // "abcd" after one byte is only 4 stable characters ("FiY2"): masking those would
      // shred unrelated base64.
      expect(createRedaction(['abcd']).text(b64('xabcd'))).toBe(b64('xabcd'));
      expect(createRedaction(['abcd']).text(b64('abcd'))).toBe('***');
    });
  });

  describe('the spellings tools print a value in', () => {
    const secret = `pä55 wörd/=&"q'<>?~+\\€😀!`;
    const unicodeEscape = (unit: string, upper = false) => {
      const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    };
    const nonAscii = /[\u0080-\uffff]/g;
    const spellings: Record<string, string> = {
      hex: Buffer.from(secret).toString('hex'),
      HEX: Buffer.from(secret).toString('hex').toUpperCase(),
      base64url: Buffer.from(secret).toString('base64url'),
      '%XX (encodeURIComponent)': encodeURIComponent(secret),
      '%xx (lower case)': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) =>
        m.toLowerCase(),
      ),
      'every byte %xx (quote_plus)': [...Buffer.from(secret)]
        .map((b) =>
          /[A-Za-z0-9]/.test(String.fromCharCode(b))
            ? String.fromCharCode(b)
            : b === 32
              ? '+'
              : `%${b.toString(16)}`,
        )
        .join(''),
      'form encoding': new URLSearchParams({ v: secret }).toString().slice(2),
      'JSON.stringify': JSON.stringify(secret).slice(1, -1),
      'Python json.dumps (\\u for non-ASCII)': JSON.stringify(secret)
        .slice(1, -1)
        .replace(nonAscii, (c) => unicodeEscape(c)),
      'PHP json_encode (\\/ and \\u)': JSON.stringify(secret)
        .slice(1, -1)
        .replace(/\//g, '\\/')
        .replace(nonAscii, (c) => unicodeEscape(c)),
      'Go encoding/json (\\u003c for <>&)': JSON.stringify(secret)
        .slice(1, -1)
        .replace(/[<>&]/g, (c) => unicodeEscape(c)),
      '.NET System.Text.Json (\\u0022, upper case)': [...secret]
        .map((c) => (c === '\\' ? '\\\\' : /["&'+<>`]/.test(c) ? unicodeEscape(c, true) : c))
        .join('')
        .replace(nonAscii, (c) => unicodeEscape(c, true)),
      'HTML/XML entities': secret
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;'),
      'XML numeric entities': secret.replace(
        /["'&<>]/g,
        (c) => `&#x${c.charCodeAt(0).toString(16)};`,
      ),
    };

    it.each(Object.entries(spellings))('masks the %s spelling', (_name, spelled) => {
      expect(spelled).not.toBe(secret);
      expect(spelled).not.toBe(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
      const redaction = createRedaction([secret]);
      expect(redaction.text(`before ${spelled} after`)).toBe('before *** after');
      expect(streamed(`before ${spelled} after\n`, [1], [secret]).toString()).toBe(
        'before *** after\n',
      );
    });

    it('masks hex inside a longer hex dump, and base64url at every alignment', () => {
      const redaction = createRedaction([secret]);
      const hex = Buffer.from(secret).toString('hex');
      expect(redaction.text(`00ff${hex}ab`)).toBe('00ff***ab');
      for (let before = 0; before < 3; before++) {
        const encoded = Buffer.from(`${'xyz'.slice(0, before)}${secret}!`).toString('base64url');
        const masked = redaction.text(encoded);
        expect(masked).toMatch(/^[A-Za-z0-9_-]{0,3}\*\*\*[A-Za-z0-9_-]{0,3}$/);
      }
    });

    it('gives short values no hex form that would match ordinary numbers', () => {
      // "abc" in hex is 616263.
      expect(createRedaction(['abc']).text('id 616263, abc')).toBe('id 616263, ***');
      expect(createRedaction(['abcd']).text('61626364')).toBe('***');
    });
  });

  describe('passwords in URLs', () => {
    const redaction = createRedaction([]);
    it.each([
      [
        'https://deploy:hunter2@registry.example.com/v2/',
        'https://deploy:***@registry.example.com/v2/',
      ],
      [
        'postgresql://app:s3cr%40t@db.internal:5432/app',
        'postgresql://app:***@db.internal:5432/app',
      ],
      ['redis://:only-a-password@cache:6379', 'redis://:***@cache:6379'],
      [
        'git clone https://x-access-token:abc:def@github.com/o/r',
        'git clone https://x-access-token:***@github.com/o/r',
      ],
      ['"url":"amqp://guest:p@ss@rabbit/vhost"', '"url":"amqp://guest:***@rabbit/vhost"'],
      ['https://me@corp.example:pw@host/x', 'https://me@corp.example:***@host/x'],
    ])('masks the password of %s', (input, expected) => {
      expect(redaction.text(input)).toBe(expected);
      expect(streamed(`${input}\n`, [1], []).toString()).toBe(`${expected}\n`);
    });

    it.each([
      'http://127.0.0.1:8080/health',
      'ssh://git@github.com:22/o/r',
      'https://user@host/path',
      'see https://example.com/a:b@c and mailto:me@example.com',
      'https://user:@host/',
      'git@github.com:o/r.git',
    ])('leaves %s alone', (input) => {
      expect(redaction.text(input)).toBe(input);
    });

    it('masks every URL password of a line over 64 KiB, wherever the line is flushed', () => {
      const units = Array.from(
        { length: 4000 },
        (_, i) => `postgresql${i % 7}://app:pw-${i}-${'z'.repeat(i % 13)}@db${i}/x `,
      );
      const line = units.join('');
      const expected = redaction.text(line);
      expect(expected).not.toMatch(/pw-|zzz/);
      for (const sizes of [[1], [4096], [65_536], [9_999, 17]]) {
        expect(streamed(line, sizes, []).toString()).toBe(expected);
      }
    });

    it('is linear on long lines of scheme-like text', () => {
      const line = `${'a'.repeat(200_000)}://${'b'.repeat(200_000)}:${'c'.repeat(200_000)}`;
      const started = Date.now();
      expect(redaction.text(line)).toBe(line);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  it('warns, naming the variable and never its value, about values too short to mask', () => {
    const env = { PIN: '42', ONE: 'x', TOKEN: 'long-enough', EMPTY: '', ABC: 'abc' };
    const warnings = redactWarnings(['PIN', 'TOKEN', 'UNSET', 'EMPTY', 'ABC', 'ONE'], env);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^redact: PIN .*too short to mask/);
    expect(warnings[1]).toMatch(/^redact: ONE .*too short to mask/);
    expect(warnings.join('\n')).not.toMatch(/42|\bx\b/);
    // What it warns about is what createRedaction leaves as it is.
    expect(createRedaction(Object.values(env)).text('42 x abc long-enough')).toBe('42 x *** ***');
  });

  it('lists the encoded forms of a value', () => {
    expect(encodedForms(VALUE)).toEqual(
      expect.arrayContaining([
        VALUE,
        encodeURIComponent(VALUE),
        JSON.stringify(VALUE).slice(1, -1),
        Buffer.from(VALUE).toString('base64'),
      ]),
    );
  });
});
