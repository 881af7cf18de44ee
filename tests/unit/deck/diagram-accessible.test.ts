import { describe, expect, it } from 'vitest';
import { readAccessible, sourceLine, withTitleAndDescription } from '../../../src/deck/diagram-accessible.ts';

describe('readAccessible: one way to title and describe any diagram', () => {
  it('reads accTitle: and accDescr: and hides them from Mermaid as comments, keeping every line', () => {
    const code = 'mindmap\n  accTitle: The four areas\n  accDescr: What rests on what\n  root((System))\n    A';
    const read = readAccessible(code);
    expect(read).toMatchObject({ title: 'The four areas', description: 'What rests on what' });
    expect(read.code.split('\n')).toHaveLength(5);
    expect(read.code).not.toMatch(/acc(Title|Descr)\s*:/);
    expect(read.code.split('\n').slice(1, 3).every((line) => line.startsWith('%% '))).toBe(true);
    expect(read.code.split('\n')[3]).toBe('  root((System))');
  });

  it('reads a description over several lines (accDescr { … }), its line breaks kept without indentation', () => {
    const read = readAccessible('pie\n  accTitle: Time\n  accDescr {\n    First line\n    second line\n  }\n  "A" : 1');
    expect(read.description).toBe('First line\nsecond line');
    expect(read.code.split('\n')).toEqual(['pie', expect.stringMatching(/^%%/), expect.stringMatching(/^%%/), expect.stringMatching(/^%%/), expect.stringMatching(/^%%/), expect.stringMatching(/^%%/), '  "A" : 1']);
    expect(readAccessible('pie\n  accDescr { On one line }\n  "A" : 1').description).toBe('On one line');
  });

  it('gives no title or description when there is none', () => {
    expect(readAccessible('flowchart LR\n  A --> B')).toEqual({ code: 'flowchart LR\n  A --> B' });
  });

  it("maps Mermaid's error lines, counted without comment lines, back to the source's", () => {
    const { code } = readAccessible('flowchart LR\n  accTitle: T\n  accDescr: D\n  %% a note\n  A --> B\n  B -->> ]]');
    // Mermaid sees `flowchart LR`, `A --> B`, `B -->> ]]`: its line 3 is the source's line 6.
    expect(sourceLine(code, 3)).toBe(6);
    expect(sourceLine(code, 1)).toBe(1);
  });
});

describe('withTitleAndDescription', () => {
  it('writes <title> and <desc> first and names the SVG by them, as Mermaid does', () => {
    const svg = withTitleAndDescription('<svg id="d-1" role="graphics-document document"><style>x</style><g></g></svg>', 'A & B', 'Says <this>');
    expect(svg).toBe(
      '<svg id="d-1" role="graphics-document document" aria-describedby="chart-desc-d-1" aria-labelledby="chart-title-d-1"><title id="chart-title-d-1">A &amp; B</title><desc id="chart-desc-d-1">Says &lt;this&gt;</desc><style>x</style><g></g></svg>',
    );
  });

  it("replaces a title and description Mermaid wrote, so there is one of each", () => {
    const svg = withTitleAndDescription('<svg id="d-1" aria-labelledby="chart-title-d-1" aria-describedby="chart-desc-d-1"><title id="chart-title-d-1">Old</title><desc id="chart-desc-d-1">Old</desc><g></g></svg>', 'New', 'Newer');
    expect(svg.match(/<title/g)).toHaveLength(1);
    expect(svg.match(/aria-labelledby/g)).toHaveLength(1);
    expect(svg).toContain('>New</title><desc id="chart-desc-d-1">Newer</desc><g>');
  });
});
