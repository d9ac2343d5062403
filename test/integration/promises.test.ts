import { createServer } from 'node:net';
import { type AddressInfo } from 'node:net';
import { createLogger } from '../../src/base/logger';
import { startGateway } from '../helpers/gateway';
import { pricingCalls } from '../helpers/counters';

/** What the README promises and only a running gateway can show. */
describe('promises kept by the running gateway', () => {
  it('masks an unexpected error as INTERNAL_SERVER_ERROR and logs the original', async () => {
    const lines: string[] = [];
    const gateway = await startGateway(
      { LOG_LEVEL: 'error' },
      { logDestination: { write: (line) => lines.push(line) } },
    );
    try {
      jest
        .spyOn(gateway.app.runtime.services.account, 'getBalance')
        .mockRejectedValue(new Error('pool exhausted at db-7.internal'));
      const result = await gateway.graphql('{ account { balance { value } } }');
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result)).not.toContain('db-7.internal');
      expect(lines.join('\n')).toContain('pool exhausted at db-7.internal');
    } finally {
      await gateway.close();
    }
  });

  it.each([
    [
      '401',
      1,
      { status: 401, body: '{"error-code":"401","error-code-label":"authentication failed"}' },
    ],
    ['503 on every attempt', 3, { status: 503 }],
  ])('fails /readyz with 503 when Vonage answers %s', async (_name, n, fault) => {
    const gateway = await startGateway();
    try {
      gateway.simulator!.faults.failNext(n, fault);
      const response = await fetch(`${gateway.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'not ready',
        upstream: expect.any(String),
      });
    } finally {
      await gateway.close();
    }
  });

  it.each([
    [
      'catalogue',
      '{ pricings(countries: ["GB", "DE", "FR"], types: [SMS]) { countryCode stale } }',
      (data: { pricings: { stale: boolean }[] }) => data.pricings.map((p) => p.stale),
    ],
    [
      'prefix',
      '{ prefixPricing(prefix: "44", type: SMS) { countryCode stale } }',
      (data: { prefixPricing: { stale: boolean }[] }) => data.prefixPricing.map((p) => p.stale),
    ],
  ])(
    'serves an old %s read stale at once and refreshes it once in the background',
    async (_name, query, staleFlags: (data: never) => boolean[]) => {
      const gateway = await startGateway({ PRICING_TTL_MS: '1' });
      const simulator = gateway.simulator!;
      try {
        const cold = await gateway.graphql(query);
        expect(cold.errors).toBeUndefined();
        expect(pricingCalls(simulator)).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const second = await gateway.graphql(query);
        expect(second.errors).toBeUndefined();
        expect(staleFlags(second.data as never).every(Boolean)).toBe(true);
        // Answered before the refresh went out: it waits for the next 1/s slot.
        expect(pricingCalls(simulator)).toBe(1);
        const deadline = Date.now() + 5_000;
        while (pricingCalls(simulator) < 2 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(pricingCalls(simulator)).toBe(2);
        await new Promise((resolve) => setTimeout(resolve, 1_300));
        expect(pricingCalls(simulator)).toBe(2);
      } finally {
        await gateway.close();
      }
    },
    15_000,
  );

  it('reports a refused connection as not_sent, for a top-up too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const gateway = await startGateway({
      VONAGE_API_KEY: 'key1',
      VONAGE_API_SECRET: 'secret1',
      VONAGE_REST_URL: `http://127.0.0.1:${port}`,
      VONAGE_MAX_RETRIES: '0',
      AUTH: 'none',
    });
    try {
      const read = await gateway.graphql('{ account { balance { value } } }');
      expect(read.errors![0].extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        upstream: { outcome: 'not_sent' },
      });
      const topUp = await gateway.graphql(
        'mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename } }',
      );
      expect(JSON.stringify(topUp)).toContain('not_sent');
      expect(JSON.stringify(topUp)).not.toContain('TopUpOutcomeUnknown');
    } finally {
      await gateway.close();
    }
  });

  it('lets an in-flight request finish before close() resolves', async () => {
    const gateway = await startGateway();
    gateway.simulator!.faults.latency(400);
    const order: string[] = [];
    const inFlight = gateway.graphql('{ account { balance { value } } }').then((result) => {
      order.push('response');
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = gateway.close().then(() => order.push('closed'));
    const result = await inFlight;
    await closing;
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(order).toEqual(['response', 'closed']);
  });
});

describe('the logger', () => {
  it('masks a secret in a message and in an error, not only in URLs', () => {
    const secret = 'Zq9-plain-secret';
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: [secret],
      destination: { write: (line) => lines.push(line) },
    });
    const error = new Error(`upstream said: bad credentials ${secret}`, {
      cause: new Error(`cause with ${secret}`),
    });
    logger.error({ err: error, note: `key=${secret}` }, `failed for ${secret}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain('upstream said: bad credentials');
    expect(lines[0]).toContain('failed for');
    expect(lines[0]).toContain('***');
  });
});
