/**
 * The settings a diagram may not change for itself. Mermaid reads configuration from the
 * diagram's source, in `%%{init: …}%%` directives and in `---\nconfig: …\n---` front matter;
 * the kit draws every diagram with one theme (`render-mermaid.ts`), and some settings would
 * undo what keeps the deck safe and offline. Those are refused with the line that sets them.
 */
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

/**
 * The settings a diagram's source changes that the kit does not allow, each at the line of the
 * file that sets it, with what to do instead.
 */
export function checkDiagramSettings(diagram: DiagramRef): SourceIssue[] {
  const issues: SourceIssue[] = [];
  // The fence is on `diagram.line`; the source's first line is the next one.
  const lineAt = (offset: number) => diagram.line + 1 + (diagram.code.slice(0, offset).match(/\n/g)?.length ?? 0);
  const check = (text: string, start: number, where: string) => {
    for (const key of text.matchAll(RE_KEY)) {
      const name = key[1]!;
      const known = Object.keys(REFUSED).find((k) => k.toLowerCase() === name.toLowerCase());
      const why = known ? REFUSED[known] : 'a key starting with "__" reaches into Mermaid\'s internals';
      const at = start + key.index! + key[0].indexOf(name);
      issues.push({
        file: diagram.file,
        line: lineAt(at),
        message: `this diagram's ${where} sets "${name}", which the kit does not allow: ${why}. Remove it; every diagram is drawn with the deck's theme and settings (DEFAULT_THEME in src/deck/render-mermaid.ts)`,
      });
    }
  };
  for (const directive of diagram.code.matchAll(RE_DIRECTIVE)) check(directive[1]!, directive.index! + 3, '%%{…}%% directive');
  const front = RE_FRONT_MATTER.exec(diagram.code);
  if (front) check(front[1]!, front.index + front[0].indexOf(front[1]!), 'front matter');
  return issues;
}
