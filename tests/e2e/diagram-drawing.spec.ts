/**
 * Drawing diagrams needs Chromium, so these checks live with the browser tests: a new diagram
 * is drawn by Mermaid and cached with Mermaid's own reading of it, an entry without that
 * reading is drawn again, and a syntax error names its line in the file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildDeck } from '../../src/deck/build-deck.ts';
import { readModel } from '../../src/deck/diagram-model.ts';
import { DeckBuildError } from '../../src/deck/errors.ts';

const DIAGRAM = [
  'flowchart LR',
  '  accTitle: Levers',
  '  accDescr: Two levers and what they raise',
  '  subgraph L [Levers]',
  '    A[Technology]',
  '    B["Brand<br>building"]',
  '  end',
  '  A -- "raises" --> Q[Quality]',
  '  B -.-> Q',
  '  Q --> R["Brand benefits of industry"]',
  '  R --> S["Industrial concentration"]',
].join('\n');

function project(code: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-draw-'));
  mkdirSync(join(root, 'slides'));
  writeFileSync(join(root, 'slides/01-a.md'), `---\nid: a\ntitle: A\n---\n# A\n\n\`\`\`mermaid\n${code}\n\`\`\`\n`);
  return root;
}

/** The error that stops building a project whose one slide holds the diagram `code`, its project removed after. */
async function buildError(code: string): Promise<DeckBuildError> {
  const root = project(code);
  try {
    const error = await buildDeck(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeckBuildError);
    return error as DeckBuildError;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test.describe('drawing a new diagram', () => {
  test.describe.configure({ timeout: 120_000 });

  test("caches the SVG with Mermaid's reading beside it, and builds the text version from that reading", async () => {
    const root = project(DIAGRAM);
    try {
      const first = await buildDeck(root);
      // A left-to-right flowchart too wide for a phone's column is drawn twice: as written, and
      // in the first layout tried that fits (here top to bottom), the choice kept beside it.
      expect(first.diagrams.rendered).toBe(2);
      expect(first.diagrams.keys).toHaveLength(2);
      expect(first.html).toMatch(/<svg id="d-[0-9a-f]{16}"[^>]* data-layout="wide">/);
      expect(first.html).toMatch(/<svg id="d-[0-9a-f]{16}"[^>]* data-layout="narrow">/);
      const key = first.diagrams.keys[0]!;
      const choice = JSON.parse(readFileSync(join(root, 'assets/diagrams', `${key}.phone.json`), 'utf8'));
      expect(choice).toMatchObject({ key: first.diagrams.keys[1], change: 'top to bottom' });
      expect(choice.width.written).toBeGreaterThan(624);
      expect(choice.width.chosen).toBeLessThanOrEqual(624);
      const svg = join(root, 'assets/diagrams', `${key}.svg`);
      const json = join(root, 'assets/diagrams', `${key}.json`);
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg id="d-/);
      expect(readModel(readFileSync(json, 'utf8'))?.flowchart).toEqual({
        nodes: [
          { id: 'A', label: 'Technology' },
          { id: 'B', label: 'Brand<br>building' },
          { id: 'Q', label: 'Quality' },
          { id: 'R', label: 'Brand benefits of industry' },
          { id: 'S', label: 'Industrial concentration' },
        ],
        groups: [{ id: 'L', title: 'Levers', members: ['A', 'B'] }],
        edges: [
          { from: 'A', to: 'Q', kind: 'to', dashed: false, label: 'raises' },
          { from: 'B', to: 'Q', kind: 'to', dashed: true },
          { from: 'Q', to: 'R', kind: 'to', dashed: false },
          { from: 'R', to: 'S', kind: 'to', dashed: false },
        ],
      });
      expect(first.html).toContain('<li>Levers: Technology; Brand building</li>');
      expect(first.html).toContain('Brand building <span aria-hidden="true">→</span><span class="visually-hidden">points to</span> Quality (dashed: our reading, not stated in the source)</li>');

      // From the cache now; and an entry that lost its reading is drawn again, like a missing one.
      expect((await buildDeck(root)).diagrams.rendered).toBe(0);
      rmSync(json);
      expect((await buildDeck(root)).diagrams.rendered).toBe(1);
      expect(existsSync(json)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('stops on a Mermaid syntax error with the line inside the file', async () => {
    const [line, ...rest] = (await buildError('flowchart LR\n  A --> B\n  B -->> ]]\n  accTitle: T\n  accDescr: D')).message.split('\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^slides\/01-a\.md:10: Mermaid cannot draw this diagram: Parse error on line 3/);
  });

  test('draws a mindmap that starts with accTitle: and accDescr: (Mermaid refuses them there), titled and described by them', async () => {
    const root = project('mindmap\n  accTitle: The areas\n  accDescr: A system rests on two areas.\n  root((System))\n    Traditional\n    Future');
    try {
      const deck = await buildDeck(root);
      expect(deck.diagrams.rendered).toBe(1);
      expect(deck.html).toMatch(/<svg[^>]*aria-labelledby="chart-title-d-[^"]*"[^>]*><title id="chart-title-d-[^"]*">The areas<\/title><desc id="chart-desc-d-[^"]*">A system rests on two areas\.<\/desc>/);
      const model = readModel(readFileSync(join(root, 'assets/diagrams', `${deck.diagrams.keys[0]}.json`), 'utf8'));
      expect(model?.labels).toEqual(['System', 'Traditional', 'Future']);
      expect(deck.html).toContain('<ul class="diagram-labels"><li>System</li><li>Traditional</li><li>Future</li></ul>');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("names the file's line of a syntax error below the title and description (Mermaid counts its lines without them)", async () => {
    const error = await buildError('flowchart LR\n  accTitle: T\n  accDescr {\n    D\n  }\n  A --> B\n  B -->> ]]');
    // The fence is on line 7; `B -->> ]]` is the source's 7th line, the file's 14th.
    expect(error.message).toMatch(/^slides\/01-a\.md:14: Mermaid cannot draw this diagram: Parse error on line 3/);
  });
});
