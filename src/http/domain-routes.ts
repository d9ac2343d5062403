import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type HttpRoute } from '../kernel/domain';

/**
 * Serves a domain's route (src/kernel/domain.ts): a method it does not list is answered 405 with
 * the methods it does, before the route sees the request.
 */
export async function serveDomainRoute(
  route: HttpRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (!route.methods.some((method) => method === req.method)) {
    res.writeHead(405, {
      allow: route.methods.join(', '),
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(`Method not allowed: ${url.pathname} accepts ${route.methods.join(', ')}.\n`);
    return;
  }
  await route.handle(req, res, url);
}
