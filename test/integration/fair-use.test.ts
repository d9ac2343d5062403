import { type CallerShare } from '../../src/coordination/caller-share';
import { type Simulator } from '../../src/simulator';
import { bearer, postGraphql, tokenEntry } from '../helpers/auth';
import { pricingCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { until } from '../helpers/wait';

const price = (country: string) => ({
  query: `{ pricing(country: "${country}", type: SMS) { countryCode } }`,
});

describe('a request that gives up', () => {
  let gateway: TestGateway;
  let simulator: Simulator;

  beforeAll(async () => {
    // The sandbox: Pricing at 1 request/second, so a second country call queues for ~1.1 s.
    gateway = await startGateway({ RATE_LIMIT_MAX_WAIT_MS: '20000' });
    simulator = gateway.simulator!;
  });
  afterAll(() => gateway.close());

  it('gives its queued upstream slot up: the call is never sent', async () => {
    const first = gateway.graphql(price('GB').query);
    await until(() => pricingCalls(simulator) === 1, 'the first call reached the sandbox');
    // The second country waits for the next slot; its client goes away meanwhile.
    const gone = fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(price('DE')),
      signal: AbortSignal.timeout(300),
    });
    await expect(gone).rejects.toThrow();
    expect((await first).errors).toBeUndefined();
    // Well past the slot the abandoned call held (1.1 s after the first): nothing more was sent.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(pricingCalls(simulator)).toBe(1);
    expect(simulator.counters.rateLimited).toBe(0);
  });
});

describe('callers sharing a rate limit', () => {
  const A = 'caller-a-token-0123456789abcdef';
  const B = 'caller-b-token-0123456789abcdef';
  let gateway: TestGateway;
  let simulator: Simulator;

  beforeAll(async () => {
    gateway = await startGateway({
      API_TOKENS: [tokenEntry('a', A, ['pricing:read']), tokenEntry('b', B, ['pricing:read'])].join(
        ',',
      ),
      RATE_LIMIT_QUEUE_PER_CALLER: '1',
      RATE_LIMIT_MAX_WAIT_MS: '20000',
    });
    simulator = gateway.simulator!;
  });
  afterAll(() => gateway.close());

  it('refuses a caller beyond its share of the queue at once, and serves the others', async () => {
    const share = gateway.app.runtime.limiters.pricing as CallerShare;
    const a1 = postGraphql(gateway.url, price('GB'), bearer(A));
    await until(() => pricingCalls(simulator) === 1, "a's first call reached the sandbox");
    const a2 = postGraphql(gateway.url, price('DE'), bearer(A));
    await until(() => share.waitingFor('token:a') === 1, "a's second call is queued");

    const a3 = await postGraphql(gateway.url, price('FR'), bearer(A));
    expect(a3.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('already has 1 pricing call(s) waiting'),
        extensions: expect.objectContaining({ code: 'RATE_LIMITED', source: 'caller_share' }),
      }),
    ]);
    // Another caller still gets a place in the queue.
    const b1 = postGraphql(gateway.url, price('IT'), bearer(B));
    const answers = await Promise.all([a1, a2, b1]);
    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined, undefined]);
    expect(answers.map((answer) => answer.data)).toEqual([
      { pricing: { countryCode: 'GB' } },
      { pricing: { countryCode: 'DE' } },
      { pricing: { countryCode: 'IT' } },
    ]);
    // GB, DE and IT: the refused FR was never sent.
    expect(pricingCalls(simulator)).toBe(3);
    expect(simulator.counters.rateLimited).toBe(0);
  });
});
