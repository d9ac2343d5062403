import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CallerShare } from '../coordination/caller-share';
import { SharedRateLimiter } from '../coordination/rate-limiter.redis';
import { type CacheStore } from '../cache/store';
import { type RedisConnection } from '../coordination/redis';
import { type FlightLock } from '../coordination/flight-lock';
import { type RateLimiter } from '../coordination/rate-limiter';
import { type SingleFlight } from '../coordination/single-flight';
import { mirroredCounter } from './mirrored';
import { type AttemptEvent, type UpstreamTransport } from '../upstream/transport';

/** Seconds; from a warm cache hit (≈ 1 ms) to a request that waited for several rate-limit slots. */
const GRAPHQL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const UPSTREAM_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names come from clients, so they are bounded: names that are not plain identifiers
 * share one label, and so do names beyond the first MAX_OPERATION_NAMES seen.
 */
const MAX_OPERATION_NAMES = 100;

/**
 * `reused`: a whole answer sent again from the response cache, without execution; `shared`: the
 * answer an identical request made while this one waited (src/http/response-cache.ts).
 */
export type GraphqlOutcome = 'success' | 'error' | 'rejected' | 'reused' | 'shared';

export interface GatewayMetrics {
  registry: Registry;
  /** One upstream attempt (UpstreamTransport's `observe` hook). */
  observeUpstream(event: AttemptEvent): void;
  /** One GraphQL request, by operation name (undefined: anonymous) and outcome. */
  observeOperation(name: string | undefined, outcome: GraphqlOutcome, seconds: number): void;
  /** Reads the runtime's own counters at every scrape. */
  bindRuntime(runtime: MeteredRuntime): void;
}

/** The shared parts of the runtime (src/server/runtime.ts) whose counters the metrics read. */
export interface MeteredRuntime {
  transport: UpstreamTransport;
  cache: CacheStore;
  flights: SingleFlight;
  lock?: FlightLock;
  limiters: Record<string, RateLimiter>;
  redis?: RedisConnection;
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways can run in one
 * process, as in the tests): Node's default process metrics (RSS, heap, event-loop lag, GC),
 * histograms of GraphQL operations and upstream attempts, and the counters that show how much
 * the cache, single-flight and rate limiter save the upstream. No URL, key or secret is a label.
 */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const operations = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: 'GraphQL requests, from receipt to response, by operation name and outcome (success, error: the response carries errors, rejected: not parsed or not valid, reused: a whole answer sent again from the response cache, shared: the answer an identical request made while this one waited).',
    labelNames: ['operation', 'outcome'],
    buckets: GRAPHQL_BUCKETS,
    registers: [registry],
  });
  const upstream = new Histogram({
    name: 'gateway_upstream_request_duration_seconds',
    help: 'Upstream attempts, headers and body, by Vonage operation and HTTP status (not_sent, unknown: no answer).',
    labelNames: ['operation', 'status'],
    buckets: UPSTREAM_BUCKETS,
    registers: [registry],
  });
  const names = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (!name) return 'anonymous';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  return {
    registry,
    observeUpstream: ({ operation, status, ms }) =>
      upstream.observe({ operation, status }, ms / 1000),
    observeOperation: (name, outcome, seconds) =>
      operations.observe({ operation: operationLabel(name), outcome }, seconds),
    bindRuntime(runtime) {
      const { transport, cache, flights } = runtime;
      mirroredCounter(
        registry,
        'gateway_upstream_requests_total',
        'Requests sent to Vonage, retries included, per API.',
        ['api'],
        () =>
          Object.entries(transport.stats.sent).map(([api, value]) => ({ labels: { api }, value })),
      );
      mirroredCounter(
        registry,
        'gateway_upstream_rate_limited_total',
        'HTTP 429 answers received from Vonage.',
        [],
        () => [{ value: transport.stats.rateLimited }],
      );
      mirroredCounter(
        registry,
        'gateway_cache_reads_total',
        'Shared cache reads by result (bypassed: Redis down or slow).',
        ['result'],
        () => [
          { labels: { result: 'hit' }, value: cache.stats.hits },
          { labels: { result: 'miss' }, value: cache.stats.misses },
          { labels: { result: 'bypassed' }, value: cache.stats.bypassed },
        ],
      );
      new Gauge({
        name: 'gateway_cache_hit_ratio',
        help: 'Cache hits / (hits + misses) since start; 0 before the first read. Prefer rate() over gateway_cache_reads_total for a recent ratio.',
        registers: [registry],
        collect() {
          const { hits, misses } = cache.stats;
          this.set(hits + misses === 0 ? 0 : hits / (hits + misses));
        },
      });
      mirroredCounter(
        registry,
        'gateway_single_flight_joined_total',
        'Callers that shared an upstream read already under way instead of sending one.',
        [],
        () => [{ value: flights.joined }],
      );
      if (runtime.lock) {
        const lock = runtime.lock;
        mirroredCounter(
          registry,
          'gateway_flight_lock_followed_total',
          'Upstream reads not sent because another replica fetched the same thing first.',
          [],
          () => [{ value: lock.followed }],
        );
      }
      // Only the Redis-shared limiters can fall back to a local schedule.
      const shared = Object.entries(runtime.limiters).flatMap(([api, outer]) => {
        const limiter = outer instanceof CallerShare ? outer.inner : outer;
        return limiter instanceof SharedRateLimiter ? [{ api, limiter }] : [];
      });
      if (shared.length > 0) {
        mirroredCounter(
          registry,
          'gateway_rate_limiter_fallbacks_total',
          'Rate-limit slots taken from the local schedule because Redis could not be used, per API.',
          ['api'],
          () => shared.map(({ api, limiter }) => ({ labels: { api }, value: limiter.fallbacks })),
        );
      }
      const redis = runtime.redis;
      if (redis) {
        new Gauge({
          name: 'gateway_redis_up',
          help: '1 when Redis is configured and connected, 0 when configured and down.',
          registers: [registry],
          collect() {
            this.set(redis.ready() ? 1 : 0);
          },
        });
        mirroredCounter(
          registry,
          'gateway_redis_errors_total',
          'Redis connection errors.',
          [],
          () => [{ value: redis.errors() }],
        );
      }
    },
  };
}
