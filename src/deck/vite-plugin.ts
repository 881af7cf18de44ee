import { join, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { buildDeck } from './build-deck.ts';
import { DeckBuildError } from './errors.ts';
import { CJK_FONT_DIR, cjkFontFaces } from './fonts.ts';
import { html } from '../shared/html.ts';

const SLOT = '<!--kit:slides-->';
const FONT_MODULE = 'virtual:kit-cjk-fonts.css';
/** The font CSS pretends to live in the font package, so its `./files/…` URLs resolve there. */
const FONT_MODULE_PATH = join(CJK_FONT_DIR, 'kit-cjk-subset.css');


/** The page the dev server shows in place of the deck while the slides have errors. */
function errorPage(error: DeckBuildError): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The deck has errors</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:2rem;color:#14181f}pre{white-space:pre-wrap;background:#fbeceb;border-left:6px solid #b3261e;padding:1rem}</style></head>
<body><main><h1>The deck cannot be built</h1><p>Fix these lines and save; this page reloads by itself.</p>
<pre role="alert">${error.message}</pre></main><script type="module" src="/@vite/client"></script></body></html>`.toString();
}

/**
 * Vite plugin: puts the built slides into index.html, serves the CJK font subset they need,
 * and reloads the page when a slide changes. In the dev server an error replaces the deck
 * with a page listing every `file:line: message`; in a build it fails the build.
 */
export function kitDeck(): Plugin {
  let root = process.cwd();
  let server: ViteDevServer | undefined;
  let deck: Promise<Awaited<ReturnType<typeof buildDeck>>> | undefined;
  const build = () => (deck ??= buildDeck(root));

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
        const module = devServer.moduleGraph.getModuleById(FONT_MODULE_PATH);
        if (module) devServer.moduleGraph.invalidateModule(module);
        devServer.ws.send({ type: 'full-reload' });
      });
    },
    resolveId(id) {
      return id === FONT_MODULE ? FONT_MODULE_PATH : undefined;
    },
    async load(id) {
      if (id !== FONT_MODULE_PATH) return undefined;
      try {
        return cjkFontFaces((await build()).text);
      } catch {
        return ''; // the page itself reports the deck's errors
      }
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        try {
          const deck = await build();
          return html.replace(SLOT, deck.html).replace('</body>', `${deck.data}\n</body>`);
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
