/**
 * The deck's own fonts, cut at build time to the characters the deck can show: Atkinson
 * Hyperlegible (Latin) and Noto Sans SC (Chinese), one small woff2 per weight and style, and
 * KaTeX's faces cut to the characters of the formulas, each with the unicode-range of what it
 * holds. Screen, the offline file and every PDF use these subsets; the full fonts stay in
 * node_modules, where Mermaid measures diagram labels in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { subsetToWoff2, type Subset } from './font-subset.ts';

const require = createRequire(import.meta.url);
/** The kit's own folder: its runtime and interface strings are part of every deck, wherever the slides are. */
const KIT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Google Fonts' full TrueType files, as the @expo-google-fonts packages ship them (the same versions @fontsource slices). */
const fontFile = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const ATKINSON = '@expo-google-fonts/atkinson-hyperlegible';
const NOTO_SC = '@expo-google-fonts/noto-sans-sc';

/** One face of a family, from its full font file. */
export interface DeckFontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** The full font file (TrueType, or woff2 for KaTeX's). */
  file: string;
  /** The asset's name, e.g. `atkinson-hyperlegible-700-italic`. */
  name: string;
  /** Text is shown at once in a fallback font (`swap`); maths waits for its font (`block`, as KaTeX's own CSS has it). */
  display: 'swap' | 'block';
}

function textFace(family: string, weight: 400 | 700, style: 'normal' | 'italic', file: string): DeckFontFace {
  return { family, weight, style, file, name: `${family.toLowerCase().replace(/\s+/g, '-')}-${weight}-${style}`, display: 'swap' };
}

/**
 * The text fonts, in the order of the deck's font stack (`--kit-font` in kit.css): a family is
 * cut to the characters no family before it holds in every face. Chinese in italics is slanted
 * by the browser, as it was before; Chinese has no italic.
 */
export const TEXT_FONTS: readonly DeckFontFace[] = [
  textFace('Atkinson Hyperlegible', 400, 'normal', fontFile(ATKINSON, '400Regular/AtkinsonHyperlegible_400Regular.ttf')),
  textFace('Atkinson Hyperlegible', 700, 'normal', fontFile(ATKINSON, '700Bold/AtkinsonHyperlegible_700Bold.ttf')),
  textFace('Atkinson Hyperlegible', 400, 'italic', fontFile(ATKINSON, '400Regular_Italic/AtkinsonHyperlegible_400Regular_Italic.ttf')),
  // Quiz prompts are bold, and some of their words are in italics.
  textFace('Atkinson Hyperlegible', 700, 'italic', fontFile(ATKINSON, '700Bold_Italic/AtkinsonHyperlegible_700Bold_Italic.ttf')),
  textFace('Noto Sans SC', 400, 'normal', fontFile(NOTO_SC, '400Regular/NotoSansSC_400Regular.ttf')),
  textFace('Noto Sans SC', 700, 'normal', fontFile(NOTO_SC, '700Bold/NotoSansSC_700Bold.ttf')),
];

const KATEX_CSS = require.resolve('katex/dist/katex.min.css');
/** An @font-face rule (no rule of ours or KaTeX's nests braces). */
export const RE_FONT_FACE = /@font-face\s*\{[^}]*\}/g;
const RE_KATEX_WOFF2 = /url\((fonts\/([\w-]+)\.woff2)\)/;

/** KaTeX's own faces, as its stylesheet declares them: each is cut to the characters of the deck's formulas. */
export const MATHS_FONTS: readonly DeckFontFace[] = (readFileSync(KATEX_CSS, 'utf8').match(RE_FONT_FACE) ?? []).map((rule) => {
  const get = (name: string) => new RegExp(`${name}:\\s*([^;}]+)`).exec(rule)?.[1]!.trim() ?? '';
  const [, url, name] = RE_KATEX_WOFF2.exec(rule)!;
  return { family: get('font-family'), weight: Number(get('font-weight')), style: get('font-style') === 'italic' ? 'italic' : 'normal', file: join(dirname(KATEX_CSS), url!), name: name!, display: 'block' };
});

const faceKey = (f: { family: string; weight: number; style: string }) => `${f.family}/${f.weight}/${f.style}`;
const RE_KATEX_FAMILY_RULE = /([^{}]+)\{([^}]*KaTeX_(\w+)[^}]*)\}/g;
const RE_CLASS_ATTR = /class="([^"]*)"/g;

/** Every class an element of `markup` has. */
const classesIn = (markup: string) => new Set([...markup.matchAll(RE_CLASS_ATTR)].flatMap((m) => m[1]!.split(/\s+/)));

/**
 * The KaTeX faces the deck's formulas use, from the classes KaTeX wrote on them and the rules
 * of its stylesheet that give those classes a family (`.mathnormal` is KaTeX_Math italic,
 * `.op-symbol.large-op` KaTeX_Size2). KaTeX_Main's regular is the formulas' own font; its
 * bold and italic faces count when a bold or italic class is used.
 */
export function mathsFacesUsed(markup: string): Set<string> {
  const classes = classesIn(markup);
  const used = new Set([faceKey({ family: 'KaTeX_Main', weight: 400, style: 'normal' })]);
  const bold = ['mathbf', 'textbf', 'boldsymbol'].some((c) => classes.has(c));
  const italic = ['mathit', 'textit'].some((c) => classes.has(c));
  if (bold) used.add(faceKey({ family: 'KaTeX_Main', weight: 700, style: 'normal' }));
  if (italic) used.add(faceKey({ family: 'KaTeX_Main', weight: 400, style: 'italic' }));
  if (bold && italic) used.add(faceKey({ family: 'KaTeX_Main', weight: 700, style: 'italic' }));
  const css = withoutFontFaces(readFileSync(KATEX_CSS, 'utf8'));
  for (const [, selectors, declarations, family] of css.matchAll(RE_KATEX_FAMILY_RULE)) {
    const weight = /font-weight:\s*(700|bold)/.test(declarations!) ? 700 : 400;
    const style = /font-style:\s*italic/.test(declarations!) ? 'italic' : 'normal';
    const applies = selectors!.split(',').some((selector) => {
      const needed = (selector.match(/\.([\w-]+)/g) ?? []).map((c) => c.slice(1)).filter((c) => c !== 'katex');
      return needed.length > 0 && needed.every((c) => classes.has(c));
    });
    if (applies) used.add(faceKey({ family: `KaTeX_${family}`, weight, style }));
  }
  return used;
}

/** KaTeX's stylesheet without its @font-face rules: the subsets' rules take their place. */
export function withoutFontFaces(css: string): string {
  return css.replace(RE_FONT_FACE, '');
}

/**
 * KaTeX's stylesheet without the rules no formula of the deck uses: a rule goes when each of its
 * selectors names a class that no element of `markup` has (KaTeX writes its classes at build
 * time; the browser adds none). Most of it is the 11 × 11 grid of size changes
 * (`.sizing.reset-size6.size3`), of which a deck uses a few. Rules inside `@media` and the like
 * stay as they are.
 */
export function withoutUnusedMathsRules(css: string, markup: string): string {
  const classes = classesIn(markup);
  let out = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      const rule = css.slice(start, i + 1);
      const selectors = rule.slice(0, rule.indexOf('{')).trim();
      const used =
        selectors.startsWith('@') ||
        selectors.split(',').some((selector) => (selector.match(/\.[a-zA-Z_][\w-]*/g) ?? []).every((name) => name === '.katex' || classes.has(name.slice(1))));
      if (used) out += rule;
      start = i + 1;
    }
  }
  return out + css.slice(start);
}

/** A face cut down: its woff2 in the build cache and the characters it holds. */
export interface SubsetFace extends Subset {
  face: DeckFontFace;
  /** Of a family cut into parts (`parts`): which part, from 1. */
  part?: number;
  /** Its unicode-range: what it holds, and the invisible characters (zero-width space…) of the text it draws. */
  range: number[];
}

/** What anyone can type into an answer box or a name field (printable ASCII), and the punctuation numbers and quotes need. */
const TYPED = String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 0x20 + i)) + '\u00a0–—‘’“”…·•×÷°±−';
/** Where the browser runtime writes text of its own (icons, arrows, quotes) beside the interface strings. */
const RUNTIME_SOURCES = ['src/ui', 'src/quiz', 'src/shared', 'src/i18n', 'assets/theme'];
const RE_NON_ASCII = /[^\x00-\x7f]/gu;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const RE_ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi;
const RE_TAG = /<[^>]*>/g;
const RE_NOTES = /<aside\b[^]*?<\/aside>/g;
const RE_JSON_SCRIPT = /<script type="application\/json"[^>]*>([^]*?)<\/script>/g;
/**
 * Characters a font draws as nothing without needing a glyph (zero-width space, joiners, soft
 * hyphen, variation selectors). They stay in every face's unicode-range: left out, they would
 * fall back to a system font whose taller line would move the text around them.
 */
const RE_INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const invisible = (codes: Iterable<number>) => [...codes].filter((code) => RE_INVISIBLE.test(String.fromCodePoint(code)));
/**
 * The space, which every face keeps: the browser takes a line's height from the first font of
 * the stack whose unicode-range holds U+0020 (CSS Fonts, "first available font"). A face
 * without it would hand the line to the next font, a system one for KaTeX.
 */
const SPACE = 0x20;
/** A formula as KaTeX draws it (beside it, its MathML is for screen readers, in no KaTeX font). */
const RE_KATEX_OPEN = /<span class="katex-html"/g;
const RE_SPAN_TAG = /<(\/?)span\b[^>]*>/g;

/** Markup with its character references decoded: the build and its serialisers write no other entities. */
function decodeEntities(markup: string): string {
  return markup.replace(RE_ENTITY, (whole, dec?: string, hex?: string, name?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (NAMED_ENTITIES[name!.toLowerCase()] ?? whole),
  );
}

/** The characters of `text`, control characters apart. */
const charactersOf = (text: string) => new Set([...text].map((c) => c.codePointAt(0)!).filter((code) => code >= 0x20));

/** Every file under `dir` (recursively) whose name ends in one of `exts`. */
function filesUnder(dir: string, exts: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && exts.includes(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Where the font subsets are kept between builds, under the project: a build cache, never committed. */
export const FONT_CACHE = 'node_modules/.cache/kit/fonts';

/** Between a deck's slides and its payload's strings in `deckMarkup`. */
const PAYLOAD_SEPARATOR = '<!--kit:payload-->';
/** Between a deck's slides and the interface strings laid out with its first slide, in `deckMarkup`. */
const CHROME_SEPARATOR = '<!--kit:chrome-->';
/**
 * Interface strings on the page from the first slide on, though not seen: reveal.js's pause
 * overlay, the live region that says which slide is shown, the language switch. The browser
 * lays them out, so it fetches the fonts they need with the first slide.
 */
const CHROME_STRINGS = ['deck.resume', 'deck.status', 'deck.slideNumber', 'deck.slideNumberLink', 'lang.name', 'lang.read', 'lang.nav'];
/** The family cut into parts: thousands of characters, of which a slide shows a few dozen. */
const SPLIT_FAMILY = 'Noto Sans SC';

/** Every string inside a JSON value. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];

/**
 * The deck's markup as the browser gets it: the slides, and the HTML of the quiz payload (the
 * questions, feedback and explanations the runtime shows) taken out of its JSON.
 */
export function deckMarkup(deck: { html: string; data: string; strings?: Record<string, string> }): string {
  const payload = [...deck.data.matchAll(RE_JSON_SCRIPT)].flatMap(([, json]) => stringsIn(JSON.parse(json!)));
  const chrome = CHROME_STRINGS.map((key) => deck.strings?.[key] ?? '').join('\n');
  return [deck.html, CHROME_SEPARATOR, chrome, PAYLOAD_SEPARATOR, ...payload].join('\n');
}

/**
 * Every character the deck can show in text: its slides, notes, diagram labels and quizzes
 * (`markup`, from `deckMarkup`), the interface strings of every language (so switching language
 * never lacks a glyph), what the runtime writes itself, and what a learner can type.
 */
export function deckCharacters(markup: string): Set<number> {
  const strings = filesUnder(join(KIT_ROOT, 'assets/i18n'), ['.json']).map((file) => readFileSync(file, 'utf8'));
  const runtime = RUNTIME_SOURCES.flatMap((dir) => filesUnder(join(KIT_ROOT, dir), ['.ts', '.css']))
    .map((file) => readFileSync(file, 'utf8').match(RE_NON_ASCII)?.join('') ?? '');
  return charactersOf([decodeEntities(markup), ...strings, ...runtime, TYPED].join(''));
}

/** The characters of the formulas in `markup`: what KaTeX's fonts draw. */
export function mathsCharacters(markup: string): Set<number> {
  const text: string[] = [];
  for (const open of markup.matchAll(RE_KATEX_OPEN)) {
    // The formula ends where its outer span closes.
    let depth = 0;
    RE_SPAN_TAG.lastIndex = open.index;
    for (let tag = RE_SPAN_TAG.exec(markup); tag; tag = RE_SPAN_TAG.exec(markup)) {
      depth += tag[1] ? -1 : 1;
      if (depth === 0) {
        text.push(markup.slice(open.index, tag.index));
        break;
      }
    }
  }
  return charactersOf(decodeEntities(text.join('').replace(RE_TAG, '')));
}

/** The visible text of the first `count` slides of `slidesHtml` (notes apart), as characters. */
function openingCharacters(slidesHtml: string, count: number): Set<number> {
  const slides = [...slidesHtml.matchAll(/<section\b[^]*?<\/section>/g)].slice(0, count).map((m) => m[0]);
  const shown = charactersOf(decodeEntities(slides.join('\n').replace(RE_NOTES, '').replace(RE_TAG, '')));
  shown.delete(SPACE);
  return shown;
}

/**
 * The faces to preload: the upright regular and bold of each text family that draws a
 * character of the first slide (its heading is bold, its text regular); of a family cut into
 * parts (Chinese), only the parts that hold one.
 */
export function firstSlideFaces(faces: SubsetFace[], slidesHtml: string): SubsetFace[] {
  const shown = openingCharacters(slidesHtml, 1);
  // By family, not by object: the faces may come from another load of this module (Vite loads the plugin with its config).
  const textFamilies = new Set(TEXT_FONTS.map((f) => f.family));
  const text = faces.filter((f) => textFamilies.has(f.face.family) && f.face.style === 'normal');
  const draws = (f: SubsetFace) => f.codePoints.some((code) => shown.has(code));
  const families = new Set(text.filter(draws).map((f) => f.face.family));
  return text.filter((f) => families.has(f.face.family) && (f.part === undefined || draws(f)));
}

/** The characters of the language switch: each language's name and its label, read in that language. */
function switchCharacters(): Set<number> {
  const strings = filesUnder(join(KIT_ROOT, 'assets/i18n'), ['.json']).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  return charactersOf(strings.map((s) => `${s['lang.name'] ?? ''}${s['lang.read'] ?? ''}`).join(''));
}

/**
 * How many slides from the first the browser lays out when a deck opens: the slide shown and
 * reveal.js's `viewDistance` (3) after it. Their characters make the first part of a family
 * that is cut into parts, so opening the deck fetches that part and no other.
 */
export const OPENING_SLIDES = 4;
/** The characters in each further part of a family cut into parts: about 40 KiB of Noto Sans SC a weight. */
const PART_SIZE = 200;

/**
 * A family's characters in parts, each a file of its own that the browser fetches only when a
 * page shows one of its characters (unicode-range): first what each language's opening slides
 * show, then the rest in the order the slides show them, `PART_SIZE` at a time.
 */
function parts(characters: number[], slideHtmls: readonly string[], chromes: readonly string[]): number[][] {
  const left = new Set(characters);
  const out: number[][] = [];
  const take = (codes: Iterable<number>) => [...codes].filter((code) => left.delete(code));
  // The language switch is on every slide of every language.
  const everywhere = take(switchCharacters());
  for (const [i, slides] of slideHtmls.entries()) {
    const opening = [...(i === 0 ? everywhere : []), ...take(openingCharacters(slides, OPENING_SLIDES)), ...take(charactersOf(chromes[i] ?? ''))];
    if (opening.length) out.push(opening);
  }
  const inOrder = slideHtmls.flatMap((slides) => [...charactersOf(decodeEntities(slides.replace(RE_TAG, '')))]);
  const rest = [...take(inOrder), ...take([...left])];
  for (let i = 0; i < rest.length; i += PART_SIZE) out.push(rest.slice(i, i + PART_SIZE));
  return out;
}

/**
 * The deck's fonts cut down to what its languages can show (`markups`, one `deckMarkup` per
 * language, the default first), cached in `cacheDir`. Each text face keeps the characters no
 * earlier family holds in all its faces (so Chinese goes to Noto Sans SC, and so do the pinyin
 * tone letters Atkinson Hyperlegible lacks); the Chinese family is cut into parts (`parts`);
 * each KaTeX face keeps the characters of the formulas. A face left with nothing to draw is
 * left out.
 */
export async function subsetDeckFonts(markups: string | readonly string[], cacheDir: string): Promise<SubsetFace[]> {
  const all = typeof markups === 'string' ? [markups] : markups;
  const markup = all.join('\n');
  const faces: SubsetFace[] = [];
  const text = deckCharacters(markup);
  let left = [...text];
  for (const family of [...new Set(TEXT_FONTS.map((f) => f.family))]) {
    const cut: SubsetFace[] = [];
    const familyFaces = TEXT_FONTS.filter((f) => f.family === family);
    for (const face of familyFaces) {
      const subset = await subsetToWoff2(face.file, [SPACE, ...left], cacheDir, face.name);
      cut.push({ face, ...subset, range: [...subset.codePoints, ...invisible(text)] });
    }
    const heldByAll = cut.map((f) => new Set(f.codePoints));
    const held = left.filter((code) => heldByAll.every((h) => h.has(code)));
    if (family === SPLIT_FAMILY) {
      // The slides alone (no payload) give the order; what only quizzes and strings show comes last.
      const before = all.map((m) => m.split(PAYLOAD_SEPARATOR)[0]!.split(CHROME_SEPARATOR));
      const split = parts(
        held.filter((code) => code !== SPACE),
        before.map(([slides]) => slides!),
        before.map(([, chrome]) => chrome ?? ''),
      );
      for (const face of familyFaces) {
        for (const [i, codes] of split.entries()) {
          const subset = await subsetToWoff2(face.file, [SPACE, ...codes], cacheDir, `${face.name}-${i + 1}`);
          faces.push({ face, ...subset, part: i + 1, range: [...subset.codePoints.filter((code) => code !== SPACE || i === 0), ...invisible(text)] });
        }
      }
    } else {
      faces.push(...cut.filter((f) => f.codePoints.some((code) => code !== SPACE)));
    }
    left = left.filter((code) => !heldByAll.every((h) => h.has(code)));
  }
  const maths = mathsCharacters(markup);
  if (maths.size > 0) {
    const used = mathsFacesUsed(markup);
    for (const face of MATHS_FONTS.filter((f) => used.has(faceKey(f)))) {
      const subset = await subsetToWoff2(face.file, [SPACE, ...maths], cacheDir, face.name);
      if (subset.codePoints.some((code) => code !== SPACE)) faces.push({ face, ...subset, range: [...subset.codePoints, ...invisible(maths)] });
    }
  }
  return faces;
}

/** Code points as a CSS `unicode-range`: runs of consecutive points become `U+XXXX-YYYY`. */
export function unicodeRange(codePoints: number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const hex = (code: number) => code.toString(16).toUpperCase();
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i++;
    runs.push(from === sorted[i] ? `U+${hex(from)}` : `U+${hex(from)}-${hex(sorted[i]!)}`);
  }
  return runs.join(',');
}

/** The @font-face rules of the subsets, each file's URL given by `url`. */
export function fontFaceCss(faces: SubsetFace[], url: (face: SubsetFace) => string): string {
  return faces
    .map(
      (f) =>
        `@font-face{font-family:"${f.face.family}";font-style:${f.face.style};font-weight:${f.face.weight};font-display:${f.face.display};` +
        `src:url(${url(f)}) format("woff2");unicode-range:${unicodeRange(f.range)}}`,
    )
    .join('\n');
}

/**
 * The full fonts' @font-face rules, for the page Mermaid draws in: labels are measured in
 * exactly the glyphs the subsets keep, whatever the deck's text turns out to be.
 */
export function fullFontFaceCss(url: (file: string) => string): string {
  return TEXT_FONTS.map(
    (f) => `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};src:url(${url(f.file)}) format("truetype")}`,
  ).join('\n');
}
