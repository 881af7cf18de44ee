import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/deck/build-deck.ts';
import { readAccessible } from '../../../src/deck/diagram-accessible.ts';
import { cachePaths, diagramKey, pruneDiagramCache } from '../../../src/deck/diagram-cache.ts';
import { MERMAID_VERSION } from '../../../src/deck/diagram-draw.ts';
import { modelFromParse } from '../../../src/deck/diagram-model.ts';
import { layoutsTried, readPhoneChoice, writePhoneChoice } from '../../../src/deck/diagram-phone.ts';
import { DeckBuildError } from '../../../src/deck/errors.ts';
import { compactDrawing, DEFAULT_THEME, phoneDrawings } from '../../../src/deck/render-mermaid.ts';

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

  it('refuses an image without alt text, at its line', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\nSome text\nand ![](chart.png)\n' });
    writeFileSync(join(root, 'slides/chart.png'), 'png');
    expect(await problems(root)).toEqual([
      'slides/01-a.md:8: the image chart.png has no alt text: write what it shows between the brackets, ![like this](chart.png)',
    ]);
  });

  it('without a browser, names the diagram that needs one and how to get one', async () => {
    process.env.CHROME_PATH = '/nonexistent/chromium';
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n```mermaid\nflowchart LR\n  New --> Diagram\n  accTitle: T\n  accDescr: D\n```\n' });
    const [line] = await problems(root);
    expect(line).toMatch(/^slides\/01-a\.md:7: this diagram is new or changed \(cache key [0-9a-f]{16}\) and drawing it needs a browser: install Chromium/);
    expect(line).toContain('set CHROME_PATH');
  });
});

describe('images: the deck makes no request and shows no broken picture', () => {
  it('refuses an image from the internet, at its line, even in a quiz', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n![A chart](https://example.com/chart.png)\n\n![A map](//cdn.example.com/map.png)\n' });
    expect(await problems(root)).toEqual([
      'slides/01-a.md:7: the image https://example.com/chart.png is on the internet, and the deck (and its offline file) makes no request: download it into the project (e.g. assets/images/) and write its path here',
      'slides/01-a.md:9: the image //cdn.example.com/map.png is on the internet, and the deck (and its offline file) makes no request: download it into the project (e.g. assets/images/) and write its path here',
    ]);
  });

  it('refuses an image that is not there, and points a found one at its file from the project root', async () => {
    const root = project({ '01-a.md': '---\nid: a\ntitle: A\n---\n# A\n\n![A chart](../assets/images/chart.png)\n\n---\n\n## B\n\n![A map](map.png)\n' });
    expect(await problems(root)).toEqual([
      'slides/01-a.md:7: the image ../assets/images/chart.png is not found (looked for assets/images/chart.png): write its path from this file, e.g. ../assets/images/chart.png',
      'slides/01-a.md:13: the image map.png is not found (looked for slides/map.png): write its path from this file, e.g. ../assets/images/chart.png',
    ]);
    mkdirSync(join(root, 'assets/images'), { recursive: true });
    writeFileSync(join(root, 'assets/images/chart.png'), 'png');
    writeFileSync(join(root, 'slides/map.png'), 'png');
    const { html } = await buildDeck(root);
    expect(html).toContain('<img src="./assets/images/chart.png" alt="A chart">');
    expect(html).toContain('<img src="./slides/map.png" alt="A map">');
  });
});

/**
 * A throwaway project with one diagram, and (unless `cached` is false) its cache entry as given
 * (keyed, as the kit keys it, by the source Mermaid is given). For a flowchart, `phone` says what
 * the cache holds of its drawing for phones: the first layout tried, chosen, with its drawing (the
 * same file, its ids under its own key); the drawing as written chosen (`written`); or nothing.
 */
function diagramProject(code: string, svg?: string, withModel = true, phone: 'chosen' | 'written' | 'none' = 'chosen'): { root: string; key: string; narrowKey?: string } {
  const root = project({ '01-a.md': `---\nid: a\ntitle: A\n---\n# A\n\n\`\`\`mermaid\n${code}\n\`\`\`\n` });
  const given = readAccessible(code).code;
  const key = diagramKey(given, DEFAULT_THEME.config, MERMAID_VERSION);
  const layouts = phoneDrawings(given);
  const narrowKey = phone === 'chosen' ? layouts[0]?.key : undefined;
  mkdirSync(join(root, 'assets/diagrams'), { recursive: true });
  for (const k of narrowKey ? [key, narrowKey] : [key]) {
    const paths = cachePaths(root, k);
    if (svg !== undefined) writeFileSync(paths.svg, svg.replaceAll(key, k));
    if (withModel) {
      const model = modelFromParse({ type: 'flowchart-v2', vertices: [{ id: 'A', text: 'Safe' }, { id: 'B', text: 'Box' }], edges: [{ start: 'A', end: 'B', type: 'arrow_point', stroke: 'normal' }] });
      writeFileSync(paths.json, JSON.stringify(model));
    }
  }
  if (layouts.length > 0 && phone !== 'none') {
    const tried = layoutsTried(layouts.map((layout) => layout.key));
    writePhoneChoice(root, key, { key: narrowKey ?? null, change: narrowKey ? layouts[0]!.layout.change : '', width: { written: 900, chosen: narrowKey ? 500 : 900 }, tried });
  }
  return { root, key, narrowKey };
}

/** A small drawing as Mermaid writes one, its ids under `d-KEY`. */
const DRAWING =
  '<svg id="d-KEY" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="graphics-document document" aria-labelledby="chart-title-d-KEY" aria-describedby="chart-desc-d-KEY"><title id="chart-title-d-KEY">T</title><desc id="chart-desc-d-KEY">D</desc><style>#d-KEY .node rect{fill:#e8f0fa}</style><g class="root"><marker id="d-KEY_arrow"><path d="M0 0"/></marker><g class="node" id="d-KEY-flowchart-A-0"><rect/><text>Safe</text></g><path class="flowchart-link" d="M0 0L9 9" marker-end="url(#d-KEY_arrow)"/></g></svg>';

describe('diagrams from the committed cache', () => {
  beforeEach(() => {
    process.env.CHROME_PATH = '/nonexistent/chromium'; // nothing here may need a browser
  });

  it('inlines a cached drawing sanitised: no script, no event handler, no request, and what diagrams need kept', async () => {
    const evil = [
      '<svg id="d-KEY" xmlns="http://www.w3.org/2000/svg" role="graphics-document document" aria-roledescription="flowchart-v2" aria-labelledby="chart-title-d-KEY" onload="alert(1)">',
      '<title id="chart-title-d-KEY">Safe title</title><desc id="chart-desc-d-KEY">A description</desc>',
      '<style>@import url(https://evil.example/x.css);#d-KEY .node rect{fill:#e8f0fa;background:url(http://evil.example/y.png)}#d-KEY .cluster rect{fill:red}@keyframes dash{to{stroke-dashoffset:0}}</style>',
      '<g class="root"><script>alert(2)</script><marker id="d-KEY_arrow"><path d="M0 0"/></marker>',
      '<path class="flowchart-link" marker-end="url(#d-KEY_arrow)" d="M0 0L9 9" onclick="alert(3)"/>',
      '<image href="https://evil.example/z.png"/><a href="javascript:alert(4)"><text>link</text></a>',
      '<foreignObject><div><img src=x onerror=alert(5)></div></foreignObject><g class="node"><rect/><text class="label">Safe</text></g></g></svg>',
    ].join('');
    // One drawing (the phone shows it too), whose own style rules are checked (a second drawing would share them).
    const code = 'flowchart TB\n  accTitle: Safe title\n  A[Safe] --> B[Box]\n  accDescr: A description';
    const key = diagramKey(readAccessible(code).code, DEFAULT_THEME.config, MERMAID_VERSION);
    const { root } = diagramProject(code, evil.replaceAll('KEY', key), true, 'written');
    const { html } = await buildDeck(root);
    expect(html).not.toMatch(/<script|onload|onclick|onerror|javascript:|<image|<foreignObject|evil\.example/i);
    // The rules of its own classes stay; a rule for a class it does not use (clusters), and an animation nothing runs, go.
    expect(html).toContain(`<style>#d-${key} .node rect{fill:#e8f0fa;background:none}</style>`);
    expect(html).toContain(`marker-end="url(#d-${key}_arrow)"`);
    expect(html).toMatch(new RegExp(`<svg id="d-${key}"[^>]*role="img"[^>]*aria-labelledby="chart-title-d-${key}"`));
    expect(html).toContain(`<title id="chart-title-d-${key}">Safe title</title><desc id="chart-desc-d-${key}">A description</desc>`);
    expect(html).toContain('class="flowchart-link"');
  });

  it('draws again an entry whose reading (JSON) is missing, as if the drawing were: here, without a browser, says so', async () => {
    const { root, key } = diagramProject('flowchart LR\n  A --> B\n  accTitle: T\n  accDescr: D', '<svg id="x" xmlns="http://www.w3.org/2000/svg"></svg>', false);
    const [line] = await problems(root);
    expect(line).toBe(
      `slides/01-a.md:7: this diagram is new or changed (cache key ${key}) and drawing it needs a browser: install Chromium (Debian/Ubuntu: \`sudo apt-get install chromium\`) or set CHROME_PATH to a Chrome or Chromium executable, then build again; the drawing is then kept in assets/diagrams/ as ${key}.svg and ${key}.json (commit both)`,
    );
  });

  it('refuses a cached file that is not a drawing', async () => {
    const { root, key } = diagramProject('flowchart LR\n  A --> B\n  accTitle: T\n  accDescr: D', '<script>alert(1)</script>');
    expect(await problems(root)).toEqual([`slides/01-a.md:7: assets/diagrams/${key}.svg is not a drawing: delete it and build again (with Chromium) to draw the diagram anew`]);
  });
});

describe('Mermaid settings a diagram may not change', () => {
  beforeEach(() => {
    process.env.CHROME_PATH = '/nonexistent/chromium';
  });

  it('refuses a %%{init}%% directive that loosens security, turns on HTML labels or injects CSS, each at its line', async () => {
    const code = [
      'flowchart LR',
      "  %%{init: {'securityLevel': 'loose',",
      '    "flowchart": { "htmlLabels": true },',
      '    themeCSS: ".node { background: url(https://x.example/a.png) }" }}%%',
      '  A --> B',
      '  accTitle: T',
      '  accDescr: D',
    ].join('\n');
    const { root } = diagramProject(code, undefined, false);
    const lines = await problems(root);
    expect(lines.map((l) => l.replace(/ which the kit does not allow: .*/, ''))).toEqual([
      'slides/01-a.md:9: this diagram\'s %%{…}%% directive sets "securityLevel",',
      'slides/01-a.md:10: this diagram\'s %%{…}%% directive sets "htmlLabels",',
      'slides/01-a.md:11: this diagram\'s %%{…}%% directive sets "themeCSS",',
    ]);
    expect(lines[1]).toContain('Remove it; every diagram is drawn with the deck\'s theme and settings');
  });

  it('refuses the same in config front matter', async () => {
    const code = ['---', 'title: Links', 'config:', '  flowchart:', '    htmlLabels: true', '  themeVariables:', '    primaryColor: "red"', '---', 'flowchart LR', '  A --> B', '  accTitle: T', '  accDescr: D'].join('\n');
    const { root } = diagramProject(code, undefined, false);
    expect((await problems(root)).map((l) => l.replace(/, which the kit does not allow: .*/, ''))).toEqual([
      'slides/01-a.md:12: this diagram\'s front matter sets "htmlLabels"',
      'slides/01-a.md:13: this diagram\'s front matter sets "themeVariables"',
    ]);
  });

  it('is not fooled by a key written with escapes, which Mermaid would decode', async () => {
    const { root } = diagramProject('flowchart LR\n  %%{init: {"flowchart": {"\\u0068tmlLabels": true}}}%%\n  A --> B\n  accTitle: T\n  accDescr: D', undefined, false);
    expect((await problems(root)).map((l) => l.replace(/, which the kit does not allow: .*/, ''))).toEqual(['slides/01-a.md:9: this diagram\'s %%{…}%% directive sets "htmlLabels"']);
  });

  it('lets a directive change what does not matter to safety (here the curve), and draws it as any new diagram', async () => {
    const { root } = diagramProject('%%{init: {"flowchart": {"curve": "linear"}}}%%\nflowchart LR\n  A --> B\n  accTitle: T\n  accDescr: D', undefined, false);
    const [line, ...rest] = await problems(root);
    expect(rest).toEqual([]);
    expect(line).toContain('this diagram is new or changed');
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
    expect(slides).not.toMatch(/<(script|img|iframe|b)\b[^>]*(alert|onerror|onmouseover)/i);
    expect(slides).toContain('Pick &lt;img src=x onerror=alert(1)&gt;');
    // Inside a script element only `</` (an end tag) and `<!` (a comment) are markup: the JSON has neither.
    const inside = data.replace(/<script type="application\/json" id="[\w-]+">|<\/script>$/gm, '');
    expect(inside).not.toMatch(/<\/|<!/);
    expect(inside).toContain('alert(1)');
    // The quiz data and the interface strings ride in JSON script elements that no text can close.
    expect(data.startsWith('<script type="application/json" id="kit-quizzes">')).toBe(true);
    expect(data.match(/<\/script>/g)).toHaveLength(2);
    expect(data.match(/<script type="application\/json" id="kit-strings">/g)).toHaveLength(1);
    expect(slides).not.toContain('<script');
  });
});

describe('a flowchart too wide for a phone has a second drawing, in the layout that fits', () => {
  beforeEach(() => {
    process.env.CHROME_PATH = '/nonexistent/chromium'; // nothing here may need a browser
  });

  it('puts both drawings in the figure, marked wide and narrow, each with its own ids', async () => {
    const code = 'flowchart LR\n  accTitle: T\n  accDescr: D\n  A[Safe] --> B[Box]';
    const key = diagramKey(readAccessible(code).code, DEFAULT_THEME.config, MERMAID_VERSION);
    const { root, narrowKey } = diagramProject(code, DRAWING.replaceAll('KEY', key));
    const deck = await buildDeck(root);
    const figure = /<figure class="diagram"[\s\S]*?<\/figure>/.exec(deck.html)![0];
    const svgs = [...figure.matchAll(/<svg\b[^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    expect(svgs[0]).toMatch(new RegExp(`^<svg id="d-${key}"[^>]*role="img"[^>]* data-layout="wide">$`));
    expect(svgs[1]).toMatch(new RegExp(`^<svg id="d-${narrowKey}"[^>]*role="img"[^>]* data-layout="narrow">$`));
    const ids = [...figure.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(4);
    expect(new Set(ids).size).toBe(ids.length);
    // What the two share is in the page once: the wide drawing's style applies to both ids, and
    // its title and description name and describe both.
    expect(figure).toContain(`<style>:is(#d-${key},#d-${narrowKey}) .node rect{fill:#e8f0fa}</style>`);
    expect(figure.match(/<style>/g)).toHaveLength(1);
    expect(figure.match(/<title\b/g)).toHaveLength(1);
    expect(svgs[1]).toContain(`aria-labelledby="chart-title-d-${key}"`);
    // Each drawing's arrowheads are its own.
    expect(figure).toContain(`<marker id="d-${narrowKey}_arrow">`);
    // The cache keeps both drawings.
    expect(deck.diagrams.keys).toEqual([key, narrowKey]);
  });

  it('keeps one drawing where the drawing as written serves the phone, and for a diagram that is not a flowchart', async () => {
    for (const code of ['flowchart TB\n  accTitle: T\n  accDescr: D\n  A[Safe] --> B[Box]', 'mindmap\n  accTitle: T\n  accDescr: D\n  root((Safe))\n    Box']) {
      const key = diagramKey(readAccessible(code).code, DEFAULT_THEME.config, MERMAID_VERSION);
      const { root, narrowKey } = diagramProject(code, DRAWING.replaceAll('KEY', key), true, 'written');
      expect(narrowKey).toBeUndefined();
      const deck = await buildDeck(root);
      const figure = /<figure class="diagram"[\s\S]*?<\/figure>/.exec(deck.html)![0];
      expect([...figure.matchAll(/<svg\b/g)]).toHaveLength(1);
      expect(figure).not.toContain('data-layout');
      expect(deck.diagrams.keys).toEqual([key]);
    }
  });

  it('without a browser, says the phone layout is not chosen yet (or was chosen among other layouts than the kit tries now), with the key', async () => {
    const code = 'flowchart LR\n  accTitle: T\n  accDescr: D\n  A[Safe] --> B[Box]';
    const key = diagramKey(readAccessible(code).code, DEFAULT_THEME.config, MERMAID_VERSION);
    const expected = [
      expect.stringMatching(
        new RegExp(`^slides/01-a\\.md:7: this diagram's layout for phones is not chosen yet \\(cache key ${key}\\) and choosing it draws the diagram in other layouts, which needs a browser: .* as ${key}\\.phone\\.json, with its drawing \\(commit them\\)$`),
      ),
    ];
    const { root } = diagramProject(code, DRAWING.replaceAll('KEY', key), true, 'none');
    expect(await problems(root)).toEqual(expected);
    const stale = diagramProject(code, DRAWING.replaceAll('KEY', key), true, 'written');
    writePhoneChoice(stale.root, key, { ...readPhoneChoice(stale.root, key)!, tried: '0000000000000000' });
    expect(await problems(stale.root)).toEqual(expected);
  });

  it('keeps in the cache the phone choices of the drawings in use, and drops the others', () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-prune-'));
    mkdirSync(join(root, 'assets/diagrams'), { recursive: true });
    const [used, old] = ['0123456789abcdef', 'fedcba9876543210'];
    for (const k of [used, old]) for (const ext of ['svg', 'json', 'phone.json']) writeFileSync(join(root, 'assets/diagrams', `${k}.${ext}`), '{}');
    expect(pruneDiagramCache(root, [used])).toBe(1);
    expect(readdirSync(join(root, 'assets/diagrams')).sort()).toEqual([`${used}.json`, `${used}.phone.json`, `${used}.svg`]);
  });
});

describe('a drawing in the page carries nothing no one sees (the offline file has a budget)', () => {
  it('rounds shapes to hundredths, never a label, and drops script data, a normal font and unused arrowheads', () => {
    const svg = [
      '<svg id="d-k" viewBox="0 0 100.123456 50.5" width="100.123456"><style>#d-k .node rect{fill:#fff}</style>',
      '<marker id="d-k_used"><path d="M 0 0 L 10 5"/></marker><marker id="d-k_unused"><path d="M 1 1"/></marker>',
      '<path class="flowchart-link flowchart-link" d="M1.23456,2.5L3.999999,4" data-points="W3t9XQ==" data-id="L_A_B_0" style=";" marker-end="url(#d-k_used)"/>',
      '<g class="node" transform="translate(91.43982696533203, 35)"><text y="-10.1"><tspan font-style="normal" font-weight="normal">π is 3.14159</tspan><tspan font-weight="bold">!</tspan></text></g></svg>',
    ].join('');
    expect(compactDrawing(svg)).toBe(
      [
        '<svg id="d-k" viewBox="0 0 100.12 50.5" width="100.12"><style>#d-k .node rect{fill:#fff}</style>',
        '<marker id="d-k_used"><path d="M 0 0 L 10 5"/></marker>',
        '<path class="flowchart-link" d="M1.23,2.5L3.99,4" marker-end="url(#d-k_used)"/>',
        '<g class="node" transform="translate(91.43, 35)"><text y="-10.1"><tspan>π is 3.14159</tspan><tspan font-weight="bold">!</tspan></text></g></svg>',
      ].join(''),
    );
  });

  it('drops the rules of Mermaid\'s "neo" look, and the gradient only they use, from a classic drawing; keeps them in a neo one', () => {
    const classic = '<svg id="d-k"><style>#d-k .node rect{fill:#fff}#d-k [data-look="neo"].node rect,#d-k [data-look="neo"].node polygon{stroke:url(#d-k-gradient)}</style><g class="node" data-look="classic"><rect/></g><linearGradient id="d-k-gradient"><stop offset="0%"></stop></linearGradient></svg>';
    expect(compactDrawing(classic)).toBe('<svg id="d-k"><style>#d-k .node rect{fill:#fff}</style><g class="node"><rect/></g></svg>');
    const neo = classic.replace('data-look="classic"', 'data-look="neo"');
    expect(compactDrawing(neo)).toBe(neo);
  });
});
