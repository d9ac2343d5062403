import { type Dispatcher } from 'undici';
import { FlightLock } from '../coordination/flight-lock';
import { IdempotencyStore, memoryBackend, redisBackend } from '../coordination/idempotency';
import { CallerShare } from '../coordination/caller-share';
import { LocalRateLimiter, type RateLimiter, intervalMs } from '../coordination/rate-limiter';
import { SharedRateLimiter } from '../coordination/rate-limiter.redis';
import { type RedisConnection, connectRedis } from '../coordination/redis';
import { SingleFlight } from '../coordination/single-flight';
import { CacheStore } from '../cache/store';
import { type Config, ConfigError } from '../config/config';
import {
  type GatewayConfig,
  type Services,
  DOMAIN_ENTRIES,
  createServices,
  stopDomains,
} from '../domains';
import { type DomainDeps, readThroughFactory } from '../kernel/domain';
import { type Logger } from '../base/logger';
import { type AttemptEvent, UpstreamTransport } from '../upstream/transport';

export interface Runtime {
  services: Services;
  transport: UpstreamTransport;
  cache: CacheStore;
  flights: SingleFlight;
  redis?: RedisConnection;
  /** Cross-replica single-flight, with Redis. */
  lock?: FlightLock;
  /** The rate limiter of each upstream API (metrics read their fallbacks). */
  limiters: Record<string, RateLimiter>;
  close(): Promise<void>;
}

/** Each area's requests per second: what the configuration sets, else its domain's default. */
export function areaRates(config: Config): Record<string, number> {
  const defaults: Record<string, number> = Object.assign(
    {},
    ...DOMAIN_ENTRIES.map(([, domain]) => domain.areas),
  );
  for (const area of Object.keys(config.rateLimit.perSecond)) {
    if (!(area in defaults)) {
      throw new ConfigError(
        `${area.toUpperCase()}_RATE_PER_SECOND names no upstream area: the areas are ${Object.keys(defaults).join(', ')}`,
      );
    }
  }
  return { ...defaults, ...config.rateLimit.perSecond };
}

function createLimiters(config: Config, redis: RedisConnection | undefined) {
  const limiters: Record<string, RateLimiter> = {};
  for (const [area, perSecond] of Object.entries(areaRates(config))) {
    const options = {
      perSecond,
      maxWaitMs: config.rateLimit.maxWaitMs,
      marginPercent: config.rateLimit.marginPercent,
    };
    const schedule = redis
      ? new SharedRateLimiter(redis, `${config.cache.namespace}:ratelimit:${area}`, {
          ...options,
          timeoutMs: config.cache.redisTimeoutMs,
        })
      : new LocalRateLimiter(options);
    const interval = intervalMs(perSecond, options.marginPercent);
    limiters[area] = new CallerShare(schedule, config.rateLimit.perCallerQueue, area, interval);
  }
  return limiters;
}

/**
 * Wires the long-lived parts in the order data flows through them:
 * cache → rate limiter → transport → each domain's service.
 */
export function createRuntime(
  config: GatewayConfig,
  logger: Logger,
  dispatcher?: Dispatcher,
  observeUpstream?: (event: AttemptEvent) => void,
): Runtime {
  const redis = config.cache.redisUrl
    ? connectRedis(config.cache.redisUrl, logger, config.cache.redisTimeoutMs)
    : undefined;
  const cache = new CacheStore(
    config.cache.namespace,
    redis,
    config.cache.redisTimeoutMs,
    config.cache.localTtlMs,
  );
  const flights = new SingleFlight();
  const limiters = createLimiters(config, redis);
  const transport = new UpstreamTransport({
    config: config.upstream,
    logger,
    dispatcher,
    limiters,
    observe: observeUpstream,
  });
  // A leader's call may wait for its slot and then take every attempt: the lock outlives that.
  const lock = redis
    ? new FlightLock(redis, config.cache.namespace, {
        ttlMs:
          config.rateLimit.maxWaitMs +
          config.upstream.requestTimeoutMs * (config.upstream.maxRetries + 1) +
          5_000,
        pollMs: 50,
        timeoutMs: config.cache.redisTimeoutMs,
      })
    : undefined;
  const idempotency = new IdempotencyStore(
    redis
      ? redisBackend(redis, config.cache.namespace, config.cache.redisTimeoutMs)
      : memoryBackend(),
    config.idempotency,
  );
  const deps: Omit<DomainDeps, 'settings'> = {
    config,
    logger,
    transport,
    readThrough: readThroughFactory({ cache, flights, logger, lock }),
    idempotency,
    redis: redis && {
      shared: redis,
      dedicated: () =>
        connectRedis(config.cache.redisUrl!, logger, config.cache.redisTimeoutMs, 'dedicated'),
      namespace: config.cache.namespace,
      timeoutMs: config.cache.redisTimeoutMs,
    },
  };
  const services = createServices(deps, config);
  return {
    services,
    transport,
    cache,
    flights,
    redis,
    lock,
    limiters,
    close: async () => {
      await stopDomains(services);
      await transport.close();
      await redis?.close();
    },
  };
}
