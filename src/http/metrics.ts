import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Registry } from 'prom-client';

/** allow: serve; 401: no or wrong credentials; 403: a caller without metrics:read. */
export type MetricsGuard = (req: IncomingMessage) => Promise<'allow' | 401 | 403>;

/**
 * /metrics in the Prometheus text format, rendered by prom-client (escaping included). With a
 * guard (METRICS_TOKEN, or caller auth with the metrics:read scope) it answers 401/403 otherwise.
 */
export function createMetrics(registry: Registry, guard?: MetricsGuard) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = guard ? await guard(req) : 'allow';
    if (verdict !== 'allow') {
      res.writeHead(verdict, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        ...(verdict === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
      });
      res.end(
        verdict === 401
          ? 'Send Authorization: Bearer <METRICS_TOKEN> (or a token with metrics:read)\n'
          : 'This token lacks the metrics:read scope\n',
      );
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
