import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { ValidationIssue } from '../errors.ts';

/**
 * YAML text as plain data for the schema, plus the way back from a path in that data to the
 * line it was written on, so every problem the schema or a check finds is reported at its line.
 */

/** A path into the data: mapping keys and list indexes, from the root. */
export type DataPath = readonly (string | number)[];

export interface YamlData {
  /** Mappings as objects, lists as arrays, scalars as values; `undefined` when the text has errors or is empty. */
  data: unknown;
  /** YAML syntax errors, each at its line. */
  issues: ValidationIssue[];
  /**
   * The line of the value at `path`: its key's line when it has a key. Where the path goes past
   * what the file holds (a missing key), the line of the deepest part that exists.
   */
  lineAt(path: DataPath): number;
}

/** Aliases expanded beyond this many are a resource-exhaustion attack ("billion laughs"), not a quiz. */
const MAX_ALIASES = 100;

/** Whether the plain scalars under `key` (in a mapping that has `siblings` as keys) are numbers or true/false. */
export type IsValueKey = (key: string, siblings: readonly string[]) => boolean;

const keyText = (pair: unknown): string | undefined => (isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined);

/** The key a scalar belongs to (its own key, or the key of the list it is an item of) and that key's siblings. */
function owner(key: number | 'key' | 'value' | null, path: readonly unknown[]): { key: string; siblings: string[] } | undefined {
  const depth = key === 'value' ? 1 : typeof key === 'number' ? 2 : 0;
  const pair = depth > 0 ? path.at(-depth) : undefined;
  const map = depth > 0 ? path.at(-depth - 1) : undefined;
  const name = keyText(pair);
  if (name === undefined) return undefined;
  return { key: name, siblings: isMap(map) ? map.items.flatMap((item) => keyText(item) ?? []) : [] };
}

/**
 * Reads YAML text. Plain numbers and booleans are taken as written (`text: 2060`, `1.50`) unless
 * `isValueKey` says their key holds numbers or true/false: authors rarely quote a year or a
 * figure that is meant as text, and `1.50` must not become `1.5`.
 */
export function readYamlData(source: string, isValueKey: IsValueKey): YamlData {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: unknown, fallback: number): number =>
    (node as Node | null)?.range ? lines.linePos((node as Node).range![0]).line : fallback;
  const issues: ValidationIssue[] = doc.errors.map((error) => ({
    path: '',
    line: lines.linePos(error.pos[0]).line,
    message: `YAML syntax: ${error.message.split('\n')[0] ?? error.message}`,
  }));

  const lineAt = (path: DataPath): number => {
    let node: unknown = doc.contents;
    let line = lineOf(node, 1);
    for (const key of path) {
      if (isAlias(node)) node = node.resolve(doc as Document);
      const next = isMap(node)
        ? node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key))
        : isSeq(node) && typeof key === 'number'
          ? node.items[key]
          : undefined;
      if (next === undefined) break;
      line = isPair(next) ? lineOf(next.key, line) : lineOf(next, line);
      node = isPair(next) ? next.value : next;
    }
    return line;
  };

  if (issues.length > 0 || doc.contents === null) return { data: undefined, issues, lineAt };

  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || (typeof node.value !== 'number' && typeof node.value !== 'boolean') || !node.range) return;
      const at = owner(key, path);
      if (at === undefined || !isValueKey(at.key, at.siblings)) node.value = source.slice(node.range[0], node.range[1]).trim();
    },
  });
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown, issues, lineAt };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { data: undefined, issues: [{ path: '', line: 1, message: `YAML: ${message}` }], lineAt };
  }
}
