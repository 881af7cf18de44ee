import { describe, expect, it } from 'vitest';
import { diagramTextHtml, readFlowchart } from '../../../src/deck/render-mermaid.ts';
import { createStrings } from '../../../src/i18n/strings.ts';

const t = createStrings();
const CHART = [
  'flowchart TB',
  '  accTitle: Links',
  '  accDescr: Stated and read links',
  '  A[Domestic cycle] -- "is the basis of" --> B[Dual cycles]',
  '  C[Clusters] -. "our reading: build" .-> D["Business cards"]',
  '  E[Plan] -.-> F[Trials]',
].join('\n');

describe('the text version of a flowchart', () => {
  it('reads solid and dashed links with their labels', () => {
    expect(readFlowchart(CHART)!.edges).toEqual([
      { from: 'A', to: 'B', kind: 'to', dashed: false, label: 'is the basis of' },
      { from: 'C', to: 'D', kind: 'to', dashed: true, label: 'our reading: build' },
      { from: 'E', to: 'F', kind: 'to', dashed: true, label: undefined },
    ]);
  });

  it('says which arrows are our reading, and shows a key to solid and dashed', () => {
    const html = diagramTextHtml(CHART, t);
    expect(html).toContain('Domestic cycle <span aria-hidden="true">→</span><span class="visually-hidden">points to</span> Dual cycles (is the basis of)</li>');
    expect(html).toContain('Plan <span aria-hidden="true">→</span><span class="visually-hidden">points to</span> Trials (dashed: our reading, not stated in the source)</li>');
    expect(html).toMatch(/<p class="diagram-legend">.*solid arrow: stated in the source.*dashed arrow: our reading.*<\/p>/);
  });

  it('keys only solid arrows when the diagram has no dashed one', () => {
    const html = diagramTextHtml('flowchart LR\n  A --> B', t);
    expect(html).toContain('solid arrow: stated in the source');
    expect(html).not.toContain('dashed arrow');
  });
});
