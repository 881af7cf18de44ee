import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { buildDecks, type BuiltDeck } from './build-deck.ts';
import { DeckBuildError } from './errors.ts';
import { deckMarkup, FONT_CACHE, firstSlideFaces, fontFaceCss, subsetDeckFonts, withoutFontFaces, withoutUnusedMathsRules, type SubsetFace } from './fonts.ts';
import { html, raw } from '../shared/html.ts';
import { DEFAULT_LANG } from './languages.ts';
import { languageHead, languageSwitch, localisePage, pageFile } from './page.ts';

const SLOT = '<!--kit:slides-->';
const FONT_MODULE = 'virtual:kit-fonts.css';
/** The font CSS pretends to live beside the subsets, so its `./<key>/<name>.woff2` URLs resolve there and Vite emits them, hashed. */
const FONT_CSS = 'kit-fonts.css';
const RE_KATEX_CSS = /[\\/]katex[\\/]dist[\\/]katex(?:\.min)?\.css$/;

/** The page the dev server shows in place of the deck while the slides have errors. */
function errorPage(error: DeckBuildError): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The deck has errors</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:2rem;color:#14181f}pre{white-space:pre-wrap;background:#fbeceb;border-left:6px solid #b3261e;padding:1rem}</style></head>
<body><main><h1>The deck cannot be built</h1><p>Fix these lines and save; this page reloads by itself.</p>
<pre role="alert">${error.message}</pre></main><script type="module" src="/@vite/client"></script></body></html>`.toString();
}

/** Marks a language's part of the built page, to be kept in that language's page and dropped from the others. */
const part = (lang: string, content: string) => `<!--kit:${lang}-->${content}<!--/kit:${lang}-->`;
const RE_PART = /<!--kit:([\w-]+)-->([^]*?)<!--\/kit:\1-->/g;
/** A font preload of one language: Vite rewrites its href, the page of that language keeps it. */
const RE_PRELOAD_LANG = /<link rel="preload"([^>]*?) data-kit-lang="([\w-]+)"([^>]*)>\n?/g;

/** The language a dev-server request asks for: `/index.zh.html`, or `?lang=zh` on `/`. */
function requestedLanguage(url: string, languages: readonly string[]): string {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  const fromPath = /^\/index\.([\w-]+)\.html$/.exec(pathname)?.[1];
  const wanted = fromPath ?? searchParams.get('lang') ?? DEFAULT_LANG;
  return languages.includes(wanted) ? wanted : DEFAULT_LANG;
}

/** The decks, what text they hold (`deckMarkup`, for the fonts and KaTeX's stylesheet) and their font subsets. */
type Rendering = Promise<{ built: BuiltDeck[]; markup: string[]; fonts: SubsetFace[] }>;

/** The rendering of decks already built: their text, read once, and the font subsets it needs. */
function renderingOf(root: string, built: BuiltDeck[]): Rendering {
  const markup = built.map(deckMarkup);
  return subsetDeckFonts(markup, join(root, FONT_CACHE)).then((fonts) => ({ built, markup, fonts }));
}
/** Where `shareRendering` leaves a rendering for the Vite builds that follow in this process. */
const SHARED = Symbol.for('kit:deck-rendering');
type WithShared = typeof globalThis & { [SHARED]?: { root: string; rendering: Rendering } };

/**
 * Lets the Vite builds run inside `run` take the decks as `built` (rendered and checked by the
 * caller) instead of rendering them again each (Vite loads the config, and so this plugin,
 * afresh for each build, so the plugin cannot keep them itself). Outside `run` (the dev server,
 * a later build) every build renders anew.
 */
export async function shareRendering<T>(root: string, built: BuiltDeck[], run: () => Promise<T>): Promise<T> {
  (globalThis as WithShared)[SHARED] = { root, rendering: renderingOf(root, built) };
  try {
    return await run();
  } finally {
    delete (globalThis as WithShared)[SHARED];
  }
}

const sharedRendering = (root: string): Rendering | undefined => {
  const shared = (globalThis as WithShared)[SHARED];
  return shared && resolve(shared.root) === resolve(root) ? shared.rendering : undefined;
};

/**
 * Vite plugin: puts the built slides into the page with the font subsets they need (and a
 * preload of the first slide's), one page per language (`index.html`, `index.zh.html`), and
 * reloads the page when a slide changes. In the dev server `/index.zh.html` and `/?lang=zh`
 * show the Chinese deck, and an error replaces the deck with a page listing every
 * `file:line: message`; in a build it fails the build.
 */
export function kitDeck(): Plugin {
  let root = process.cwd();
  let server: ViteDevServer | undefined;
  let decks: Rendering | undefined;
  const fontCache = () => join(root, FONT_CACHE);
  const fontCss = () => join(fontCache(), FONT_CSS);
  // One set of subsets for every language: a page loads only the files its characters fall in.
  // `kit build` runs Vite twice (the deck, then the students' page): the second reuses the first's rendering.
  const build = () =>
    (decks ??=
      sharedRendering(root) ??
      buildDecks(root).then((built) => renderingOf(root, built)));
  /** A subset's URL from the font CSS, which Vite rewrites to the emitted asset. */
  const fromCss = (face: SubsetFace) => `./${relative(fontCache(), face.file).split(sep).join('/')}`;
  const preloadsOf = (deck: BuiltDeck, fonts: SubsetFace[], marked: boolean) =>
    firstSlideFaces(fonts, deck.html).map(
      (face) =>
        // Vite rewrites these paths to the same hashed files the font CSS points at.
        html`<link rel="preload" href="/${relative(root, face.file).split(sep).join('/')}" as="font" type="font/woff2" crossorigin${marked ? raw(html` data-kit-lang="${deck.lang}"`.toString()) : ''}>`,
    );
  /** The page of one language, finished: its words, its slides, its switch and its data. */
  const finish = (page: string, deck: BuiltDeck, all: BuiltDeck[]) =>
    localisePage(page, deck)
      .replace('</head>', `${languageHead(deck, all)}\n</head>`)
      .replace('<div class="slides">', `${languageSwitch(deck, all)}\n<div class="slides">`)
      .replace('</body>', `${deck.data}\n</body>`);

  return {
    name: 'kit-deck',
    configResolved(config) {
      root = config.root;
    },
    configureServer(devServer) {
      server = devServer;
      // Everything the deck is built from: an edited question or source text shows on the next reload.
      const watched = ['slides', 'quizzes', 'assets/diagrams', 'assets/source', 'assets/i18n'].map((dir) => resolve(root, dir) + sep);
      devServer.watcher.add(watched);
      devServer.watcher.on('all', (_event, file) => {
        if (!watched.some((dir) => resolve(file).startsWith(dir))) return;
        decks = undefined;
        const module = devServer.moduleGraph.getModuleById(fontCss());
        if (module) devServer.moduleGraph.invalidateModule(module);
        devServer.ws.send({ type: 'full-reload' });
      });
      // Another language's page is the same page, in that language (transformIndexHtml reads the address).
      devServer.middlewares.use((req, _res, next) => {
        if (req.url && /^\/index\.[\w-]+\.html(?:[?#]|$)/.test(req.url)) req.url = req.url.replace(/^\/index\.[\w-]+\.html/, '/index.html');
        next();
      });
    },
    resolveId(id) {
      return id === FONT_MODULE ? fontCss() : undefined;
    },
    async load(id) {
      if (id !== fontCss()) return undefined;
      try {
        return fontFaceCss((await build()).fonts, fromCss);
      } catch {
        return ''; // the page itself reports the deck's errors
      }
    },
    transform: {
      // Before Vite's CSS plugin, or it would already have emitted KaTeX's full fonts.
      order: 'pre',
      async handler(code, id) {
        if (!RE_KATEX_CSS.test(id)) return undefined;
        // KaTeX's full fonts give way to the subsets of the deck's formulas, declared in the font CSS.
        const css = withoutFontFaces(code);
        // A build keeps only the rules the deck's formulas use; the dev server keeps them all (a formula may be added while it runs).
        if (server) return css;
        try {
          return withoutUnusedMathsRules(css, (await build()).markup.join('\n'));
        } catch {
          return css; // the page itself reports the deck's errors
        }
      },
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(page, context) {
        try {
          const { built, fonts } = await build();
          if (server) {
            // The dev server shows one language per request.
            const url = (context.originalUrl ?? context.path);
            const deck = built.find((d) => d.lang === requestedLanguage(url, built.map((d) => d.lang)))!;
            return finish(page.replace('</head>', `${preloadsOf(deck, fonts, false).join('\n')}\n</head>`).replace(SLOT, deck.html), deck, built);
          }
          // A build writes every language into the one page Vite processes (so each language's
          // images and preloads are bundled), then splits it into one page per language.
          return page
            .replace('</head>', `${built.flatMap((deck) => preloadsOf(deck, fonts, true)).join('\n')}\n</head>`)
            .replace(SLOT, built.map((deck) => part(deck.lang, deck.html)).join('\n'));
        } catch (error) {
          if (!(error instanceof DeckBuildError)) throw error;
          decks = undefined;
          if (!server) throw error;
          server.config.logger.error(`\n${error.message}\n`, { timestamp: true });
          return errorPage(error);
        }
      },
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const asset = bundle['index.html'];
        if (!asset || asset.type !== 'asset') return;
        const page = String(asset.source);
        const { built } = await build();
        for (const deck of built) {
          const own = page
            .replace(RE_PART, (_, lang: string, content: string) => (lang === deck.lang ? content : ''))
            .replace(RE_PRELOAD_LANG, (_, before: string, lang: string, after: string) => (lang === deck.lang ? `<link rel="preload"${before}${after}>\n` : ''));
          const finished = finish(own, deck, built);
          if (deck.lang === DEFAULT_LANG) asset.source = finished;
          else this.emitFile({ type: 'asset', fileName: pageFile(deck.lang), source: finished });
        }
      },
    },
  };
}
