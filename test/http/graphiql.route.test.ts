import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import {
  createGraphiqlRoute,
  negotiateEncoding,
  resolveGraphiqlAssetsDir,
} from '../../src/http/graphiql';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const JS = 'console.log("graphiql");\n'.repeat(50);
const INDEX = '<!doctype html><script src="graphiql-abc.js"></script>\n';

function writeBundle(dir: string): void {
  const files = [
    { name: 'graphiql-abc.js', contents: JS, immutable: true },
    { name: 'index.html', contents: INDEX, immutable: false },
  ];
  const entries = files.map(({ name, contents, immutable }) => {
    const br = brotliCompressSync(contents);
    const gz = gzipSync(contents);
    writeFileSync(path.join(dir, name), contents);
    writeFileSync(path.join(dir, `${name}.br`), br);
    writeFileSync(path.join(dir, `${name}.gz`), gz);
    const sha256 = createHash('sha256').update(contents).digest('hex');
    return { name, size: contents.length, gzip: gz.length, br: br.length, sha256, immutable };
  });
  // On disk but not in the manifest: must never be served.
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files: entries }));
}

async function listen(assetsDir: string): Promise<{ server: Server; base: string }> {
  const route = createGraphiqlRoute({ assetsDir });
  const server = createServer((req, res) => {
    route(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(418).end('not mine');
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** node:http with a raw path: fetch (and URL parsing) would decode bodies and drop `..`. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(url);
  const rawPath = url.slice(url.indexOf('/', 'http://'.length));
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GraphiQL route', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'graphiql-route-'));
    writeBundle(dir);
    ({ server, base } = await listen(dir));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves brotli to clients that accept it, with Vary', async () => {
    const reply = await get(`${base}/graphiql/graphiql-abc.js`, { 'Accept-Encoding': 'gzip, br' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(brotliCompressSync(JS).equals(reply.body)).toBe(true);
  });

  it('serves gzip when brotli is refused, and identity when nothing is accepted', async () => {
    const gz = await get(`${base}/graphiql/graphiql-abc.js`, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get(`${base}/graphiql/graphiql-abc.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(JS);
  });

  it('caches hashed assets forever and revalidates index.html', async () => {
    const asset = await get(`${base}/graphiql/graphiql-abc.js`);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await get(`${base}/graphiql/`);
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(index.body.toString()).toBe(INDEX);
  });

  it('answers 304 when If-None-Match holds the ETag of the same encoding', async () => {
    const first = await get(`${base}/graphiql/graphiql-abc.js`, { 'Accept-Encoding': 'gzip' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(`${base}/graphiql/graphiql-abc.js`, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(again.headers['x-content-type-options']).toBe('nosniff');
    const otherEncoding = await get(`${base}/graphiql/graphiql-abc.js`, {
      'Accept-Encoding': 'br',
      'If-None-Match': etag,
    });
    expect(otherEncoding.status).toBe(200);
    expect(otherEncoding.headers.etag).not.toBe(etag);
  });

  it('sends nosniff on every file, and the CSP only on the page', async () => {
    const asset = await get(`${base}/graphiql/graphiql-abc.js`);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['content-security-policy']).toBeUndefined();
    const index = await get(`${base}/graphiql/index.html`, { 'Accept-Encoding': 'br' });
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers a Range request with the whole file', async () => {
    const reply = await get(`${base}/graphiql/graphiql-abc.js`, { Range: 'bytes=-10' });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(JS);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const reply = await get(`${base}/graphiql/graphiql-abc.js`, {}, 'HEAD');
    expect(reply.status).toBe(200);
    expect(Number(reply.headers['content-length'])).toBe(JS.length);
    expect(reply.body.length).toBe(0);
  });

  it('redirects /graphiql to the folder, keeping the query string', async () => {
    const reply = await get(`${base}/graphiql?x=1`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('graphiql/?x=1');
  });

  it.each([
    ['/graphiql/..%2Fpackage.json', 400],
    ['/graphiql/%2e%2e%2fmanifest.json', 400],
    ['/graphiql/..', 400],
    ['/graphiql/..%5Csecret.txt', 400],
    ['/graphiql/secret.txt', 404],
    ['/graphiql/manifest.json', 404],
    ['/graphiql/sub/graphiql-abc.js', 404],
  ])('rejects %s with %i', async (url, status) => {
    const reply = await get(base + url);
    expect(reply.status).toBe(status);
    expect(reply.body.toString()).not.toContain('not for the browser');
  });

  it('leaves other paths and methods to the rest of the server', async () => {
    expect((await get(`${base}/graphql`)).status).toBe(418);
    expect((await get(`${base}/graphiqlx`)).status).toBe(418);
    expect((await get(`${base}/graphiql/`, {}, 'POST')).status).toBe(418);
  });

  it('says how to build the bundle when it is missing, then serves it once built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'graphiql-empty-'));
    const missing = await listen(empty);
    try {
      const reply = await get(`${missing.base}/graphiql/`);
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('10');
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.body.toString()).toContain('GraphiQL bundle not built: run npm run build');
      // A build while the gateway runs: no restart needed.
      writeBundle(empty);
      const built = await get(`${missing.base}/graphiql/`);
      expect(built.status).toBe(200);
      expect(built.body.toString()).toBe(INDEX);
    } finally {
      await new Promise((resolve) => missing.server.close(resolve));
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('answers 503 for a listed file the folder lacks (an interrupted build)', async () => {
    const partial = mkdtempSync(path.join(tmpdir(), 'graphiql-partial-'));
    writeBundle(partial);
    for (const suffix of ['', '.br', '.gz']) rmSync(path.join(partial, `graphiql-abc.js${suffix}`));
    const gateway = await listen(partial);
    try {
      const reply = await get(`${gateway.base}/graphiql/graphiql-abc.js`, {
        'Accept-Encoding': 'br',
      });
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('10');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['content-encoding']).toBeUndefined();
    } finally {
      await new Promise((resolve) => gateway.server.close(resolve));
      rmSync(partial, { recursive: true, force: true });
    }
  });
});

describe('negotiateEncoding', () => {
  const both = { br: 10, gzip: 12 };

  it.each([
    [undefined, 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['BR;Q=0.1', 'br'],
  ])('picks for %s: %s', (header, expected) => {
    expect(negotiateEncoding(header, both)).toBe(expected);
  });

  it('falls back when the build produced no brotli file', () => {
    expect(negotiateEncoding('br, gzip', { br: 0, gzip: 12 })).toBe('gzip');
  });
});

describe('resolveGraphiqlAssetsDir', () => {
  it('finds dist/graphiql at the project root', () => {
    expect(resolveGraphiqlAssetsDir()).toBe(
      path.resolve(__dirname, '..', '..', 'dist', 'graphiql'),
    );
  });
});
