import { createServer, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

/** Types sirv's table does not know: the GIFT export is plain text. */
const EXTRA_TYPES: Record<string, string> = { '.gift': 'text/plain; charset=utf-8' };

export interface StaticServer {
  /** The address to load, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on loopback as any static host would (for printing, benchmarks and the
 * browser tests), with sirv: content types, no folder listings, nothing outside the folder,
 * and a malformed URL answered rather than thrown. With `subPath`, the same files are also
 * served under that path, to prove the deck works from a sub-path.
 */
export async function serveStatic(folder: string, { port = 0, subPath }: { port?: number; subPath?: string } = {}): Promise<StaticServer> {
  // `dev`: look each file up on disk when asked, so a rebuilt dist/ is served as it is now.
  const files = sirv(resolve(folder), {
    dev: true,
    setHeaders(res, pathname) {
      const type = Object.entries(EXTRA_TYPES).find(([ext]) => pathname.endsWith(ext))?.[1];
      if (type) res.setHeader('content-type', type);
    },
  });
  const notFound = (res: ServerResponse): void => void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  const server = createServer((req, res) => {
    try {
      if (subPath && req.url?.startsWith(subPath)) req.url = '/' + req.url.slice(subPath.length);
      files(req, res, () => notFound(res));
    } catch {
      // Whatever a request holds, it must not stop the server the other requests rely on.
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
