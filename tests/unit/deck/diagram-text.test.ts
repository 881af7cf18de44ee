import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { modelFromParse, readModel, type MermaidParse } from '../../../src/deck/diagram-model.ts';
import { diagramTextHtml, plainLabel } from '../../../src/deck/diagram-text.ts';
import { createStrings } from '../../../src/i18n/strings.ts';

const t = createStrings(ENGLISH);

/**
 * What Mermaid 11 read in this flowchart while drawing it (recorded from the drawing page):
 *   A[Domestic cycle] -- "is the basis of" --> B[Dual cycles]
 *   C[Clusters] -. "our reading: build" .-> D["Business cards"]
 *   E[Plan] -.-> F[Trials]
 */
const CHART: MermaidParse = {
  type: 'flowchart-v2',
  vertices: [
    { id: 'A', text: 'Domestic cycle' },
    { id: 'B', text: 'Dual cycles' },
    { id: 'C', text: 'Clusters' },
    { id: 'D', text: 'Business cards' },
    { id: 'E', text: 'Plan' },
    { id: 'F', text: 'Trials' },
  ],
  edges: [
    { start: 'A', end: 'B', type: 'arrow_point', stroke: 'normal', text: 'is the basis of' },
    { start: 'C', end: 'D', type: 'arrow_point', stroke: 'dotted', text: 'our reading: build' },
    { start: 'E', end: 'F', type: 'arrow_point', stroke: 'dotted' },
  ],
  subgraphs: [],
};

/**
 * Recorded likewise:
 *   subgraph OUT [Outer]
 *     subgraph IN [Inner]
 *       P["Line one<br>line two #quot;quoted#quot;"]
 *     end
 *     Q[Q box]
 *   end
 *   P <--> Q
 *   Q --- R[R box]
 *   R ~~~ S[S box]
 *   R & S ==> OUT
 *   S --x P
 */
const NESTED: MermaidParse = {
  type: 'flowchart-v2',
  vertices: [
    { id: 'P', text: 'Line one<br>line two ﬂ°quot¶ßquotedﬂ°quot¶ß' },
    { id: 'Q', text: 'Q box' },
    { id: 'R', text: 'R box' },
    { id: 'S', text: 'S box' },
    { id: 'OUT', text: 'OUT' },
  ],
  edges: [
    { start: 'P', end: 'Q', type: 'double_arrow_point', stroke: 'normal' },
    { start: 'Q', end: 'R', type: 'arrow_open', stroke: 'normal' },
    { start: 'R', end: 'S', type: 'arrow_open', stroke: 'invisible' },
    { start: 'R', end: 'OUT', type: 'arrow_point', stroke: 'thick' },
    { start: 'S', end: 'OUT', type: 'arrow_point', stroke: 'thick' },
    { start: 'S', end: 'P', type: 'arrow_cross', stroke: 'normal' },
  ],
  subgraphs: [
    { id: 'IN', title: 'Inner', nodes: ['P'] },
    { id: 'OUT', title: 'Outer', nodes: ['IN', 'Q'] },
  ],
};

describe("a diagram's model, from Mermaid's own parse", () => {
  it('reads solid and dashed (dotted) links with their labels', () => {
    expect(modelFromParse(CHART).flowchart!.edges).toEqual([
      { from: 'A', to: 'B', kind: 'to', dashed: false, label: 'is the basis of' },
      { from: 'C', to: 'D', kind: 'to', dashed: true, label: 'our reading: build' },
      { from: 'E', to: 'F', kind: 'to', dashed: true },
    ]);
  });

  it('tells boxes from groups, lists outer groups first, and keeps only links that are drawn', () => {
    const chart = modelFromParse(NESTED).flowchart!;
    expect(chart.nodes.map((n) => n.id)).toEqual(['P', 'Q', 'R', 'S']);
    expect(chart.groups).toEqual([
      { id: 'OUT', title: 'Outer', members: ['IN', 'Q'] },
      { id: 'IN', title: 'Inner', members: ['P'] },
    ]);
    expect(chart.edges.map((e) => `${e.from} ${e.kind}${e.dashed ? ' dashed' : ''} ${e.to}`)).toEqual([
      'P both Q',
      'Q line R',
      'R to OUT',
      'S to OUT',
      'S to P',
    ]);
    expect(plainLabel(chart.nodes[0]!.label)).toBe('Line one line two "quoted"');
  });

  it('has no flowchart for another kind of diagram, so it gets no text version', () => {
    const model = modelFromParse({ type: 'sequence' });
    expect(model.flowchart).toBeUndefined();
    expect(diagramTextHtml(model, t).toString()).toBe('');
  });

  it('reads back from its cached JSON, and refuses a file that is not one', () => {
    const model = modelFromParse(CHART);
    expect(readModel(JSON.stringify(model))).toEqual(model);
    expect(readModel('not json')).toBeUndefined();
    expect(readModel(JSON.stringify({ ...model, version: 0 }))).toBeUndefined();
    expect(readModel(JSON.stringify({ ...model, flowchart: { nodes: [{ id: 1 }], groups: [], edges: [] } }))).toBeUndefined();
  });
});

describe('the text version of a flowchart', () => {
  it('says which arrows are our reading, and shows a key to solid and dashed', () => {
    const html = diagramTextHtml(modelFromParse(CHART), t).toString();
    expect(html).toContain('Domestic cycle <span aria-hidden="true">→</span><span class="visually-hidden">points to</span> Dual cycles (is the basis of)</li>');
    expect(html).toContain('Plan <span aria-hidden="true">→</span><span class="visually-hidden">points to</span> Trials (dashed: our reading, not stated in the source)</li>');
    expect(html).toMatch(/<p class="diagram-legend">.*solid arrow: stated in the source.*dashed arrow: our reading.*<\/p>/);
  });

  it('keys only solid arrows when the diagram has no dashed one', () => {
    const html = diagramTextHtml(modelFromParse({ type: 'flowchart-v2', vertices: [{ id: 'A', text: 'A' }, { id: 'B', text: 'B' }], edges: [{ start: 'A', end: 'B', type: 'arrow_point', stroke: 'normal' }] }), t).toString();
    expect(html).toContain('solid arrow: stated in the source');
    expect(html).not.toContain('dashed arrow');
  });

  it('names groups and both-way links, and escapes what the labels say', () => {
    const parse: MermaidParse = { ...NESTED, vertices: [...NESTED.vertices!, { id: 'X', text: '<img src=x onerror=alert(1)>' }] };
    const html = diagramTextHtml(modelFromParse(parse), t).toString();
    expect(html).toContain('<li>Outer: Inner; Q box</li>');
    expect(html).toContain('Line one line two &quot;quoted&quot; <span aria-hidden="true">↔</span><span class="visually-hidden">is linked both ways with</span> Q box');
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).not.toContain('<img');
  });
});
