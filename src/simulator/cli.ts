import { type SignatureMethod, startSimulator } from './index';
import { SIGNATURE_METHODS } from './webhooks.sign';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SIMULATOR_PORT || 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`SIMULATOR_PORT must be a port number, got ${env.SIMULATOR_PORT}`);
  }
  const rate = nonNegative('SIMULATOR_PRICING_RATE', env.SIMULATOR_PRICING_RATE, 1);
  const latencyMs = nonNegative('SIMULATOR_LATENCY_MS', env.SIMULATOR_LATENCY_MS, 0);
  const numbersRate = nonNegative('SIMULATOR_NUMBERS_RATE', env.SIMULATOR_NUMBERS_RATE, 0);
  const owned = nonNegative('SIMULATOR_NUMBERS_OWNED', env.SIMULATOR_NUMBERS_OWNED, 3);
  const signatureMethod = env.SIMULATOR_SIGNATURE_METHOD || 'sha256';
  if (!SIGNATURE_METHODS.some((known) => known === signatureMethod)) {
    const expected = SIGNATURE_METHODS.join(', ');
    throw new RangeError(`SIMULATOR_SIGNATURE_METHOD must be one of ${expected}`);
  }
  const simulator = await startSimulator({
    host: env.SIMULATOR_HOST || '127.0.0.1',
    port,
    apiKey: env.SIMULATOR_API_KEY || undefined,
    apiSecret: env.SIMULATOR_API_SECRET || undefined,
    pricing: { rateLimitPerSecond: rate },
    // startSimulator rejects an `owned` that is not a whole number.
    numbers: { owned, rateLimitPerSecond: numbersRate },
    // SIMULATOR_XML=1: XML answers whatever the client's Accept header says.
    xml: env.SIMULATOR_XML === '1' || env.SIMULATOR_XML === 'true',
    // Set: every webhook is signed; the secret is never printed.
    signatureSecret: env.SIMULATOR_SIGNATURE_SECRET || undefined,
    signatureMethod: signatureMethod as SignatureMethod,
    log: (line) => console.log(line),
  });
  // A fault like any other: a reset (POST /_simulator/reset) clears it.
  if (latencyMs > 0) simulator.faults.latency(latencyMs);
  const { url, apiKey, apiSecret } = simulator;
  console.log(`Vonage sandbox listening on ${url} (api key: ${apiKey})`);
  console.log(`Pricing: ${limit(rate)}; latency ${latencyMs} ms`);
  console.log(`Numbers: ${limit(numbersRate)}; ${owned} owned at the start`);
  const signing = env.SIMULATOR_SIGNATURE_SECRET ? `signed (${signatureMethod})` : 'unsigned';
  console.log(`Webhooks: ${signing}; POST /_simulator/inbound-sms, /_simulator/send-sms`);
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

const limit = (rate: number): string => (rate === 0 ? 'no rate limit' : `${rate} request(s)/s`);

function nonNegative(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number >= 0, got ${raw}`);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
