import { type IncomingMessage, type ServerResponse } from 'node:http';

/** Request headers a browser may send to /graphql across origins. */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'idempotency-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
].join(', ');

/**
 * CORS for /graphql with an allow-list of origins (CORS_ORIGINS). An allowed origin is echoed,
 * never `*`; no cookies are involved (callers send bearer tokens), so no Allow-Credentials.
 * Apollo's CSRF prevention stays on: a cross-origin request must still be preflighted.
 * Returns true when it answered the request itself (a preflight).
 */
export function createCors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    res.setHeader('Vary', 'Origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'www-authenticate, retry-after');
    }
    if (!preflight) return false;
    if (!ok) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Origin not allowed: add it to CORS_ORIGINS\n');
      return true;
    }
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  };
}
