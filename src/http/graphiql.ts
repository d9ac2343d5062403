import { existsSync, promises as fs } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/**
 * Serves the offline GraphiQL bundle built by scripts/build-graphiql.js into dist/graphiql, with
 * sirv (precompressed .br/.gz siblings, ETag and 304) behind a gate that only lets through the
 * files the build's manifest lists.
 */
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
  /** Identity of the manifest file this bundle was read from. */
  version: string;
  files: Map<string, ManifestFile>;
  /** sirv over the folder as it was when this manifest was read. */
  serve: sirv.RequestHandler;
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

  // The build swaps in a new folder (and manifest) as a whole; a new manifest means a new
  // bundle, so `npm run graphiql:build` needs no restart. sirv lists the folder once per bundle.
  async function loadBundle(): Promise<Bundle | undefined> {
    const stat = await fs.stat(manifestPath).catch(() => undefined);
    if (!stat) return (cached = undefined);
    const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (cached?.version === version) return cached;
    const parsed = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { files: ManifestFile[] };
    const serve = sirv(options.assetsDir, {
      dev: false,
      etag: true,
      brotli: true,
      gzip: true,
      extensions: [],
      dotfiles: false,
    });
    cached = { version, files: new Map(parsed.files.map((f) => [f.name, f])), serve };
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
    // Only files the build listed are served: sirv sees the rest of the folder (manifest.json,
    // anything copied in by hand), so nothing reaches it unless the manifest names it.
    const file = bundle.files.get(name);
    if (!file) {
      sendText(req, res, 404, 'Not found\n');
      return true;
    }
    serveFile(req, res, bundle, file);
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

/**
 * Hands one manifest file to sirv (precompressed siblings, ETag, 304, Content-Length). Headers
 * set here first win over sirv's, and are the only ones a 304 carries.
 */
function serveFile(req: IncomingMessage, res: ServerResponse, bundle: Bundle, file: ManifestFile) {
  res.setHeader('Cache-Control', file.immutable ? IMMUTABLE : 'no-cache');
  res.setHeader(
    'Content-Type',
    CONTENT_TYPES[extensionOf(file.name)] ?? 'application/octet-stream',
  );
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (file.name.endsWith('.html')) {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
  }
  // sirv only looks for "br"/"gzip" in the header and ignores q=0: give it the coding chosen here.
  const encoding = negotiateEncoding(req.headers['accept-encoding'], file);
  req.headers['accept-encoding'] = encoding === 'identity' ? '' : encoding;
  // The bundle is a few files fetched whole; sirv's Range parsing misreads suffix ranges.
  delete req.headers.range;
  req.url = `/${file.name.split('/').map(encodeURIComponent).join('/')}`;
  // sirv pipes a read stream without an error listener: a file removed under it (a rebuild
  // swapping the folder) must end this response, not the process.
  res.once('pipe', (source: NodeJS.ReadableStream) => {
    source.once('error', () => res.destroy());
  });
  bundle.serve(req, res, () => {
    // Listed in the manifest but absent from the folder: a build was interrupted.
    for (const header of res.getHeaderNames()) res.removeHeader(header);
    sendText(req, res, 503, NOT_BUILT, { 'Retry-After': '10' });
  });
}

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
