import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/deck/build-deck.ts';
import { DeckBuildError } from '../../../src/deck/errors.ts';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/deck');

/** A throwaway project with the given slide files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-deck-'));
  mkdirSync(join(root, 'slides'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'slides', name), text);
  return root;
}

async function problems(root: string): Promise<string[]> {
  try {
    await buildDeck(root);
  } catch (error) {
    if (error instanceof DeckBuildError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the build was expected to fail');
}

const savedChromePath = process.env.CHROME_PATH;
afterEach(() => {
  if (savedChromePath === undefined) delete process.env.CHROME_PATH;
  else process.env.CHROME_PATH = savedChromePath;
});

describe('buildDeck', () => {
  it('turns the fixture deck into the expected reveal.js sections (Markdown in, HTML out)', async () => {
    const deck = await buildDeck(FIXTURE);
    expect(deck.diagrams).toMatchObject({ total: 1, rendered: 0 });
    await expect(deck.html).toMatchFileSnapshot('../../fixtures/deck/expected.html');
    expect(deck.html).toContain('data-section-id="one"');
    expect(deck.html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
    expect(deck.html).toMatch(/<figure class="diagram"[^>]*><svg[^>]*aria-labelledby="chart-title-d-/);
    expect(deck.html).toContain('<title id="chart-title-d-');
    expect(deck.html).toContain('>Levers</title>');
    expect(deck.html).toContain('<aside class="notes"><p>Explain the levers.</p>');
  });

  it('stops on a KaTeX error with the formula\'s line', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n\n# A\n\nText\n\n$$\\frac{1}{$$\n\nand $\\nope$ here\n' });
    expect(await problems(root)).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:10: KaTeX cannot render "\\frac\{1\}\{": /),
      expect.stringMatching(/^slides\/01-a\.md:12: KaTeX cannot render "\\nope": .*Undefined control sequence/),
    ]);
  });

  it('stops when two files use one section id, naming both', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n', '02-b.md': '---\nid: a\ntitle: B\n---\n# B\n' });
    expect(await problems(root)).toEqual(['slides/02-b.md:2: the section id "a" is already used by slides/01-a.md: section ids must be unique']);
  });

  it('refuses an image without alt text', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n![](chart.png)\n' });
    expect(await problems(root)).toEqual([
      'slides/01-a.md:5: the image chart.png has no alt text: write what it shows between the brackets, ![like this](chart.png)',
    ]);
  });

  it('stops on a Mermaid syntax error with the line inside the file', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n```mermaid\nflowchart LR\n  A --> B\n  B -->> ]]\n```\n' });
    const [line, ...rest] = await problems(root);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^slides\/01-a\.md:10: Mermaid cannot draw this diagram: Parse error on line 3/);
  });

  it('without a browser, names the diagram that needs one and how to get one', async () => {
    process.env.CHROME_PATH = '/nonexistent/chromium';
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n```mermaid\nflowchart LR\n  New --> Diagram\n```\n' });
    const [line] = await problems(root);
    expect(line).toMatch(/^slides\/01-a\.md:7: this diagram is new or changed \(cache key [0-9a-f]{16}\) and drawing it needs a browser: install Chromium/);
    expect(line).toContain('set CHROME_PATH');
  });
});

describe('quiz text on the page', () => {
  it('never lets raw HTML in a quiz run script: prompts, choices and feedback are escaped', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A {#title}\n' });
    mkdirSync(join(root, 'quizzes'));
    mkdirSync(join(root, 'assets/source'), { recursive: true });
    writeFileSync(join(root, 'assets/source/press-conference.txt'), 'the source');
    writeFileSync(
      join(root, 'quizzes/x.yaml'),
      [
        'id: x',
        'title: "X <script>alert(1)</script>"',
        'after: a',
        'questions:',
        '  - id: q',
        '    type: single',
        '    prompt: "Pick <img src=x onerror=alert(1)>"',
        '    explanation: "</script><script>alert(2)</script>"',
        '    slide: a/title',
        '    source: "the source"',
        '    choices:',
        '      - { text: "<b onmouseover=alert(3)>bold</b>", correct: true, feedback: "<iframe src=javascript:alert(4)>" }',
        '      - { text: "no" }',
      ].join('\n'),
    );
    const { html: slides, data } = await buildDeck(root);
    const html = `${slides}${data}`;
    expect(html).not.toMatch(/<(script|img|iframe|b)\b[^>]*(alert|onerror|onmouseover)/i);
    expect(html).toContain('Pick &lt;img src=x onerror=alert(1)&gt;');
    // The quiz data rides in a JSON script element that no text can close.
    expect(data.startsWith('<script type="application/json" id="kit-quizzes">')).toBe(true);
    expect(data.match(/<\/script>/g)).toHaveLength(1);
    expect(slides).not.toContain('<script');
  });
});
