import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { authConfig, corsOrigins, routerAccess, trustedDocuments } from './access';
import { tracingConfig } from './tracing';
import { ConfigError, type Env, integer, oneOf, parseUrl, positive } from './values';
import { type Declarations, type Section, type ValuesOf } from './settings';
import { type AuthMode, type LogLevel, type Config } from './types';

export { ConfigError } from './values';
export type * from './types';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const AUTH_MODES: readonly AuthMode[] = ['basic', 'query'];

/** A base URL of one of Vonage's hosts: absolute http(s), no credentials, no query. */
function baseUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.username || url.password || url.search) {
    throw new ConfigError(
      `${name} must not carry credentials or a query: use VONAGE_API_KEY and VONAGE_API_SECRET`,
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
      `HOST must be an IP address or a hostname: ${JSON.stringify(value)} looks like an IPv4 address but is not one (four integers from 0 to 255)`,
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
 * Reads and validates the whole configuration once: the shared settings, and those of each
 * declaration given, under its name. Any invalid value stops the start with one message naming
 * the variable and what it accepts. The declared values are read where --help lists them among
 * the shared ones (see SECTIONS), so the order in which values are checked does not depend on
 * who declares them.
 */
export function loadConfig(env?: Env, argv?: readonly string[]): Config;
export function loadConfig<D extends Declarations>(
  env: Env,
  argv: readonly string[],
  declared: D,
): Config & ValuesOf<D>;
export function loadConfig(
  env: Env = process.env,
  argv: readonly string[] = [],
  declared: Declarations = {},
): Config & Record<string, unknown> {
  for (const name of Object.keys(declared)) {
    if (Object.hasOwn(SHARED_KEYS, name)) {
      throw new Error(`Settings declared as "${name}" would hide the shared setting of that name`);
    }
  }
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

  rejectEmpty(merged, declared);
  const apiKey = merged.VONAGE_API_KEY ?? '';
  const apiSecret = merged.VONAGE_API_SECRET ?? '';
  if (Boolean(apiKey) !== Boolean(apiSecret)) {
    throw new ConfigError(
      'VONAGE_API_KEY and VONAGE_API_SECRET must be set together (or both left unset for the sandbox)',
    );
  }
  const sandbox = !apiKey;
  for (const name of ['VONAGE_REST_URL', 'VONAGE_API_URL']) {
    if (sandbox && merged[name]) {
      throw new ConfigError(
        `${name} is set but VONAGE_API_KEY and VONAGE_API_SECRET are not: set the credentials too`,
      );
    }
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

  const read = (...sections: Section[]) => readDeclared(merged, declared, sections);
  const config: Config & Record<string, unknown> = {
    port: integer(merged, 'PORT', 4000, 0, 65535),
    host: host(merged),
    logLevel: oneOf(merged, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    sandbox,
    shutdownTimeoutMs: integer(merged, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    upstream: {
      restUrl: baseUrl(merged, 'VONAGE_REST_URL', 'https://rest.nexmo.com'),
      apiUrl: baseUrl(merged, 'VONAGE_API_URL', 'https://api.nexmo.com'),
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
    ...read('reference data', 'records'),
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
      subscriptionsPerCaller: integer(merged, 'MAX_SUBSCRIPTIONS_PER_CALLER', 20, 1, 100_000),
      subscriptionsTotal: integer(merged, 'MAX_SUBSCRIPTIONS', 5_000, 1, 1_000_000),
    },
    auth: authConfig(merged, sandbox),
    cors: { origins: corsOrigins(merged) },
    trustedDocuments: trustedDocuments(merged),
    router: routerAccess(merged),
    tracing: tracingConfig(merged),
    ...read('storage', 'webhooks'),
  };
  return config;
}

/** The values of the declarations of these sections, by name, in the order they are given. */
function readDeclared(
  env: Env,
  declared: Declarations,
  sections: readonly Section[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const section of sections) {
    for (const [name, declaration] of Object.entries(declared)) {
      if (declaration.section === section) values[name] = declaration.read(env);
    }
  }
  return values;
}

/** The keys of the shared configuration (every one: checked), which no declaration may take. */
const SHARED_KEYS = {
  port: true,
  host: true,
  logLevel: true,
  sandbox: true,
  upstream: true,
  cache: true,
  rateLimit: true,
  idempotency: true,
  limits: true,
  auth: true,
  cors: true,
  trustedDocuments: true,
  router: true,
  tracing: true,
  shutdownTimeoutMs: true,
} satisfies Record<keyof Config, true>;

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
  'ROUTER_HMAC_SECRET',
  'ROUTER_TOKEN',
  'ROUTER_ONLY',
];

function rejectEmpty(env: Env, declared: Declarations): void {
  const names = [
    ...NON_EMPTY,
    ...Object.values(declared).flatMap((declaration) =>
      declaration.variables.filter((variable) => variable.nonEmpty).map(({ name }) => name),
    ),
  ];
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') {
      throw new ConfigError(`${name} is set but empty: give it a value or unset it`);
    }
  }
}
