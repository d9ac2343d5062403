/** What `--help` prints: the flags and every environment variable loadConfig reads. */

/**
 * Every environment variable, as [name, default, meaning]: printed by --help; a test checks the
 * README's configuration table names the same variables.
 */
export const ENVIRONMENT: readonly (readonly [string, string, string])[] = [
  ['PORT', '4000', 'port to listen on (0: any free port)'],
  [
    'HOST',
    '127.0.0.1',
    'address to listen on: an IP address or a hostname (0.0.0.0 in the Docker image)',
  ],
  [
    'VONAGE_API_KEY, VONAGE_API_SECRET',
    'unset',
    'credentials; both or neither. Neither: sandbox mode',
  ],
  ['VONAGE_REST_URL', 'https://rest.nexmo.com', "the upstream's base URL (needs the credentials)"],
  [
    'VONAGE_AUTH',
    'basic',
    'basic (Authorization header) or query (api_key/api_secret parameters; in the form body for POSTs)',
  ],
  ['VONAGE_TIMEOUT_MS', '10000', 'deadline of one upstream attempt (connect, headers and body)'],
  ['VONAGE_CONNECT_TIMEOUT_MS', '3000', 'TCP connect timeout'],
  [
    'VONAGE_MAX_RETRIES',
    '2',
    'retries of reads after network errors, 429 and 5xx (0–2). POSTs are never retried',
  ],
  ['VONAGE_CONNECTIONS', '10', 'keep-alive connections to the upstream'],
  ['LOG_LEVEL', 'info', 'debug, info, warn, error or silent; JSON lines on stdout'],
  [
    'SHUTDOWN_TIMEOUT_MS',
    '10000',
    'how long in-flight requests may take to finish on SIGTERM/SIGINT',
  ],
  [
    'REDIS_URL',
    'unset',
    'redis://host:6379: cache and rate limit shared by every replica. Unset: in-process memory',
  ],
  [
    'CACHE_NAMESPACE',
    'vonage-gateway',
    'prefix of every Redis key (several gateways or environments can share one Redis)',
  ],
  [
    'REDIS_TIMEOUT_MS',
    '250',
    'how long Redis may take before the gateway carries on without it (the cache fails open). At start the gateway waits for its first connection, at most this long (500 ms at least), before it listens, so its first calls already share the rate limits',
  ],
  [
    'CACHE_LOCAL_TTL_MS',
    '5000',
    'with Redis: how long a replica keeps what it read in its own memory (0: never)',
  ],
  [
    'RESPONSE_CACHE_MB',
    '32',
    'memory for whole answers to price queries, sent again byte for byte while their prices are fresh (no execution; per process; answers over 2 MB are not kept). 0 turns it off',
  ],
  ['PRICING_TTL_MS', '21600000 (6 h)', 'prices are fresh this long'],
  [
    'PRICING_STALE_WHILE_REVALIDATE_MS',
    '3600000 (1 h)',
    'then served at once (stale: true) while one background refresh runs',
  ],
  [
    'PRICING_STALE_IF_ERROR_MS',
    '604800000 (7 d)',
    'then refreshed before answering, and served (stale: true) only if Vonage fails',
  ],
  [
    'PRICING_BATCH_THRESHOLD',
    '2',
    'from this many uncached countries of one type, one full-catalogue call replaces per-country calls',
  ],
  [
    'PRICING_PRELOAD',
    'unset',
    'catalogues to read at start and again at 90% of PRICING_TTL_MS, e.g. SMS,VOICE: front-ends never wait on a cold catalogue (each read is within the rate limit; with Redis one replica reads for all)',
  ],
  [
    'PRICING_RATE_PER_SECOND',
    '1',
    'Pricing API requests per second, all replicas together when they share Redis',
  ],
  ['ACCOUNT_RATE_PER_SECOND', '30', 'Account API requests per second'],
  [
    'BALANCE_TTL_MS',
    '1000',
    'a balance read is served to other callers this long; top-up, buy and cancel retire it (0: only concurrent reads share one call)',
  ],
  [
    'NUMBERS_RATE_PER_SECOND',
    '1',
    "Numbers API requests per second (believed to be about Vonage's limit)",
  ],
  [
    'NUMBERS_TTL_MS',
    '10000',
    'owned-number lists and searches are cached this long; buy, cancel and update retire them (0: no cache)',
  ],
  [
    'NUMBERS_STALE_IF_ERROR_MS',
    '60000',
    'after that, a cached list is served only if Vonage fails',
  ],
  [
    'IDEMPOTENCY_TTL_MS',
    '86400000 (24 h)',
    'how long the first answer of a keyed buyNumber, cancelNumber or topUp is replayed',
  ],
  [
    'IDEMPOTENCY_WAIT_MS',
    '30000',
    'how long a concurrent duplicate waits for the first call before IDEMPOTENCY_IN_PROGRESS',
  ],
  [
    'IDEMPOTENCY_LEASE_MS',
    '10000',
    'a keyed call whose gateway stopped (no lease refresh for this long) is settled by the next call with its key',
  ],
  [
    'RATE_LIMIT_MAX_WAIT_MS',
    '5000',
    'a request waits this long at most for an upstream slot, then gets RATE_LIMITED',
  ],
  [
    'RATE_LIMIT_MARGIN_PERCENT',
    '10',
    'requests of an area start this much more than 1/rate apart (at 1/s: 1100 ms), because a busy event loop or a new connection delays some sends more than others, and Vonage counts arrivals. Raise it on an overloaded host that still sees upstream 429s; 0–100',
  ],
  [
    'RATE_LIMIT_QUEUE_PER_CALLER',
    '3',
    'upstream calls one authenticated caller may have waiting for a slot at once, per area; more are RATE_LIMITED at once (source caller_share), so one caller cannot fill the queue and starve the others. 3 covers one request for all three price types. 0 turns the share off; unauthenticated callers are not counted',
  ],
  ['MAX_TOKENS', '2000', 'lexical tokens of one document; counted while parsing (TOO_MANY_TOKENS)'],
  ['MAX_ALIASES', '100', 'aliased fields of one operation, fragments included (TOO_MANY_ALIASES)'],
  ['MAX_DEPTH', '8', 'nesting of selections, fragment levels included (TOO_DEEP)'],
  ['MAX_DIRECTIVES', '20', 'directives in one operation (TOO_MANY_DIRECTIVES)'],
  [
    'MAX_COST',
    '100000',
    'ceiling of the cost estimate, see [Limits](#limits) (OPERATION_TOO_COSTLY)',
  ],
  [
    'MAX_RESPONSE_BYTES',
    '8388608 (8 MiB)',
    'largest serialised answer; above it the answer is RESPONSE_TOO_LARGE',
  ],
  [
    'PRICE_HISTORY',
    'on',
    'on: record the price changes each catalogue read shows (pricingChanges, priceHistory); off: record nothing',
  ],
  [
    'DATABASE_URL',
    'unset',
    'postgres://user@host:5432/db: keep price history in this PostgreSQL server, shared by every replica (migrations run at start). Unset: the embedded database (PGlite)',
  ],
  [
    'PRICE_HISTORY_DIR',
    'unset',
    'directory where the embedded database keeps its files (created if missing; one process at a time). Unset: a temporary directory of this process, removed at stop (in memory if none can be made), so the history is lost at exit',
  ],
  [
    'SANDBOX',
    'unset',
    'true: run the embedded simulator under NODE_ENV=production on purpose (refused with credentials)',
  ],
  [
    'AUTH',
    'unset',
    'none: no caller authentication with real credentials (a loud warning at start). Refused together with tokens or JWT settings',
  ],
  [
    'API_TOKENS',
    'unset',
    'static API tokens for service callers: name:sha256hex:scope1 scope2, comma-separated; only the SHA-256 of each token is configured',
  ],
  ['API_TOKENS_FILE', 'unset', 'the same entries, one a line (# comments)'],
  ['AUTH_JWT_SECRET', 'unset', 'HS256 shared secret (32 bytes or more) for JWTs'],
  ['AUTH_JWKS_URL', 'unset', 'JWKS of the JWT issuer (RS256, ES256, …); instead of the secret'],
  [
    'AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE',
    'unset',
    'required with a JWT setting: iss and aud are checked',
  ],
  ['METRICS_TOKEN', 'unset', 'bearer token that reads /metrics'],
  [
    'CORS_ORIGINS',
    'unset',
    'browser origins allowed to call /graphql, comma-separated (https://app.example.com); never *',
  ],
  [
    'TRUSTED_DOCUMENTS',
    'unset',
    'path of a persisted-documents.json manifest (GraphQL Codegen client preset)',
  ],
  [
    'TRUSTED_DOCUMENTS_MODE',
    'allowlist',
    "allowlist: only the manifest's operations run; mixed: by id, and any other operation too",
  ],
];

/** The flags loadConfig accepts, as [flag, variable it overrides]. */
export const FLAGS: readonly (readonly [string, string])[] = [
  ['--port', 'PORT'],
  ['--host', 'HOST'],
  ['--log-level', 'LOG_LEVEL'],
  ['--auth', 'VONAGE_AUTH'],
];

/** The text of --help. */
export function helpText(): string {
  const width = Math.max(...ENVIRONMENT.map(([name]) => name.length));
  const lines = [
    'Usage: vonage-graphql-gateway [--port N] [--host ADDRESS] [--log-level LEVEL] [--auth basic|query]',
    '',
    'Flags (each overrides its environment variable):',
    ...FLAGS.map(([flag, name]) => `  ${flag.padEnd(12)} ${name}`),
    '  --help       print this and exit',
    '',
    'Environment variables (name, default, meaning):',
    ...ENVIRONMENT.map(
      ([name, fallback, meaning]) => `  ${name.padEnd(width)}  ${fallback.padEnd(18)} ${meaning}`,
    ),
    '',
  ];
  return lines.join('\n');
}
