/**
 * The settings a diagram may not change for itself. Mermaid reads configuration from the
 * diagram's source, in `%%{init: …}%%` directives and in `---\nconfig: …\n---` front matter;
 * the kit draws every diagram with one theme (`render-mermaid.ts`), and some settings would
 * undo what keeps the deck safe and offline. Those are refused with the line that sets them.
 */
import { parse as parseYaml } from 'yaml';
import type { SourceIssue } from './errors.ts';
import type { DiagramRef } from './render-env.ts';

/** Why each refused setting is refused; matched as a key anywhere in a directive or front matter. */
const REFUSED: Record<string, string> = {
  securityLevel: "it would loosen Mermaid's protection against scripts and links in diagrams",
  secure: "it would loosen Mermaid's protection against scripts and links in diagrams",
  dompurifyConfig: "it would loosen Mermaid's protection against scripts and links in diagrams",
  htmlLabels: 'HTML labels put HTML inside the SVG, which the kit removes (labels stay SVG text, readable and printable)',
  themeCSS: 'it injects CSS into the drawing, which can load files from the internet and overrides the deck’s theme',
  themeVariables: 'its values are written into the drawing’s CSS, which can load files from the internet and overrides the deck’s theme',
  fontFamily: 'the drawing is measured in the deck’s own fonts; another font would clip its labels',
  altFontFamily: 'the drawing is measured in the deck’s own fonts; another font would clip its labels',
};

const RE_DIRECTIVE = /%%\{([\s\S]*?)\}%%/g;
const RE_FRONT_MATTER = /^\s*---[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*---[ \t]*(?:\r?\n|$)/;
/** A key as JSON, JSON5 or YAML writes it: `"htmlLabels":`, `'htmlLabels':`, `htmlLabels:`. */
const RE_KEY = new RegExp(`(?:^|[\\s{,])["']?(${[...Object.keys(REFUSED), '__[\\w$]*'].join('|')})["']?\\s*:`, 'gim');

/** Why `key` is refused, or undefined when it is allowed. */
function refusal(key: string): string | undefined {
  if (key.startsWith('__')) return 'a key starting with "__" reaches into Mermaid\'s internals';
  const known = Object.keys(REFUSED).find((k) => k.toLowerCase() === key.toLowerCase());
  return known ? REFUSED[known] : undefined;
}

/** Every key of a parsed configuration, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

/**
 * The settings a diagram's source changes that the kit does not allow, each at the line of the
 * file that sets it, with what to do instead. The source is read twice: as text, for the line
 * of each key, and parsed as Mermaid parses it (JSON for a directive, YAML for front matter),
 * so a key written with escapes (`"\u0068tmlLabels"`) is caught too.
 */
export function checkDiagramSettings(diagram: DiagramRef): SourceIssue[] {
  const issues: SourceIssue[] = [];
  // The fence is on `diagram.line`; the source's first line is the next one.
  const lineAt = (offset: number) => diagram.line + 1 + (diagram.code.slice(0, offset).match(/\n/g)?.length ?? 0);
  const refuse = (name: string, at: number, where: string) =>
    issues.push({
      file: diagram.file,
      line: lineAt(at),
      message: `this diagram's ${where} sets "${name}", which the kit does not allow: ${refusal(name)}. Remove it; every diagram is drawn with the deck's theme and settings (DEFAULT_THEME in src/deck/render-mermaid.ts)`,
    });
  const check = (text: string, start: number, where: string, parsed: unknown) => {
    const seen = new Set<string>();
    for (const key of text.matchAll(RE_KEY)) {
      const name = key[1]!;
      seen.add(name);
      refuse(name, start + key.index! + key[0].indexOf(name), where);
    }
    for (const name of keysOf(parsed)) if (!seen.has(name) && refusal(name)) refuse(name, start, where);
  };
  for (const directive of diagram.code.matchAll(RE_DIRECTIVE)) {
    const body = directive[1]!;
    // As Mermaid reads it: `type: <JSON>`, single quotes taken for double ones.
    const args = /^\s*\w+\s*:([\s\S]*)$/.exec(body)?.[1];
    check(body, directive.index! + 3, '%%{…}%% directive', args === undefined ? undefined : tryParse(() => JSON.parse(args.trim().replace(/'/g, '"'))));
  }
  const front = RE_FRONT_MATTER.exec(diagram.code);
  if (front) check(front[1]!, front.index + front[0].indexOf(front[1]!), 'front matter', tryParse(() => parseYaml(front[1]!)));
  return issues;
}

function tryParse(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined; // Mermaid cannot read it either, and says so when drawing
  }
}
