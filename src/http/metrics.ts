import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Registry } from 'prom-client';

/** /metrics in the Prometheus text format, rendered by prom-client (escaping included). */
export function createMetrics(registry: Registry) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
