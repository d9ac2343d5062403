import { createReadStream, existsSync, promises as fs } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Serves the offline GraphiQL bundle built by scripts/build-graphiql.js into dist/graphiql. */
export interface GraphiqlRouteOptions {
  /** Absolute path of dist/graphiql. */
  assetsDir: string;
  /** URL path the page is served at; default '/graphiql'. */
  basePath?: string;
}

export type GraphiqlRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** One entry of dist/graphiql/manifest.json, written by the build script. */
interface ManifestFile {
  name: string;
  size: number;
  gzip: number;
  br: number;
  sha256: string;
  immutable: boolean;
}

interface Bundle {
  mtimeMs: number;
  files: Map<string, ManifestFile>;
}

type Encoding = 'br' | 'gzip' | 'identity';

const NOT_BUILT = 'GraphiQL bundle not built: run npm run build\n';
const IMMUTABLE = 'public, max-age=31536000, immutable';

// The page may talk to its own origin only: this backs up the build's "no remote URL" rule in
// the browser itself. Monaco sets inline styles, and its workers are same-origin script files.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function createGraphiqlRoute(options: GraphiqlRouteOptions): GraphiqlRoute {
  const basePath = (options.basePath ?? '/graphiql').replace(/\/+$/, '');
  if (!basePath.startsWith('/')) throw new Error(`basePath must start with "/": ${basePath}`);
  const manifestPath = path.join(options.assetsDir, 'manifest.json');
  let cached: Bundle | undefined;

  // Re-read the manifest whenever a rebuild replaced it, so `npm run graphiql:build` needs no restart.
  async function loadBundle(): Promise<Bundle | undefined> {
    const stat = await fs.stat(manifestPath).catch(() => undefined);
    if (!stat) return (cached = undefined);
    if (cached?.mtimeMs === stat.mtimeMs) return cached;
    const parsed = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { files: ManifestFile[] };
    cached = { mtimeMs: stat.mtimeMs, files: new Map(parsed.files.map((f) => [f.name, f])) };
    return cached;
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const rawUrl = req.url ?? '';
    const queryAt = rawUrl.search(/[?#]/);
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    if (rawPath !== basePath && !rawPath.startsWith(`${basePath}/`)) return false;

    if (rawPath === basePath) {
      // Relative, so it also works behind a proxy that adds a path prefix. Asset URLs in
      // index.html are relative to the folder, hence the trailing slash.
      const location = `${basePath.slice(basePath.lastIndexOf('/') + 1)}/`;
      const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
      sendText(req, res, 302, `Redirecting to ${location}\n`, { Location: location + query });
      return true;
    }

    const name = decodeName(rawPath.slice(basePath.length + 1) || 'index.html');
    if (name === undefined) {
      sendText(req, res, 400, 'Bad asset path\n');
      return true;
    }

    let bundle: Bundle | undefined;
    try {
      bundle = await loadBundle();
    } catch {
      bundle = undefined;
    }
    if (!bundle) {
      sendText(req, res, 503, NOT_BUILT, { 'Retry-After': '10' });
      return true;
    }
    // Only files the build listed are served: nothing else in (or outside) the folder is reachable.
    const file = bundle.files.get(name);
    if (!file) {
      sendText(req, res, 404, 'Not found\n');
      return true;
    }
    await sendFile(req, res, options.assetsDir, file);
    return true;
  };
}

/** Decoded file name, or undefined for anything that could leave the folder. */
function decodeName(encoded: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (name.includes('..') || /[\\\0]/.test(name)) return undefined;
  return name;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  assetsDir: string,
  file: ManifestFile,
): Promise<void> {
  const preferred = negotiateEncoding(req.headers['accept-encoding'], file);
  const candidates: Encoding[] = preferred === 'identity' ? ['identity'] : [preferred, 'identity'];
  for (const encoding of candidates) {
    const filePath = path.join(assetsDir, file.name + SUFFIX[encoding]);
    const stat = await fs.stat(filePath).catch(() => undefined);
    if (!stat?.isFile()) continue;

    const etag = `"${file.sha256.slice(0, 32)}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string | number> = {
      'Cache-Control': file.immutable ? IMMUTABLE : 'no-cache',
      ETag: etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    };
    if (file.name.endsWith('.html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['Referrer-Policy'] = 'no-referrer';
    }
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['Content-Type'] = CONTENT_TYPES[extensionOf(file.name)] ?? 'application/octet-stream';
    headers['Content-Length'] = stat.size;
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A client that goes away mid-download is not an error worth reporting.
    await pipeline(createReadStream(filePath), res).catch(() => res.destroy());
    return;
  }
  sendText(req, res, 503, NOT_BUILT, { 'Retry-After': '10' });
}

const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz', identity: '' };

/** Picks br, then gzip, among the codings the client accepts (q > 0) and the build produced. */
export function negotiateEncoding(
  header: string | string[] | undefined,
  available: { br: number; gzip: number },
): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(token, q ? Number(q[1]) : 1);
  }
  const quality = (token: string) => accepted.get(token) ?? accepted.get('*') ?? 0;
  if (available.br > 0 && quality('br') > 0) return 'br';
  if (available.gzip > 0 && Math.max(quality('gzip'), accepted.get('x-gzip') ?? 0) > 0) {
    return 'gzip';
  }
  return 'identity';
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

function extensionOf(name: string): string {
  return path.extname(name).toLowerCase();
}

function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * dist/graphiql of the project, from src/http (swc-node, jest) or dist/http (compiled): the
 * nearest folder above this file that holds a package.json is the project root.
 */
export function resolveGraphiqlAssetsDir(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'graphiql');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..', 'dist', 'graphiql');
    dir = parent;
  }
}
