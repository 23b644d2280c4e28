import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';

/**
 * A YAML file with positions: checks read the plain data (merge keys and anchors resolved)
 * and ask for the line of a key or a list item by its path.
 */
export class YamlSource {
  readonly doc: Document;
  readonly counter = new LineCounter();
  readonly data: unknown;
  /** Syntax errors, with their 1-based line. */
  readonly errors: { line: number; message: string }[];

  constructor(readonly text: string) {
    this.doc = parseDocument(text, {
      lineCounter: this.counter,
      merge: true,
      prettyErrors: false,
      uniqueKeys: false,
    });
    this.errors = this.doc.errors.map((error) => ({
      line: this.counter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0]!,
    }));
    let data: unknown;
    if (this.errors.length === 0) {
      try {
        data = this.doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        this.errors.push({ line: 1, message: (error as Error).message });
      }
    }
    this.data = data;
  }

  line(offset: number): number {
    return this.counter.linePos(offset).line;
  }

  /** The node at a path (aliases followed), or undefined. */
  node(path: readonly (string | number)[]): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = node.items.find((item) => keyText(item.key) === String(segment));
        node = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    const resolved = this.resolve(node);
    return resolved as Node | undefined;
  }

  /**
   * The line of the last segment: the key of a mapping entry or the item of a list. When
   * the path does not exist (e.g. it comes from a merge key), the nearest existing parent.
   */
  lineOf(path: readonly (string | number)[]): number {
    for (let length = path.length; length > 0; length--) {
      const line = this.exactLine(path.slice(0, length));
      if (line !== undefined) return line;
    }
    return 1;
  }

  /** The line of a value (e.g. the image string), else of its key. */
  valueLine(path: readonly (string | number)[]): number {
    const node = this.node(path);
    const start = node?.range?.[0];
    return start === undefined ? this.lineOf(path) : this.line(start);
  }

  private exactLine(path: readonly (string | number)[]): number | undefined {
    const parent = this.node(path.slice(0, -1));
    const last = path[path.length - 1]!;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => keyText(item.key) === String(last));
      const start = (pair?.key as Node | undefined)?.range?.[0];
      return start === undefined ? undefined : this.line(start);
    }
    if (isSeq(parent) && typeof last === 'number') {
      const start = (parent.items[last] as Node | undefined)?.range?.[0];
      return start === undefined ? undefined : this.line(start);
    }
    return undefined;
  }

  private resolve(node: unknown): unknown {
    let current = node;
    for (let depth = 0; depth < 20 && isAlias(current); depth++) {
      current = current.resolve(this.doc);
    }
    return current;
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
