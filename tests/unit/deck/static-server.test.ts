import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../../src/export/static-server.ts';

/** A raw GET, so a malformed path reaches the server exactly as written (fetch would re-encode it). */
function get(url: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request(new URL(url), { method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the static server behind kit pdf, bench and the browser tests', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'kit-dist-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'export'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>deck</title>');
    writeFileSync(join(dist, 'assets/main.js'), 'export {};');
    writeFileSync(join(dist, 'export/quizzes.gift'), '::q:: T? {T}');
    server = await serveStatic(dist, { subPath: '/nested/sub/path/' });
  });
  afterAll(() => server.close());

  it('serves the deck at / and under a sub-path, with its content types', async () => {
    expect(await get(server.url, '/')).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/html/), body: expect.stringContaining('<title>deck</title>') });
    expect(await get(server.url, '/nested/sub/path/')).toMatchObject({ status: 200, body: expect.stringContaining('<title>deck</title>') });
    expect(await get(server.url, '/nested/sub/path/assets/main.js')).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/javascript/) });
    expect((await get(server.url, '/export/quizzes.gift')).type).toMatch(/^text\/plain/);
  });

  it('lists no folder and leaves none of its own', async () => {
    expect((await get(server.url, '/assets/')).status).toBe(404);
    expect((await get(server.url, '/../package.json')).status).toBe(404);
    expect((await get(server.url, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('answers a malformed URL and keeps serving', async () => {
    expect((await get(server.url, '/%E0%A4%A')).status).toBeGreaterThanOrEqual(400);
    expect((await get(server.url, '/')).status).toBe(200);
  });
});
