import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, helpText, loadConfig } from './config';

/** Starts the gateway, and stops it gracefully on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const started = performance.now();
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(helpText());
    process.exit(0);
  }
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  const app = await createApp(config);
  const url = await app.listen();
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
}

main().catch((error: unknown) => {
  process.stderr.write(`Gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
