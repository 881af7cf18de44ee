import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { DEFAULT_LANG, inLanguage } from '../deck/languages.ts';
import { pageFile } from '../deck/page.ts';
import { RE_FONT_FACE } from '../deck/fonts.ts';

const MIME: Record<string, string> = {
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
};
/** An image of a slide, by a path inside dist/ (the build refuses any other). */
const RE_IMG_SRC = /(<img\b[^>]*?\bsrc=")(?![a-z][a-z0-9+.-]*:|\/\/)([^"]+)"/gi;
const RE_ASSET_URL = /url\((["']?)(\.\/[^)"']+|[^)"':]+\.(?:woff2|woff|ttf|svg|png))\1\)/g;
/** Older font formats beside a woff2 source: every browser that runs the deck reads woff2. */
const RE_LEGACY_FONT = /,\s*url\((["']?)[^)"']+\.(?:woff|ttf)\1\)\s*format\((["'])(?:woff|truetype)\2\)/g;

/** A typed answer of the quiz payload taken from another language (`"lang"` set by the build). */
const RE_TAKEN_ANSWER = /\{"text":"(?:[^"\\]|\\.)*","fraction":[\d.e-]+,"lang":"[\w-]+"\}/g;
const RE_NO_GLYPH = /[\s\p{Default_Ignorable_Code_Point}]/u;
const RE_RANGE = /U\+([0-9A-F]+)(?:-([0-9A-F]+))?/gi;

/** Whether a @font-face rule's unicode-range holds one of `shown` (a rule without one draws anything). */
function drawsAny(rule: string, shown: Set<number>): boolean {
  const range = /unicode-range:([^;}]+)/.exec(rule)?.[1];
  if (!range) return true;
  for (const [, from, to] of range.matchAll(RE_RANGE)) {
    const start = parseInt(from!, 16);
    const end = to ? parseInt(to, 16) : start;
    // The space and the invisible characters are in every range; they alone need no face.
    for (let code = start; code <= end; code++) if (shown.has(code) && !RE_NO_GLYPH.test(String.fromCodePoint(code))) return true;
  }
  return false;
}

/** A static import of a chunk beside the script (`from"./language-x.js"`): code the deck shares with the students' page. */
const RE_CHUNK_IMPORT = /(\bfrom\s*|\bimport\s*)(["'])\.\/([\w.-]+\.js)\2/g;

/**
 * A chunk the deck imports only when it needs it (`import("./quizzes-x.js")`): the quiz plugin,
 * the print code, the speaker view, the full-screen diagram, the SCORM adapter when an LMS plays the file. The one file
 * needs them all but the teacher's panel, which runs only when the classroom server serves the
 * deck from dist/.
 */
const RE_DYNAMIC_CHUNK = /\bimport\((["'`])\.\/((?!teacher-panel)[\w.-]+\.js)\1\)/g;
/**
 * The files Vite's loader preloads beside a dynamic import (`__vite__mapDeps([0,1])`): in the one
 * file they are inlined already, and a preload would ask for files that are not there.
 */
const RE_PRELOAD_DEPS = /__vite__mapDeps\(\[[\d,]*\]\)/g;

/** The name a chunk goes by in the one file: a bare specifier, which the page's import map resolves from any module. */
const chunkSpecifier = (chunk: string) => `@kit/${chunk}`;

/**
 * A module's text as a `data:` URL, escaped only where a URL needs it (`%`, `#`, and the line
 * breaks and tabs a URL parser drops): a third of the size of base 64.
 */
const dataModule = (code: string) => `data:text/javascript,${code.replace(/[%#\n\r\t]/g, (c) => encodeURIComponent(c))}`;

/**
 * A script with every chunk it imports, theirs too, named by `chunkSpecifier` and kept once in
 * `chunks` (by name, as `data:` modules for the page's import map): the page and the students'
 * page share code, which the bundler puts in a chunk of its own; the quiz plugin, the print code
 * and the speaker view are chunks the deck fetches when needed; and the one file may fetch
 * nothing. Each chunk is there once whoever imports it (a `data:` URL inside another would copy
 * it into each, encoded again), so it runs once. Each chunk's own text goes to `texts`: the
 * characters it writes need their fonts.
 */
function withChunks(file: string, chunks: Map<string, string>, texts: string[]): string {
  const inline = (chunk: string) => {
    const name = chunkSpecifier(chunk);
    if (!chunks.has(name)) {
      chunks.set(name, '');
      const code = withChunks(resolve(file, '..', chunk), chunks, texts);
      texts.push(code);
      chunks.set(name, dataModule(code));
    }
    return name;
  };
  return readFileSync(file, 'utf8')
    .replace(RE_CHUNK_IMPORT, (_, lead: string, quote: string, chunk: string) => `${lead}${quote}${inline(chunk)}${quote}`)
    .replace(RE_DYNAMIC_CHUNK, (_, quote: string, chunk: string) => `import(${quote}${inline(chunk)}${quote})`)
    .replace(RE_PRELOAD_DEPS, '[]');
}

/** The import map that gives the one file's chunks their text; `<` escaped so that nothing in it closes the script. */
const importMap = (chunks: Map<string, string>) => `<script type="importmap">${JSON.stringify({ imports: Object.fromEntries(chunks) }).replace(/</g, '\\u003c')}</script>\n`;

function dataUri(file: string): string {
  return `data:${MIME[extname(file)] ?? 'application/octet-stream'};base64,${readFileSync(file).toString('base64')}`;
}

/**
 * Turns the built `dist/index.html` into one self-contained file: styles, fonts, icon, images
 * and script inlined, so the deck opens from a USB stick or an e-mail attachment (`file://`) and
 * makes no network request. Progress is kept in that file's own browser storage.
 */
export function writeOfflineDeck(dist: string, name: string, lang: string = DEFAULT_LANG, languages: readonly string[] = [lang]): { file: string; bytes: number } {
  const assetsOf = (href: string) => resolve(dist, href.replace(/^\.?\//, ''));
  const offlineFile = (code: string) => inLanguage(`${name}-offline.html`, code);
  let html = readFileSync(join(dist, pageFile(lang)), 'utf8');
  // The other languages' pages are their own offline files, side by side.
  for (const code of languages) html = html.replaceAll(`href="${pageFile(code)}"`, `href="${offlineFile(code)}"`);

  // Images first: once the script is inlined, its text may hold `<img src="…">` templates of its own.
  html = html.replace(RE_IMG_SRC, (_, start: string, src: string) => `${start}${dataUri(assetsOf(src.replace(/[?#].*$/, '')))}"`);

  const chunks: string[] = [];
  const modules = new Map<string, string>();
  html = html.replace(/<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>/g, (_, src: string) => {
    // A script's text must not close its own element early.
    const code = withChunks(assetsOf(src), modules, chunks).replace(/<\/script/gi, '<\\/script');
    // The map comes first: a module script is resolved with the import maps before it.
    return `${modules.size ? importMap(modules) : ''}<script type="module">${code}</script>`;
  });
  // Every character this page and its script can show: a font part for none of them is left out.
  // (An answer taken from a translation, marked with its language, is accepted but never shown.)
  const shown = new Set([...(html + chunks.join('')).replace(RE_TAKEN_ANSWER, '')].map((c) => c.codePointAt(0)!));
  html = html.replace(/<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g, (_, href: string) => {
    const cssFile = assetsOf(href);
    const css = readFileSync(cssFile, 'utf8')
      .replace(RE_FONT_FACE, (rule) => (drawsAny(rule, shown) ? rule : ''))
      .replace(RE_LEGACY_FONT, '')
      .replace(RE_ASSET_URL, (whole, _q: string, url: string) => (url.startsWith('data:') ? whole : `url(${dataUri(resolve(cssFile, '..', url))})`));
    return `<style>${css}</style>`;
  });
  html = html.replace(/<link rel="icon" href="([^"]+)"/, (_, href: string) => `<link rel="icon" href="${dataUri(assetsOf(href))}"`);
  // Preloads point at files the one file does not have; what they fetch is inlined already.
  html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>\n?/g, '');

  const file = join(dist, offlineFile(lang));
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
