import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Dispatcher } from 'undici';
import { type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { type Access, bearerToken, createAuthenticator, sameSecret } from '../auth';
import { type Config } from '../config/config';
import {
  DOMAIN_ERRORS,
  type GatewayConfig,
  bindDomainMetrics,
  createGatewayContext,
  domainRoutes,
  domainSecrets,
  domainsListening,
  readinessProbe,
  startDomains,
} from '../domains';
import { createGraphiqlRoute, resolveGraphiqlAssetsDir } from '../http/graphiql';
import { createCors } from '../http/cors';
import { createGraphqlHandler } from '../http/graphql';
import { createSubscriptionHandler } from '../http/subscriptions';
import { operationCheck } from '../limits/plugin';
import { createRequestListener } from '../http/listener';
import { ResponseCache } from '../http/response-cache';
import { createReadyz, healthz } from '../http/health';
import { serveDomainRoute } from '../http/domain-routes';
import { type MetricsGuard, createMetrics } from '../http/metrics';
import { createTrustedDocuments } from '../http/trusted-documents';
import { createRouterGate } from '../http/router-only';
import { type Logger, createLogger } from '../base/logger';
import { secretsOf } from '../base/redact';
import { createGatewayMetrics } from '../metrics/registry';
import { LIMIT_ADVICE, REUSABLE_QUERIES, buildGatewaySchema } from './schema';
import { type Engine, createApollo } from './apollo';
import { type Runtime, createRuntime } from './runtime';
import { type Simulator, startSimulator } from '../simulator';
import { startTracing } from './tracing';

export interface AppOptions {
  /** Injected in tests (undici MockAgent). */
  dispatcher?: Dispatcher;
  /** Where log lines go (stdout by default); tests capture them to check redaction. */
  logDestination?: { write(line: string): void };
  /** `compiled` (default) or `graphql-js`, the reference the equivalence test compares it with. */
  engine?: Engine;
  /** Tests: turns tracing on, each span handed here as it ends (src/server/tracing.ts). */
  spanExporter?: SpanExporter;
}

export interface App {
  config: GatewayConfig;
  logger: Logger;
  /** The embedded simulator, in sandbox mode. */
  simulator?: Simulator;
  /** Cache, single-flight, transport and services: inspected by tests and the benchmark. */
  runtime: Runtime;
  /** Whole answers sent again while fresh (src/http/response-cache.ts). */
  responseCache: ResponseCache;
  server: Server;
  /**
   * The start-up credential check: the domains' readiness probe. Its result is what /readyz
   * answers until the next probe; cli.ts logs it.
   */
  checkCredentials(): Promise<{ ready: boolean } & Record<string, unknown>>;
  /** Listens on config.host:config.port and resolves with the gateway's base URL. */
  listen(): Promise<string>;
  /** Stops accepting connections, lets in-flight requests finish, then releases everything. */
  close(): Promise<void>;
}

/** A request for an event stream (GraphQL over SSE), not for one JSON answer. */
function acceptsEventStream(req: IncomingMessage): boolean {
  return /text\/event-stream/i.test(headerValue(req.headers.accept) ?? '');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** In sandbox mode, starts the simulator and points the upstream configuration at it. */
async function resolveUpstream(
  config: GatewayConfig,
): Promise<{ config: GatewayConfig; simulator?: Simulator }> {
  if (!config.sandbox) return { config };
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
  const upstream = {
    ...config.upstream,
    restUrl: simulator.url,
    apiUrl: simulator.url,
    apiKey: simulator.apiKey,
    apiSecret: simulator.apiSecret,
  };
  return { config: { ...config, upstream }, simulator };
}

/** The paths the server serves itself, which no domain's route may take (GraphiQL's below its own). */
const OWN_PATHS = ['/', '/graphql', '/healthz', '/readyz', '/metrics', '/graphiql'];

/** Builds the whole gateway without listening. */
export async function createApp(baseConfig: GatewayConfig, options: AppOptions = {}): Promise<App> {
  // Read before anything starts, so a bad manifest leaves nothing running.
  const trustedDocuments =
    baseConfig.trustedDocuments && createTrustedDocuments(baseConfig.trustedDocuments);
  const { config, simulator } = await resolveUpstream(baseConfig);
  const logger = createLogger({
    level: config.logLevel,
    secrets: [
      ...secretsOf(config.upstream),
      ...[config.router?.hmacSecret, config.router?.token].filter((secret) => secret !== undefined),
      ...domainSecrets(config),
    ],
    destination: options.logDestination,
  });
  // Before the runtime, so that the start's own upstream reads (preloads) are traced too.
  const tracing = startTracing(config.tracing, logger, options.spanExporter);
  const gatewayMetrics = createGatewayMetrics();
  const runtime = createRuntime(config, logger, options.dispatcher, gatewayMetrics.observeUpstream);
  gatewayMetrics.bindRuntime(runtime);
  bindDomainMetrics(gatewayMetrics.registry, runtime.services);
  const { services } = runtime;

  const server = createServer();
  const { schema } = await buildGatewaySchema();
  const check = operationCheck(schema, config.limits, LIMIT_ADVICE);
  const apollo = createApollo({
    check,
    schema,
    config,
    logger,
    metrics: gatewayMetrics,
    errors: DOMAIN_ERRORS,
    httpServer: server,
    engine: options.engine,
  });
  await apollo.start();
  startDomains(services, config);

  const authenticate = createAuthenticator(config.auth);
  const responseCache = new ResponseCache(config.cache.responseCacheBytes, {
    maxTokens: config.limits.maxTokens,
    reusableRoots: REUSABLE_QUERIES,
  });
  const router = config.router && createRouterGate(config.router, config.limits.maxTokens);
  const graphql = createGraphqlHandler(
    apollo,
    async (req, access: Access, signal) =>
      createGatewayContext(services, {
        access,
        idempotencyKey: headerValue(req.headers['idempotency-key']),
        signal,
      }),
    {
      authenticate,
      cors: createCors(config.cors.origins),
      trustedDocuments,
      router,
      responseCache,
      onReused: (how, name, seconds) => gatewayMetrics.observeOperation(name, how, seconds),
    },
  );
  const subscriptions = createSubscriptionHandler({
    schema,
    authenticate,
    context: async (_req, access: Access, signal) =>
      createGatewayContext(services, { access, signal }),
    check,
    maxTokens: config.limits.maxTokens,
    perCaller: config.limits.subscriptionsPerCaller,
    total: config.limits.subscriptionsTotal,
    cors: createCors(config.cors.origins),
    trustedDocuments,
    router,
  });
  const graphiql = createGraphiqlRoute({ assetsDir: resolveGraphiqlAssetsDir() });
  const readyz = createReadyz({ probe: readinessProbe(services), sandbox: config.sandbox });
  const metrics = createMetrics(gatewayMetrics.registry, metricsGuard(config, authenticate));
  // The domains' own endpoints (webhooks): each checks its own proof, never the caller auth.
  const routes = domainRoutes(services, OWN_PATHS);

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // Routers ask a subgraph for a subscription at its own URL, with Accept: text/event-stream.
    if (url.pathname === '/graphql' && !acceptsEventStream(req)) return graphql(req, res, url);
    if (url.pathname === '/graphql' || url.pathname === '/graphql/stream') {
      return subscriptions(req, res);
    }
    if (url.pathname === '/healthz') return healthz(req, res);
    if (url.pathname === '/readyz') return readyz(req, res);
    if (url.pathname === '/metrics') return metrics(req, res);
    const own = routes.get(url.pathname);
    if (own) return serveDomainRoute(own, req, res, url);
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/graphiql/' });
      res.end();
      return;
    }
    if (await graphiql(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found. The GraphQL endpoint is /graphql; GraphiQL is at /graphiql.\n');
  };
  server.on('request', createRequestListener(route, logger));

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    simulator,
    runtime,
    responseCache,
    server,
    checkCredentials: () => readyz.check(),
    listen: async () => {
      // Replicas share the rate limits through Redis: one that served before its connection
      // was up would schedule on its own and could exceed them. The wait is bounded.
      await runtime.redis?.connected;
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          const url = `http://${host}:${port}`;
          domainsListening(services, url);
          resolve(url);
        });
      });
    },
    close: () =>
      (closing ??= (async () => {
        // Apollo's drain plugin closes the listener and waits for in-flight requests.
        await apollo.stop();
        await runtime.close();
        await simulator?.close();
        await tracing?.shutdown();
      })()),
  };
}

/**
 * /metrics is protected whenever /graphql is: METRICS_TOKEN (what Prometheus sends), or a caller
 * token with metrics:read. Open only when neither is configured (sandbox, AUTH=none).
 */
function metricsGuard(
  config: Config,
  authenticate: ReturnType<typeof createAuthenticator>,
): MetricsGuard | undefined {
  const { metricsToken, enforced } = config.auth;
  if (!metricsToken && !enforced) return undefined;
  return async (req) => {
    let token: string | undefined;
    try {
      token = bearerToken(req.headers.authorization);
    } catch {
      return 401;
    }
    if (token === undefined) return 401;
    if (metricsToken && sameSecret(token, metricsToken)) return 'allow';
    if (!enforced) return 401;
    try {
      const { caller } = await authenticate(req.headers.authorization);
      return caller.scopes.has('metrics:read') ? 'allow' : 403;
    } catch {
      return 401;
    }
  };
}
