/*
 * A small reader of TOML's shape - tables, dotted and quoted keys, strings of all four kinds,
 * arrays over several lines, comments - with the line of each key. Not a validating parser:
 * a statement it cannot read is skipped to the end of its first line, and values other than
 * strings and arrays stay raw text. Enough for pyproject.toml (see pyproject.ts).
 */

/** A string, an array, or the raw text of anything else (numbers, dates, inline tables). */
export type TomlValue = string | TomlValue[] | { raw: string };

export interface TomlEntry {
  /** The `[table]` (or `[[table]]`) the key is under, unquoted: `tool.poetry`; '' at the top. */
  table: string;
  /** The key's segments, unquoted: `['version']`, `['fastapi', 'version']` for a dotted key. */
  key: string[];
  value: TomlValue;
  /** 1-based line of the key. */
  line: number;
}

export interface TomlDocument {
  /** Table headers in order, unquoted: `project`, `tool.ruff`. */
  tables: string[];
  entries: TomlEntry[];
}

export function readToml(text: string): TomlDocument {
  return new Reader(text).read();
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  '\\': '\\',
};

class Reader {
  private at = 0;
  private line = 1;
  private readonly tables: string[] = [];
  private readonly entries: TomlEntry[] = [];
  private table = '';

  constructor(private readonly text: string) {}

  read(): TomlDocument {
    while (this.at < this.text.length) {
      this.skipBlank(true);
      if (this.at >= this.text.length) break;
      const at = this.at;
      const line = this.line;
      if (this.statement()) continue;
      // Unreadable: drop its first line only, and read on from the next.
      this.at = at;
      this.line = line;
      this.skipLine();
    }
    return { tables: this.tables, entries: this.entries };
  }

  /** A header or a key/value pair; false when the line cannot be read. */
  private statement(): boolean {
    if (this.peek() === '[') {
      const array = this.text.startsWith('[[', this.at);
      this.at += array ? 2 : 1;
      const name = this.key();
      this.skipBlank(false);
      if (!name || !this.text.startsWith(array ? ']]' : ']', this.at)) return false;
      this.at += array ? 2 : 1;
      this.table = name.join('.');
      this.tables.push(this.table);
      this.skipLine();
      return true;
    }
    const line = this.line;
    const key = this.key();
    this.skipBlank(false);
    if (!key || this.peek() !== '=') return false;
    this.at++;
    this.skipBlank(false);
    const value = this.value();
    if (value === undefined) return false;
    this.entries.push({ table: this.table, key, value, line });
    this.skipLine();
    return true;
  }

  /** `a.b."c d"`: segments, unquoted; undefined when there is no key here. */
  private key(): string[] | undefined {
    const segments: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.peek();
      let segment: string | undefined;
      if (c === '"' || c === "'") segment = this.singleLineString(c);
      else {
        const start = this.at;
        while (this.at < this.text.length && BARE_KEY.test(this.peek())) this.at++;
        if (this.at > start) segment = this.text.slice(start, this.at);
      }
      if (segment === undefined) return undefined;
      segments.push(segment);
      this.skipBlank(false);
      if (this.peek() !== '.') return segments;
      this.at++;
    }
  }

  private value(): TomlValue | undefined {
    const c = this.peek();
    if (this.text.startsWith('"""', this.at) || this.text.startsWith("'''", this.at)) {
      return this.multiLineString(c);
    }
    if (c === '"' || c === "'") return this.singleLineString(c);
    if (c === '[') return this.array();
    if (c === '{') return { raw: this.inlineTable() };
    const match = /^[^,\]}#\r\n]*/.exec(this.text.slice(this.at))!;
    const raw = match[0].trim();
    this.at += match[0].length;
    return raw === '' ? undefined : { raw };
  }

  private array(): TomlValue[] | undefined {
    this.at++; // [
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.at >= this.text.length) return undefined;
      if (this.peek() === ']') {
        this.at++;
        return items;
      }
      const item = this.value();
      if (item === undefined) return undefined;
      items.push(item);
      this.skipBlank(true);
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ']') return undefined;
    }
  }

  /** The text of `{ ... }`, strings inside included; nested braces are balanced. */
  private inlineTable(): string {
    const start = this.at;
    let depth = 0;
    while (this.at < this.text.length) {
      const c = this.peek();
      if (c === '"' || c === "'") {
        if (this.text.startsWith(c.repeat(3), this.at)) this.multiLineString(c);
        else this.singleLineString(c);
        continue;
      }
      if (c === '\n') this.line++;
      this.at++;
      if (c === '{') depth++;
      if (c === '}' && --depth === 0) break;
    }
    return this.text.slice(start, this.at);
  }

  /** `"basic"` (with escapes) or `'literal'`; an unterminated one ends with its line. */
  private singleLineString(quote: string): string {
    this.at++;
    let out = '';
    while (this.at < this.text.length) {
      const c = this.peek();
      if (c === '\n' || c === '\r') break;
      this.at++;
      if (c === quote) return out;
      if (c === '\\' && quote === '"') out += this.escape();
      else out += c;
    }
    return out;
  }

  private multiLineString(quote: string): string {
    const fence = quote.repeat(3);
    this.at += 3;
    // A newline right after the opening quotes is not part of the string.
    const newline = /^\r?\n/.exec(this.text.slice(this.at, this.at + 2));
    if (newline) {
      this.at += newline[0].length;
      this.line++;
    }
    let out = '';
    while (this.at < this.text.length) {
      if (this.text.startsWith(fence, this.at)) {
        this.at += 3;
        // Up to two more quotes belong to the string: `""""a""""`.
        while (out.length < 2 && this.peek() === quote && !this.text.startsWith(fence, this.at)) {
          out += quote;
          this.at++;
        }
        return out;
      }
      const c = this.peek();
      this.at++;
      if (c === '\n') this.line++;
      if (c === '\\' && quote === '"') {
        const rest = /^[ \t]*\r?\n\s*/.exec(this.text.slice(this.at));
        if (rest) {
          // A line-ending backslash: the newline and the whitespace after it are dropped.
          this.line += rest[0].split('\n').length - 1;
          this.at += rest[0].length;
        } else out += this.escape();
      } else out += c;
    }
    return out;
  }

  /** After a backslash in a basic string. */
  private escape(): string {
    const c = this.peek();
    this.at++;
    if (c in ESCAPES) return ESCAPES[c]!;
    const digits = c === 'u' ? 4 : c === 'U' ? 8 : 0;
    const hex = this.text.slice(this.at, this.at + digits);
    if (digits > 0 && new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) {
      const code = Number.parseInt(hex, 16);
      if (code <= 0x10ffff) {
        this.at += digits;
        return String.fromCodePoint(code);
      }
    }
    return `\\${c}`;
  }

  /** Spaces and tabs; with `lines`, also newlines and comments. */
  private skipBlank(lines: boolean): void {
    while (this.at < this.text.length) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.at++;
      else if (lines && c === '\n') {
        this.line++;
        this.at++;
      } else if (lines && c === '#') this.skipComment();
      else break;
    }
  }

  private skipComment(): void {
    while (this.at < this.text.length && this.peek() !== '\n') this.at++;
  }

  /** To the start of the next line (what is left of this one is a comment or unreadable). */
  private skipLine(): void {
    const end = this.text.indexOf('\n', this.at);
    this.at = end < 0 ? this.text.length : end + 1;
    if (end >= 0) this.line++;
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }
}
