import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { authConfig, corsOrigins, trustedDocuments } from './access';
import { ConfigError, type Env, integer, oneOf, parseUrl, positive } from './values';
import { type AuthMode, type LogLevel, type HistoryConfig, type Config } from './types';
import { PricingType } from '../pricing/pricing.type';

export { ConfigError } from './values';
export type * from './types';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const AUTH_MODES: readonly AuthMode[] = ['basic', 'query'];

function restUrl(env: Env): string {
  const raw = env.VONAGE_REST_URL || 'https://rest.nexmo.com';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`VONAGE_REST_URL must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`VONAGE_REST_URL must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.username || url.password || url.search) {
    throw new ConfigError(
      'VONAGE_REST_URL must not carry credentials or a query: use VONAGE_API_KEY and VONAGE_API_SECRET',
    );
  }
  return url.toString().replace(/\/+$/, '');
}

function redisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL;
  if (!raw) return undefined;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    throw new ConfigError(
      'REDIS_URL must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379',
    );
  }
  return raw;
}

const HOUR = 3_600_000;
const PRICING_TYPES = Object.values(PricingType);

/** A comma-separated list of pricing types (SMS, SMS_TRANSIT, VOICE), any case. */
function pricingTypes(env: Env, name: string): PricingType[] {
  const raw = env[name];
  if (!raw) return [];
  const types = raw.split(',').map((item) => item.trim().toUpperCase());
  const wrong = types.find((type) => !PRICING_TYPES.includes(type as PricingType));
  if (wrong !== undefined) {
    throw new ConfigError(
      `${name} must list pricing types separated by commas, from ${PRICING_TYPES.join(', ')} (got "${raw}")`,
    );
  }
  return [...new Set(types as PricingType[])];
}
const AREA_RATE = /^([A-Z][A-Z0-9]*)_RATE_PER_SECOND$/;

/** Every `<AREA>_RATE_PER_SECOND` given, by area name in lower case. */
function areaRates(env: Env): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const name of Object.keys(env)) {
    const match = AREA_RATE.exec(name);
    if (match && env[name] !== undefined && env[name] !== '') {
      rates[match[1].toLowerCase()] = positive(env, name, 1, 0.01, 1000);
    }
  }
  return rates;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** HOST: an IPv4 or IPv6 address, or a hostname. */
function host(env: Env): string {
  const value = env.HOST || '127.0.0.1';
  // Digits and dots only is an IPv4 address or nothing: no top-level domain is numeric
  // (RFC 3696 §2), and the resolver would only answer ENOTFOUND at listen.
  if (/^[\d.]+$/.test(value) && !isIP(value)) {
    throw new ConfigError(
      `HOST must be an IP address or a hostname: ${JSON.stringify(value)} looks like an IPv4 address but is not one (four numbers from 0 to 255)`,
    );
  }
  if (isIP(value) || HOSTNAME.test(value)) return value;
  throw new ConfigError(
    `HOST must be an IP address or a hostname, like 127.0.0.1, 0.0.0.0, :: or localhost (got ${JSON.stringify(value)})`,
  );
}

/** Flags that override the environment: `--port 4001 --host 0.0.0.0 --log-level debug`. */
function flagsToEnv(argv: readonly string[]): Env {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      auth: { type: 'string' },
    },
    strict: true,
  });
  return {
    PORT: values.port,
    HOST: values.host,
    LOG_LEVEL: values['log-level'],
    VONAGE_AUTH: values.auth,
  };
}

/**
 * Reads and validates the whole configuration once. Any invalid value stops the start with one
 * message naming the variable and what it accepts.
 */
export function loadConfig(env: Env = process.env, argv: readonly string[] = []): Config {
  let flags: Env;
  try {
    flags = flagsToEnv(argv);
  } catch (error) {
    throw new ConfigError(
      `${(error as Error).message}; allowed flags: --port, --host, --log-level, --auth`,
    );
  }
  const merged: Env = { ...env };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;

  rejectEmpty(merged);
  const apiKey = merged.VONAGE_API_KEY ?? '';
  const apiSecret = merged.VONAGE_API_SECRET ?? '';
  if (Boolean(apiKey) !== Boolean(apiSecret)) {
    throw new ConfigError(
      'VONAGE_API_KEY and VONAGE_API_SECRET must be set together (or both left unset for the sandbox)',
    );
  }
  const sandbox = !apiKey;
  if (sandbox && merged.VONAGE_REST_URL) {
    throw new ConfigError(
      'VONAGE_REST_URL is set but VONAGE_API_KEY and VONAGE_API_SECRET are not: set the credentials too',
    );
  }
  const sandboxFlag = oneOf(merged, 'SANDBOX', ['true', 'false'], 'false') === 'true';
  if (sandboxFlag && !sandbox) {
    throw new ConfigError(
      'SANDBOX=true and VONAGE_API_KEY/VONAGE_API_SECRET are both set: choose one (unset SANDBOX to use the credentials)',
    );
  }
  // A production start without credentials used to serve the simulator's fake balance quietly.
  if (sandbox && merged.NODE_ENV === 'production' && !sandboxFlag) {
    throw new ConfigError(
      'NODE_ENV=production but VONAGE_API_KEY and VONAGE_API_SECRET are not set: set them, or set SANDBOX=true to run the embedded simulator on purpose',
    );
  }

  return {
    port: integer(merged, 'PORT', 4000, 0, 65535),
    host: host(merged),
    logLevel: oneOf(merged, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    sandbox,
    shutdownTimeoutMs: integer(merged, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    upstream: {
      restUrl: restUrl(merged),
      apiKey,
      apiSecret,
      auth: oneOf(merged, 'VONAGE_AUTH', AUTH_MODES, 'basic'),
      connectTimeoutMs: integer(merged, 'VONAGE_CONNECT_TIMEOUT_MS', 3_000, 1, 60_000),
      requestTimeoutMs: integer(merged, 'VONAGE_TIMEOUT_MS', 10_000, 1, 300_000),
      maxRetries: integer(merged, 'VONAGE_MAX_RETRIES', 2, 0, 2),
      connections: integer(merged, 'VONAGE_CONNECTIONS', 10, 1, 256),
    },
    cache: {
      redisUrl: redisUrl(merged),
      namespace: merged.CACHE_NAMESPACE || 'vonage-gateway',
      redisTimeoutMs: integer(merged, 'REDIS_TIMEOUT_MS', 250, 1, 10_000),
      localTtlMs: integer(merged, 'CACHE_LOCAL_TTL_MS', 5_000, 0, 3_600_000),
      responseCacheBytes: integer(merged, 'RESPONSE_CACHE_MB', 32, 0, 4_096) * 1024 * 1024,
    },
    pricing: {
      ttlMs: integer(merged, 'PRICING_TTL_MS', 6 * HOUR, 1, 30 * 24 * HOUR),
      staleWhileRevalidateMs: integer(
        merged,
        'PRICING_STALE_WHILE_REVALIDATE_MS',
        HOUR,
        0,
        30 * 24 * HOUR,
      ),
      staleIfErrorMs: integer(
        merged,
        'PRICING_STALE_IF_ERROR_MS',
        7 * 24 * HOUR,
        0,
        90 * 24 * HOUR,
      ),
      batchThreshold: integer(merged, 'PRICING_BATCH_THRESHOLD', 2, 1, 1000),
      preload: pricingTypes(merged, 'PRICING_PRELOAD'),
    },
    account: { balanceTtlMs: integer(merged, 'BALANCE_TTL_MS', 1_000, 0, 60_000) },
    numbers: {
      ttlMs: integer(merged, 'NUMBERS_TTL_MS', 10_000, 0, HOUR),
      staleWhileRevalidateMs: 0,
      staleIfErrorMs: integer(merged, 'NUMBERS_STALE_IF_ERROR_MS', 60_000, 0, 24 * HOUR),
    },
    rateLimit: {
      perSecond: areaRates(merged),
      maxWaitMs: integer(merged, 'RATE_LIMIT_MAX_WAIT_MS', 5_000, 0, 120_000),
      marginPercent: integer(merged, 'RATE_LIMIT_MARGIN_PERCENT', 10, 0, 100),
      perCallerQueue: integer(merged, 'RATE_LIMIT_QUEUE_PER_CALLER', 3, 0, 1_000),
    },
    idempotency: {
      ttlMs: integer(merged, 'IDEMPOTENCY_TTL_MS', 24 * HOUR, 1_000, 30 * 24 * HOUR),
      waitMs: integer(merged, 'IDEMPOTENCY_WAIT_MS', 30_000, 0, 600_000),
      pollMs: 50,
      leaseMs: integer(merged, 'IDEMPOTENCY_LEASE_MS', 10_000, 300, 600_000),
    },
    limits: {
      maxTokens: integer(merged, 'MAX_TOKENS', 2_000, 10, 100_000),
      maxAliases: integer(merged, 'MAX_ALIASES', 100, 0, 10_000),
      maxDepth: integer(merged, 'MAX_DEPTH', 8, 1, 100),
      maxDirectives: integer(merged, 'MAX_DIRECTIVES', 20, 0, 1_000),
      maxCost: integer(merged, 'MAX_COST', 100_000, 1, 100_000_000),
      maxResponseBytes: integer(merged, 'MAX_RESPONSE_BYTES', 8 * 1024 * 1024, 1_024, 1024 ** 3),
    },
    auth: authConfig(merged, sandbox),
    cors: { origins: corsOrigins(merged) },
    trustedDocuments: trustedDocuments(merged),
    history: historyConfig(merged),
  };
}

/** Variables that may not be set to an empty (or blank) value: unset them instead. */
const NON_EMPTY = [
  'VONAGE_API_KEY',
  'VONAGE_API_SECRET',
  'VONAGE_REST_URL',
  'AUTH',
  'API_TOKENS',
  'API_TOKENS_FILE',
  'AUTH_JWKS_URL',
  'AUTH_JWT_SECRET',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'METRICS_TOKEN',
  'CORS_ORIGINS',
  'TRUSTED_DOCUMENTS',
  'TRUSTED_DOCUMENTS_MODE',
  'SANDBOX',
  'DATABASE_URL',
  'PRICE_HISTORY_DIR',
];

function rejectEmpty(env: Env): void {
  for (const name of NON_EMPTY) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') {
      throw new ConfigError(`${name} is set but empty: give it a value or unset it`);
    }
  }
}

function historyConfig(env: Env): HistoryConfig {
  const enabled = oneOf(env, 'PRICE_HISTORY', ['on', 'off'], 'on') === 'on';
  const raw = env.DATABASE_URL;
  let databaseUrl: string | undefined;
  if (raw) {
    const url = parseUrl(raw);
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
      // The value may hold a password: it is not repeated.
      throw new ConfigError(
        'DATABASE_URL must be a postgres:// or postgresql:// URL, like postgres://user@127.0.0.1:5432/gateway',
      );
    }
    databaseUrl = raw;
  }
  if (databaseUrl && env.PRICE_HISTORY_DIR) {
    throw new ConfigError(
      'DATABASE_URL and PRICE_HISTORY_DIR are both set: PRICE_HISTORY_DIR is for the embedded database only; unset one',
    );
  }
  return { enabled, databaseUrl, dataDir: env.PRICE_HISTORY_DIR };
}
