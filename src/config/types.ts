import { type AuthConfig } from '../auth';
import { type LogLevel } from '../base/logger';

// The shape of the gateway's shared configuration, as loadConfig (config/config.ts) reads it from
// the environment; imported through config/config.ts. The settings a part declares itself
// (config/settings.ts) come beside these, under that part's name.

export type AuthMode = 'basic' | 'query';

export type { LogLevel };

export interface UpstreamConfig {
  /** Base URL of Vonage's REST host (rest.nexmo.com), without a trailing slash. */
  restUrl: string;
  /** Base URL of Vonage's API host (api.nexmo.com), likewise. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  auth: AuthMode;
  /** TCP connect timeout. */
  connectTimeoutMs: number;
  /** Overall deadline of one attempt: connect, headers and body. */
  requestTimeoutMs: number;
  /** Retries for GETs after network errors, 429 and 5xx (never POSTs). */
  maxRetries: number;
  /** Keep-alive connections per upstream origin. */
  connections: number;
}

export interface CacheConfig {
  /** Redis shared by every replica; in-process memory when unset. */
  redisUrl?: string;
  /** Prefix of every key, so several gateways (or tests) can share one Redis. */
  namespace: string;
  /** How long Redis may take to answer before the gateway carries on without it. */
  redisTimeoutMs: number;
  /** With Redis: how long a replica keeps what it read in its own memory (0: never). */
  localTtlMs: number;
  /** Bytes of whole answers kept for reuse in this process (RESPONSE_CACHE_MB; 0: none). */
  responseCacheBytes: number;
}

export interface RateLimitConfig {
  /**
   * Upstream requests per second per area, for all replicas sharing REDIS_URL together, as set by
   * `<AREA>_RATE_PER_SECOND`. Areas not listed keep the default their domain declares.
   */
  perSecond: Record<string, number>;
  /** A caller waits this long at most for a slot, then gets RATE_LIMITED. */
  maxWaitMs: number;
  /** Spacing added to every area's interval, in percent of it (see intervalMs). */
  marginPercent: number;
  /** Slots one authenticated caller may wait for at once, per area (0: no share). */
  perCallerQueue: number;
}

export interface IdempotencyConfig {
  /** How long the first result of a keyed money operation is replayed. */
  ttlMs: number;
  /** How long a concurrent duplicate waits for the first call before IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  /** How often a waiting duplicate looks again. */
  pollMs: number;
  /** A claim whose holder stopped refreshing it for this long is taken over and settled. */
  leaseMs: number;
}

/** What one GraphQL request may ask for and answer (see README, Limits). */
export interface LimitsConfig {
  /** Lexical tokens of a document, counted while parsing. */
  maxTokens: number;
  /** Aliased fields of an operation, fragments included. */
  maxAliases: number;
  /** Nesting of selections, fragments flattened. */
  maxDepth: number;
  maxDirectives: number;
  /** The cost estimate's ceiling: answer values + 100 × upstream calls. */
  maxCost: number;
  /** Bytes of one serialised answer; above it the answer is RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Subscriptions (event streams) one caller may hold open at once. */
  subscriptionsPerCaller: number;
  /** Subscriptions open in this process at once. */
  subscriptionsTotal: number;
}

/** Browsers on these origins may call /graphql (CORS); an empty list sends no CORS headers. */
export interface CorsConfig {
  origins: string[];
}

/** A manifest of operations (GraphQL Codegen client preset format), requested by hash. */
export interface TrustedDocumentsConfig {
  /** Path of persisted-documents.json: `{ "<sha256>": "query …" }`. */
  path: string;
  /** allowlist: only these operations run; mixed: these by id, and any other operation too. */
  mode: 'allowlist' | 'mixed';
}

/**
 * Router-only access, for a subgraph behind a router (README, Use it in a supergraph): how a
 * request proves it comes from the router, and what only the router may ask. Unset: a public
 * backend-for-frontend, where anyone who reaches /graphql may ask anything its token allows.
 */
export interface RouterConfig {
  /**
   * The secret Hive Gateway signs each subgraph request with (its `hmacSignature` option):
   * HMAC-SHA256 of the query and variables, in `extensions["hmac-signature"]`.
   */
  hmacSecret?: string;
  /** A static shared secret the router sends in the `Router-Authorization` header. */
  token?: string;
  /**
   * `federation`: only the router may ask for `_entities` and `_service`, other operations are
   * open as before; `all`: every /graphql request must come from the router.
   */
  only: 'federation' | 'all';
}

/** OpenTelemetry traces, sent with OTLP over HTTP (src/config/tracing.ts); off when absent. */
export interface TracingConfig {
  /** Where spans are posted (OTLP/HTTP traces URL). */
  endpoint: string;
  /** OTEL_SERVICE_NAME; else a service.name in OTEL_RESOURCE_ATTRIBUTES, else the package's name. */
  serviceName?: string;
  /** OTEL_TRACES_SAMPLER, in its standard spelling. */
  sampler:
    | 'parentbased_always_on'
    | 'parentbased_always_off'
    | 'parentbased_traceidratio'
    | 'always_on'
    | 'always_off'
    | 'traceidratio';
  /** OTEL_TRACES_SAMPLER_ARG: the share of traces kept by a `traceidratio` sampler. */
  ratio: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** True when no credentials were given: the gateway starts the embedded simulator and uses it. */
  sandbox: boolean;
  upstream: UpstreamConfig;
  cache: CacheConfig;
  rateLimit: RateLimitConfig;
  idempotency: IdempotencyConfig;
  limits: LimitsConfig;
  auth: AuthConfig;
  cors: CorsConfig;
  trustedDocuments?: TrustedDocumentsConfig;
  /** Set when a router secret is: see RouterConfig. */
  router?: RouterConfig;
  tracing?: TracingConfig;
  shutdownTimeoutMs: number;
}
