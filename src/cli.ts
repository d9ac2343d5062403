import 'reflect-metadata';
import { type App, createApp } from './server/app';
import { LISTEN_TIMEOUT_MS, listenWithin } from './server/listen';
import { ConfigError } from './config/config';
import { helpText } from './config/help';
import { DOMAIN_SETTINGS, loadGatewayConfig } from './domains';

/** Starts the gateway, and stops it gracefully on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const started = performance.now();
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(helpText(DOMAIN_SETTINGS));
    process.exit(0);
  }
  let app: App;
  let url: string;
  // Everything an operator's setting can make fail (a value, a file it names, the port or host
  // to listen on) is a ConfigError naming the variable: exit 2, as for any bad configuration.
  try {
    const config = loadGatewayConfig(process.env, process.argv.slice(2));
    app = await createApp(config);
    const where = { host: config.host, port: config.port };
    // app.listen() waits for Redis first, at most REDIS_TIMEOUT_MS (500 ms at least).
    const bound = Math.max(config.cache.redisTimeoutMs, 500) + LISTEN_TIMEOUT_MS;
    url = await listenWithin(() => app.listen(), where, bound);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  const { logger } = app;
  logger.info(
    {
      url,
      graphiql: `${url}/graphiql`,
      upstream: app.config.upstream.restUrl,
      auth: app.config.upstream.auth,
      sandbox: app.config.sandbox,
      startupMs: Math.round(performance.now() - started),
    },
    app.config.sandbox
      ? 'SANDBOX MODE: no VONAGE_API_KEY/VONAGE_API_SECRET, answering from the embedded simulator'
      : 'gateway ready',
  );
  const { auth, router } = app.config;
  const authSummary = {
    apiTokens: auth.apiTokens.length,
    jwt: auth.jwt ? (auth.jwt.jwksUrl ? 'jwks' : 'hs256') : 'off',
    metrics: auth.metricsToken ? 'METRICS_TOKEN' : auth.enforced ? 'metrics:read' : 'open',
    corsOrigins: app.config.cors.origins,
    trustedDocuments: app.config.trustedDocuments?.mode ?? 'off',
    // How the router proves itself (never the secrets), and what only it may ask.
    routerOnly: router
      ? `${router.only} (${[router.hmacSecret && 'ROUTER_HMAC_SECRET', router.token && 'ROUTER_TOKEN'].filter(Boolean).join(' and ')})`
      : 'off',
  };
  if (auth.enforced) {
    logger.info(authSummary, 'caller authentication on: fields need the scopes the SDL declares');
  } else if (app.config.sandbox) {
    logger.info(
      authSummary,
      'SANDBOX MODE without caller authentication: every caller may read and write the sandbox',
    );
  } else {
    logger.warn(
      authSummary,
      'AUTH=none: NO CALLER AUTHENTICATION. Anyone who reaches /graphql can top up, buy numbers and repoint the webhooks of this Vonage account',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: app.config.shutdownTimeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, app.config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.info({}, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // One cheap credential check (a balance read): logged, and what /readyz answers at first.
  // It runs beside the first requests, so it never delays the start or a shutdown.
  app.checkCredentials().then(
    (check) => {
      if (check.ready) logger.info(check, 'start-up credential check: Vonage accepted them');
      else logger.error(check, 'start-up credential check failed: /readyz reports not ready');
    },
    (error: unknown) => logger.error({ err: error }, 'start-up credential check failed'),
  );
}

// Not a setting's fault: a bug, reported with its stack (exit 1).
main().catch((error: unknown) => {
  process.stderr.write(`Gateway failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
