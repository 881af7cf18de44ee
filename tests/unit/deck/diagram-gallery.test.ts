/**
 * The diagram gallery (`tests/fixtures/diagram-gallery/`): one diagram of each type an author is
 * likely to use, each built from the fixture's committed drawings, each titled and described
 * by the author's `accTitle:` and `accDescr:` and followed by a text version holding every
 * label of the drawing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, type BuiltDeck } from '../../../src/deck/build-deck.ts';

const GALLERY = resolve(import.meta.dirname, '../../fixtures/diagram-gallery');
const TYPES = ['flowchart', 'mindmap', 'sequence', 'timeline', 'quadrant', 'pie', 'state', 'class', 'journey', 'gantt'];

/** Each slide's accTitle and accDescr as written in the fixture (read here with a plain pattern, not the kit's reader). */
function authored(): Map<string, { title: string; description: string }> {
  const source = readFileSync(resolve(GALLERY, 'slides/01-gallery.md'), 'utf8');
  const words = new Map<string, { title: string; description: string }>();
  for (const slide of source.split(/\n---\n/)) {
    const id = /\{#([\w-]+)\}/.exec(slide)?.[1];
    const title = /accTitle: (.*)/.exec(slide)?.[1];
    const description = /accDescr: (.*)/.exec(slide)?.[1];
    if (id && title && description) words.set(id, { title, description });
  }
  return words;
}

let deck: BuiltDeck;
let doc: Document;
beforeAll(async () => {
  deck = await buildDeck(GALLERY);
  doc = new JSDOM(deck.html).window.document;
});

describe('the diagram gallery', () => {
  it('builds every type from the committed drawings, none drawn again', () => {
    expect(deck.diagrams).toMatchObject({ total: TYPES.length, rendered: 0 });
    expect([...authored().keys()]).toEqual(TYPES);
  });

  for (const type of TYPES) {
    it(`${type}: the drawing carries the author's title and description, and the text version every label`, () => {
      const { title, description } = authored().get(type)!;
      const figure = doc.querySelector(`[id="gallery--${type}"] figure.diagram`)!;
      const svg = figure.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.querySelectorAll(':scope > title')).toHaveLength(1);
      expect(svg.querySelectorAll(':scope > desc')).toHaveLength(1);
      expect(doc.getElementById(svg.getAttribute('aria-labelledby')!)?.textContent).toBe(title);
      expect(doc.getElementById(svg.getAttribute('aria-describedby')!)?.textContent).toBe(description);

      const text = figure.querySelector('details.diagram-text')!;
      expect(text.querySelector('.diagram-title')?.textContent).toBe(title);
      expect(text.querySelector('.diagram-description')?.textContent).toBe(description);
      // Every word the drawing shows (axis ticks aside) is in the text version.
      const version = text.textContent!.replace(/\s+/g, ' ');
      const shown = [...svg.querySelectorAll('text')]
        .filter((t) => !t.closest('.tick'))
        .flatMap((t) => [...t.childNodes].flatMap((line) => line.textContent!.split(/\s+/)))
        .filter(Boolean);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((word) => !version.includes(word))).toEqual([]);
    });
  }
});
