import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { buildDeck, type BuiltDeck } from './build-deck.ts';
import { DeckBuildError } from './errors.ts';
import { deckMarkup, firstSlideFaces, fontFaceCss, subsetDeckFonts, withoutFontFaces, type SubsetFace } from './fonts.ts';
import { html } from '../shared/html.ts';

const SLOT = '<!--kit:slides-->';
const FONT_MODULE = 'virtual:kit-fonts.css';
/** Where the font subsets are kept between builds (see `subsetToWoff2`); a build cache, never committed. */
const FONT_CACHE = 'node_modules/.cache/kit/fonts';
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

/**
 * Vite plugin: puts the built slides into index.html with the font subsets they need (and a
 * preload of the first slide's), and reloads the page when a slide changes. In the dev server
 * an error replaces the deck with a page listing every `file:line: message`; in a build it
 * fails the build.
 */
export function kitDeck(): Plugin {
  let root = process.cwd();
  let server: ViteDevServer | undefined;
  let deck: Promise<{ built: BuiltDeck; fonts: SubsetFace[] }> | undefined;
  const fontCache = () => join(root, FONT_CACHE);
  const fontCss = () => join(fontCache(), FONT_CSS);
  const build = () =>
    (deck ??= buildDeck(root).then(async (built) => ({ built, fonts: await subsetDeckFonts(deckMarkup(built), fontCache()) })));
  /** A subset's URL from the font CSS, which Vite rewrites to the emitted asset. */
  const fromCss = (face: SubsetFace) => `./${relative(fontCache(), face.file).split(sep).join('/')}`;

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
        deck = undefined;
        const module = devServer.moduleGraph.getModuleById(fontCss());
        if (module) devServer.moduleGraph.invalidateModule(module);
        devServer.ws.send({ type: 'full-reload' });
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
      handler(code, id) {
        // KaTeX's full fonts give way to the subsets of the deck's formulas, declared in the font CSS.
        return RE_KATEX_CSS.test(id) ? withoutFontFaces(code) : undefined;
      },
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(page) {
        try {
          const { built, fonts } = await build();
          // Vite rewrites these paths to the same hashed files the font CSS points at.
          const preloads = firstSlideFaces(fonts, built.html).map(
            (face) => html`<link rel="preload" href="/${relative(root, face.file).split(sep).join('/')}" as="font" type="font/woff2" crossorigin>`,
          );
          return page
            .replace('</head>', `${preloads.join('\n')}\n</head>`)
            .replace(SLOT, built.html)
            .replace('</body>', `${built.data}\n</body>`);
        } catch (error) {
          if (!(error instanceof DeckBuildError)) throw error;
          deck = undefined;
          if (!server) throw error;
          server.config.logger.error(`\n${error.message}\n`, { timestamp: true });
          return errorPage(error);
        }
      },
    },
  };
}
