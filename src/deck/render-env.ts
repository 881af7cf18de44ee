import type { SourceIssue } from './errors.ts';

/** What the Markdown renderer carries while rendering one slide: where it is, what went wrong. */
export interface RenderEnv {
  [key: string | symbol]: unknown;
  file: string;
  /** 1-based line in `file` where the rendered Markdown starts. */
  line: number;
  issues: SourceIssue[];
  /** Diagrams met while rendering, in order; replaced by their SVG afterwards. */
  diagrams: DiagramRef[];
}

/** A Mermaid block as authored, with its place. */
export interface DiagramRef {
  /** The source Mermaid is given: as authored, with the `accTitle:`/`accDescr` lines left empty (see `readAccessible`). */
  code: string;
  /** The author's `accTitle:` and `accDescr:`, which the kit writes into the drawing and its text version. */
  title?: string;
  description?: string;
  file: string;
  /** Line of the opening fence. */
  line: number;
}
