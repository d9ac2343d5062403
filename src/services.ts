import { type Dispatcher } from 'undici';
import { AccountClient } from './account/account.client';
import { FlightLock } from './cache/flight-lock';
import { LocalRateLimiter, type RateLimiter, SharedRateLimiter } from './cache/rate-limiter';
import { type RedisConnection, connectRedis } from './cache/redis';
import { SingleFlight } from './cache/single-flight';
import { CacheStore } from './cache/store';
import { type Config, type UpstreamApi } from './config';
import { type Services } from './context';
import { type Logger } from './logger';
import { PricingClient } from './pricing/pricing.client';
import { PricingService } from './pricing/pricing.service';
import { type AttemptEvent, UpstreamTransport } from './upstream/transport';

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

function createLimiters(config: Config, redis: RedisConnection | undefined) {
  const limiters = {} as Record<UpstreamApi, RateLimiter>;
  for (const api of Object.keys(config.rateLimit.perSecond) as UpstreamApi[]) {
    const options = {
      perSecond: config.rateLimit.perSecond[api],
      maxWaitMs: config.rateLimit.maxWaitMs,
    };
    limiters[api] = redis
      ? new SharedRateLimiter(redis, `${config.cache.namespace}:ratelimit:${api}`, {
          ...options,
          timeoutMs: config.cache.redisTimeoutMs,
        })
      : new LocalRateLimiter(options);
  }
  return limiters;
}

/**
 * Wires the long-lived parts in the order data flows through them:
 * cache → rate limiter → transport → area clients → services.
 */
export function createRuntime(
  config: Config,
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
  const pricing = new PricingService(
    new PricingClient(transport),
    cache,
    flights,
    config.pricing,
    logger,
    lock,
  );
  return {
    services: { account: new AccountClient(transport), pricing, logger },
    transport,
    cache,
    flights,
    redis,
    lock,
    limiters,
    close: async () => {
      await transport.close();
      await redis?.close();
    },
  };
}
