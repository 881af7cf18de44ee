import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json', '.png': 'image/png',
  '.pdf': 'application/pdf', '.zip': 'application/zip', '.gift': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** The address to load, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on loopback as any static host would (for printing, benchmarks and tests).
 * With `subPath`, the same files are also served under that path, to prove sub-path hosting.
 */
export async function serveStatic(folder: string, { port = 0, subPath }: { port?: number; subPath?: string } = {}): Promise<StaticServer> {
  const root = resolve(folder);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (subPath && path.startsWith(subPath)) path = '/' + path.slice(subPath.length);
    let file = resolve(join(root, path));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((done) => server.close(() => done())) };
}
