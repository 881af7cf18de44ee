import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import type { ValidationIssue } from '../errors.ts';

/**
 * A thin typed view over the YAML syntax tree that knows every node's line and path, and
 * collects issues instead of stopping at the first, so a file shows all its problems at once.
 */

/** A node as found in the tree: `null` for an empty value (`key:` with nothing after it). */
export type YamlNode = Node | null;

/** A value found at a path. */
export interface Located {
  path: string;
  node: YamlNode;
  /** Line to report problems with this value: its key's line when it has a key. */
  line: number;
}

/** The path of a child: `questions` + 2 → `questions[2]`, `questions[2]` + `id` → `questions[2].id`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Levenshtein distance, to suggest the key an author probably meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Parses the YAML once, then hands out typed values with their lines, collecting every issue. */
export class YamlReader {
  readonly issues: ValidationIssue[] = [];
  readonly root: YamlNode;
  private readonly source: string;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(source: string) {
    this.source = source;
    this.doc = parseDocument(source, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const message = error.message.split('\n')[0] ?? error.message;
      this.issues.push({ path: '', line: this.lineAt(error.pos[0]), message: `YAML syntax: ${message}` });
    }
    this.root = this.doc.errors.length > 0 ? null : (this.doc.contents as YamlNode);
  }

  lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  lineOf(node: YamlNode | undefined, fallback = 1): number {
    return node?.range ? this.lineAt(node.range[0]) : fallback;
  }

  report(path: string, line: number, message: string): void {
    this.issues.push({ path, line, message });
  }

  /** Follows `*alias` references to the anchored node. */
  resolve(node: YamlNode): YamlNode {
    return isAlias(node) ? ((node.resolve(this.doc) as YamlNode | undefined) ?? null) : node;
  }

  /** The value as a mapping, or `undefined` after reporting that it is not one. */
  mapping(at: Located, what: string): MapView | undefined {
    const node = this.resolve(at.node);
    if (isMap(node)) return new MapView(this, node, at.path);
    this.report(at.path, at.line, `${what} must be a mapping (key: value lines), got ${this.kind(node)}`);
    return undefined;
  }

  /** The items of a sequence, or `undefined` after reporting that it is not one. */
  sequence(at: Located, what: string): Located[] | undefined {
    const node = this.resolve(at.node);
    if (!isSeq(node)) {
      this.report(at.path, at.line, `${what} must be a list, got ${this.kind(node)}`);
      return undefined;
    }
    return node.items.map((item, index) => ({
      path: childPath(at.path, index),
      node: item as YamlNode,
      line: this.lineOf(item as YamlNode, at.line),
    }));
  }

  /**
   * A text value. Plain numbers and booleans are taken as written (`text: 2060`, `1.50`),
   * since authors rarely quote a year or a figure that is meant as text.
   */
  text(at: Located, what: string): string | undefined {
    const node = this.resolve(at.node);
    if (isScalar(node)) {
      if (typeof node.value === 'string') return node.value;
      if ((typeof node.value === 'number' || typeof node.value === 'boolean') && node.range) {
        return this.source.slice(node.range[0], node.range[1]).trim();
      }
    }
    this.report(at.path, at.line, `${what} must be a text, got ${this.kind(node)}`);
    return undefined;
  }

  number(at: Located, what: string): number | undefined {
    const node = this.resolve(at.node);
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    this.report(at.path, at.line, `${what} must be a number, got ${this.kind(node)}`);
    return undefined;
  }

  boolean(at: Located, what: string): boolean | undefined {
    const node = this.resolve(at.node);
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.report(at.path, at.line, `${what} must be true or false, got ${this.kind(node)}`);
    return undefined;
  }

  /** How a node looks, for messages. */
  kind(node: YamlNode): string {
    if (node === null) return 'nothing';
    if (isMap(node)) return 'a mapping';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) {
      const value = node.value;
      if (value === null) return 'nothing';
      if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
      return `${typeof value} ${String(value)}`;
    }
    return 'something else';
  }

  /** Reports `unknown key` with a suggestion when one allowed key is close. */
  unknownKey(path: string, line: number, key: string, allowed: readonly string[]): void {
    const near = allowed.filter((candidate) => distance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
    const hint = near.length === 1 ? `did you mean "${near[0]}"?` : `expected one of: ${allowed.join(', ')}`;
    this.report(path, line, `unknown key "${key}"; ${hint}`);
  }
}

/** A mapping with its path: typed access to its keys, each reporting its own problems. */
export class MapView {
  readonly reader: YamlReader;
  readonly path: string;
  readonly line: number;
  private readonly entries = new Map<string, Located>();

  constructor(reader: YamlReader, node: YAMLMap, path: string) {
    this.reader = reader;
    this.path = path;
    this.line = reader.lineOf(node);
    for (const pair of node.items) {
      const keyNode = pair.key as Scalar | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const line = reader.lineOf(keyNode as YamlNode, this.line);
      this.entries.set(key, { path: childPath(path, key), node: pair.value as YamlNode, line });
    }
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Located | undefined {
    return this.entries.get(key);
  }

  /** Line of `key` if present, else of the mapping. */
  lineOf(key: string): number {
    return this.entries.get(key)?.line ?? this.line;
  }

  pathOf(key: string): string {
    return childPath(this.path, key);
  }

  checkKeys(allowed: readonly string[]): void {
    for (const [key, at] of this.entries) {
      if (!allowed.includes(key)) this.reader.unknownKey(at.path, at.line, key, allowed);
    }
  }

  /** Reports a missing required key; always returns `undefined` for convenience. */
  missing(key: string, what: string): undefined {
    this.reader.report(this.pathOf(key), this.line, `missing: ${what}`);
    return undefined;
  }

  /** The entry for `key`, reporting it as missing (with `what`) when `required`. */
  require(key: string, what: string): Located | undefined {
    return this.entries.get(key) ?? this.missing(key, what);
  }

  text(key: string, what: string, required = false): string | undefined {
    const at = required ? this.require(key, what) : this.entries.get(key);
    return at && this.reader.text(at, what);
  }

  number(key: string, what: string, required = false): number | undefined {
    const at = required ? this.require(key, what) : this.entries.get(key);
    return at && this.reader.number(at, what);
  }

  boolean(key: string, what: string): boolean | undefined {
    const at = this.entries.get(key);
    return at && this.reader.boolean(at, what);
  }

  list(key: string, what: string, required = false): Located[] | undefined {
    const at = required ? this.require(key, what) : this.entries.get(key);
    return at && this.reader.sequence(at, what);
  }
}
