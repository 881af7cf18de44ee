/**
 * dist/ served as any static host would: at `/`, and again under `/nested/sub/path/` to prove
 * the deck works from a sub-path.
 */
import { serveStatic } from '../../src/export/static-server.ts';

await serveStatic('dist', { port: Number(process.argv[2] ?? 4173), subPath: '/nested/sub/path/' });
