import { startSimulator } from './index';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SIMULATOR_PORT || 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`SIMULATOR_PORT must be a port number, got ${env.SIMULATOR_PORT}`);
  }
  const simulator = await startSimulator({
    host: env.SIMULATOR_HOST || '127.0.0.1',
    port,
    apiKey: env.SIMULATOR_API_KEY || undefined,
    apiSecret: env.SIMULATOR_API_SECRET || undefined,
    log: (line) => console.log(line),
  });
  const { url, apiKey, apiSecret } = simulator;
  console.log(`Vonage sandbox listening on ${url} (api key: ${apiKey})`);
  console.log('Point the gateway at it with:');
  console.log(`  VONAGE_REST_URL=${url} VONAGE_API_KEY=${apiKey} VONAGE_API_SECRET=${apiSecret}`);

  const shutdown = (signal: string): void => {
    console.log(`${signal}: closing the sandbox`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
