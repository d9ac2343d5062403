import { type Declarations, type Section } from './settings';

/** What `--help` prints: the flags and every environment variable loadConfig reads. */

/** One variable as --help lists it: [name, default, meaning]. */
type Line = readonly [string, string, string];

/**
 * The shared variables in --help order, with the places where the declared ones go (each
 * declaration's lines at its section, in the order of the declarations).
 */
const LAYOUT: readonly (Line | Section)[] = [
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
    'VONAGE_API_URL',
    'https://api.nexmo.com',
    "the base URL of Vonage's other host, api.nexmo.com (needs the credentials)",
  ],
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
    'OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    'unset',
    'OpenTelemetry collector to send traces to (OTLP over HTTP): the first gets /v1/traces appended, the second is used as is. Unset (and no OTEL_TRACES_EXPORTER=otlp): no tracing',
  ],
  [
    'OTEL_TRACES_EXPORTER, OTEL_SDK_DISABLED',
    'unset',
    'otlp: traces to http://localhost:4318 unless an endpoint is set; none, or OTEL_SDK_DISABLED=true: no tracing. Other exporters and the grpc protocol are refused',
  ],
  ['OTEL_SERVICE_NAME', 'vonage-graphql-gateway', "the traces' service.name"],
  [
    'OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG',
    'parentbased_always_on',
    "which traces are kept: always_on, always_off, traceidratio (the share in _ARG, 0–1), each also parentbased_ (follow the caller's sampled flag)",
  ],
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
    'how long Redis may take before the gateway carries on without it (the cache fails open). At start the gateway waits for its first connection, at most this long (2 s at least, and longer when the process itself was too busy to see the connection come), before it listens, so its first calls already share the rate limits',
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
  'reference data',
  'records',
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
    'MAX_SUBSCRIPTIONS_PER_CALLER',
    '20',
    'subscriptions (event streams on /graphql/stream) one caller may hold open at once; anonymous callers count by address (SUBSCRIPTION_LIMIT)',
  ],
  ['MAX_SUBSCRIPTIONS', '5000', 'subscriptions open in this process at once (SUBSCRIPTION_LIMIT)'],
  'storage',
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
  [
    'ROUTER_HMAC_SECRET',
    'unset',
    'behind a router: the secret Hive Gateway signs subgraph requests with (its hmacSignature option; 32 characters or more). Only a request signed with it may ask for _entities and _service (see ROUTER_ONLY)',
  ],
  [
    'ROUTER_TOKEN',
    'unset',
    'behind a router: a shared secret (32 characters or more) the router sends in the Router-Authorization header; with ROUTER_HMAC_SECRET too, the router must send both',
  ],
  [
    'ROUTER_ONLY',
    'federation',
    'with a router secret: federation (only the router may ask for _entities and _service; other operations stay open to other callers) or all (every /graphql request must come from the router)',
  ],
  'webhooks',
];

/** The flags loadConfig accepts, as [flag, variable it overrides]. */
export const FLAGS: readonly (readonly [string, string])[] = [
  ['--port', 'PORT'],
  ['--host', 'HOST'],
  ['--log-level', 'LOG_LEVEL'],
  ['--auth', 'VONAGE_AUTH'],
];

/**
 * Every environment variable, the shared ones and the declared ones, as [name, default,
 * meaning]: printed by --help; a test checks the README's configuration table names the same
 * variables.
 */
export function environment(declared: Declarations): Line[] {
  return LAYOUT.flatMap((entry): Line[] =>
    typeof entry === 'string'
      ? Object.values(declared)
          .filter((declaration) => declaration.section === entry)
          .flatMap((declaration) =>
            declaration.variables.map(({ name, shown, meaning }): Line => [name, shown, meaning]),
          )
      : [entry],
  );
}

/** The text of --help, with the variables of these declarations. */
export function helpText(declared: Declarations): string {
  const variables = environment(declared);
  const width = Math.max(...variables.map(([name]) => name.length));
  const lines = [
    'Usage: vonage-graphql-gateway [--port N] [--host ADDRESS] [--log-level LEVEL] [--auth basic|query]',
    '',
    'Flags (each overrides its environment variable):',
    ...FLAGS.map(([flag, name]) => `  ${flag.padEnd(12)} ${name}`),
    '  --help       print this and exit',
    '',
    'Environment variables (name, default, meaning):',
    ...variables.map(
      ([name, fallback, meaning]) => `  ${name.padEnd(width)}  ${fallback.padEnd(18)} ${meaning}`,
    ),
    '',
  ];
  return lines.join('\n');
}
