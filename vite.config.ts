import { defineConfig } from 'vite';
import { kitDeck } from './src/deck/vite-plugin.ts';

// `base: './'` keeps every URL relative, so dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [kitDeck()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Fonts stay files: the CJK slices are loaded only when a slide shows such a character.
    assetsInlineLimit: 0,
    // The deck plugin renders every slide in transformIndexHtml; that is the work, not a fault.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // The quiz engine is pure (no DOM, nothing done on import): what the browser does not use of
      // it (the YAML reader and writer, GIFT, QTI) is left out, though its index names it all.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]quiz[\\/]/.test(id) },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
