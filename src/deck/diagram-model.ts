/**
 * What a diagram says, as Mermaid itself read it while drawing it: for a flowchart, its boxes,
 * groups (subgraphs) and links. Kept beside the SVG in the cache (`assets/diagrams/<key>.json`),
 * so the text version needs neither a browser nor a second, home-made parser of Mermaid.
 */
import * as v from 'valibot';

/** A link's ends: an arrowhead (or circle, or cross) at the far end, at both ends, or none. */
export type LinkKind = 'to' | 'both' | 'line';

/** A flowchart as Mermaid parsed it. Labels are Mermaid's text: `<br>` kept, entity codes as HTML entities (`&quot;`). */
export interface FlowchartModel {
  nodes: { id: string; label: string }[];
  groups: { id: string; title: string; members: string[] }[];
  /** `dashed` links are the kit's reading, solid ones what the source states (the deck's diagram convention). */
  edges: { from: string; to: string; kind: LinkKind; dashed: boolean; label?: string }[];
}

/**
 * A diagram's cached reading: its type (Mermaid's name), and the flowchart when it is one; for
 * any other type, the text of its labels in the order drawn (each once), which its text version
 * lists, so a screen reader gets every word the drawing shows.
 */
export interface DiagramModel {
  version: typeof MODEL_VERSION;
  type: string;
  flowchart?: FlowchartModel;
  labels?: string[];
}

/** Bumped when the shape changes: an entry of another version is drawn again. */
export const MODEL_VERSION = 2;

/**
 * What the drawing page reads from Mermaid's parse (`mermaid.mermaidAPI.getDiagramFromText`):
 * the flowchart database's vertices, edges and subgraphs, as plain data.
 */
export interface MermaidParse {
  type: string;
  vertices?: { id: string; text?: string }[];
  edges?: { start: string; end: string; type?: string; stroke?: string; text?: string }[];
  subgraphs?: { id: string; title?: string; nodes: string[] }[];
  /** Every label of the drawing as drawn (`labelsOfDrawing`), for the types that are not flowcharts. */
  labels?: string[];
}

/**
 * Mermaid hides entity codes (`#quot;`, `#35;`) from its parser as `ﬂ°quot¶ß` and `ﬂ°°35¶ß`,
 * and turns them into HTML entities when it draws; the model keeps them as HTML entities too.
 */
function mermaidText(text: string): string {
  return text.replace(/ﬂ°°(\d+)¶ß/g, '&#$1;').replace(/ﬂ°(\w+)¶ß/g, '&$1;');
}

/**
 * Groups in reading order: Mermaid lists a nested subgraph before the one around it (it is
 * finished first); a reader meets the outer group first, then what is inside it.
 */
function outerFirst(subgraphs: NonNullable<MermaidParse['subgraphs']>): NonNullable<MermaidParse['subgraphs']> {
  const byId = new Map(subgraphs.map((g) => [g.id, g]));
  const nested = new Set(subgraphs.flatMap((g) => g.nodes.filter((id) => byId.has(id))));
  const ordered: typeof subgraphs = [];
  const visit = (group: (typeof subgraphs)[number]) => {
    if (ordered.includes(group)) return;
    ordered.push(group);
    for (const id of group.nodes) if (byId.has(id)) visit(byId.get(id)!);
  };
  for (const group of subgraphs) if (!nested.has(group.id)) visit(group);
  for (const group of subgraphs) visit(group); // a cycle Mermaid let through: keep every group
  return ordered;
}

/** Mermaid's edge types (`arrow_point`, `double_arrow_cross`, `arrow_open`…) as what a reader needs. */
function linkKind(type: string | undefined): LinkKind {
  if (type?.startsWith('double_')) return 'both';
  if (type === 'arrow_open' || type === undefined) return 'line';
  return 'to';
}

/**
 * The model of a diagram from Mermaid's parse. A subgraph that a link names also appears among
 * Mermaid's vertices: it is a group, not a box. Invisible links (`~~~`) only steer the layout.
 */
export function modelFromParse(parse: MermaidParse): DiagramModel {
  if (!parse.vertices || !parse.edges) return { version: MODEL_VERSION, type: parse.type, labels: [...new Set(parse.labels ?? [])] };
  const subgraphs = outerFirst(parse.subgraphs ?? []);
  const groupIds = new Set(subgraphs.map((g) => g.id));
  return {
    version: MODEL_VERSION,
    type: parse.type,
    flowchart: {
      nodes: parse.vertices.filter((n) => !groupIds.has(n.id)).map((n) => ({ id: n.id, label: mermaidText(n.text ?? n.id) })),
      groups: subgraphs.map((g) => ({ id: g.id, title: mermaidText(g.title ?? g.id), members: [...g.nodes] })),
      edges: parse.edges
        .filter((e) => e.stroke !== 'invisible')
        .map((e) => ({ from: e.start, to: e.end, kind: linkKind(e.type), dashed: e.stroke === 'dotted', ...(e.text ? { label: mermaidText(e.text) } : {}) })),
    },
  };
}

const FlowchartSchema = v.object({
  nodes: v.array(v.object({ id: v.string(), label: v.string() })),
  groups: v.array(v.object({ id: v.string(), title: v.string(), members: v.array(v.string()) })),
  edges: v.array(
    v.object({ from: v.string(), to: v.string(), kind: v.picklist(['to', 'both', 'line']), dashed: v.boolean(), label: v.optional(v.string()) }),
  ),
});
const ModelSchema = v.object({ version: v.literal(MODEL_VERSION), type: v.string(), flowchart: v.optional(FlowchartSchema), labels: v.optional(v.array(v.string())) });

/** A cached model read back; undefined when the text is not one (the diagram is then drawn again). */
export function readModel(json: string): DiagramModel | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const result = v.safeParse(ModelSchema, value);
  return result.success ? result.output : undefined;
}
