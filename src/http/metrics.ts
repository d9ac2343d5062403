import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Runtime } from '../services';

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels?: Record<string, string>; value: number }[];
}

function render(metrics: Metric[]): string {
  return metrics
    .map(({ name, help, type, samples }) => {
      const lines = samples.map(({ labels, value }) => {
        const text = labels
          ? `{${Object.entries(labels)
              .map(([key, label]) => `${key}="${label}"`)
              .join(',')}}`
          : '';
        return `${name}${text} ${value}`;
      });
      return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines].join('\n');
    })
    .join('\n')
    .concat('\n');
}

/**
 * /metrics in the Prometheus text format: what an operator needs to see the gateway save the
 * upstream (requests sent per API, 429s received, cache hits, shared calls) and Redis health.
 * Counts only; no URL, key or secret is ever a label.
 */
export function createMetrics(runtime: Runtime) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    const { transport, cache, flights, redis } = runtime;
    const metrics: Metric[] = [
      {
        name: 'gateway_upstream_requests_total',
        help: 'Requests sent to Vonage, retries included, per API.',
        type: 'counter',
        samples: Object.entries(transport.stats.sent).map(([api, value]) => ({
          labels: { api },
          value,
        })),
      },
      {
        name: 'gateway_upstream_rate_limited_total',
        help: 'HTTP 429 answers received from Vonage.',
        type: 'counter',
        samples: [{ value: transport.stats.rateLimited }],
      },
      {
        name: 'gateway_cache_reads_total',
        help: 'Shared cache reads by result (bypassed: Redis down or slow).',
        type: 'counter',
        samples: [
          { labels: { result: 'hit' }, value: cache.stats.hits },
          { labels: { result: 'miss' }, value: cache.stats.misses },
          { labels: { result: 'bypassed' }, value: cache.stats.bypassed },
        ],
      },
      {
        name: 'gateway_single_flight_joined_total',
        help: 'Callers that shared an upstream read already under way instead of sending one.',
        type: 'counter',
        samples: [{ value: flights.joined }],
      },
      {
        name: 'gateway_flight_lock_followed_total',
        help: 'Upstream reads not sent because another replica fetched the same thing first.',
        type: 'counter',
        samples: runtime.lock ? [{ value: runtime.lock.followed }] : [],
      },
      {
        name: 'gateway_redis_up',
        help: '1 when Redis is configured and connected, 0 when configured and down.',
        type: 'gauge',
        samples: redis ? [{ value: redis.ready() ? 1 : 0 }] : [],
      },
      {
        name: 'gateway_redis_errors_total',
        help: 'Redis connection errors.',
        type: 'counter',
        samples: redis ? [{ value: redis.errors() }] : [],
      },
    ];
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(render(metrics.filter((metric) => metric.samples.length > 0)));
  };
}
