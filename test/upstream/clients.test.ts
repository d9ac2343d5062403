import { LocalRateLimiter } from '../../src/coordination/rate-limiter';
import { PricingType } from '../../src/pricing/pricing.type';
import { UpstreamError } from '../../src/upstream/errors';
import { accountCases } from './cases/account';
import { numbersCases } from './cases/numbers';
import { pricingCases } from './cases/pricing';
import { ORIGIN, MockUpstream, expectNoSecretIn, expectRequest, runCase } from './harness';

describe.each([
  ['AccountClient', accountCases],
  ['PricingClient', pricingCases],
  ['NumbersClient', numbersCases],
])('%s over recorded cases', (_client, cases) => {
  it.each(cases)('$name', runCase);
});

/** What a single request/reply row cannot say: network failures, deadlines, rate limiters. */
describe('the transport under the clients', () => {
  let upstream: MockUpstream;

  beforeEach(() => {
    upstream = new MockUpstream();
  });
  afterEach(() => upstream.close());

  const GB = JSON.stringify({
    countryCode: 'GB',
    currency: 'EUR',
    defaultPrice: '0.03330000',
    networks: [{ type: 'mobile', price: '0.037', networkCode: '23415' }],
  });
  const GB_PRICING = '/account/get-pricing/outbound/sms';

  it('turns a network error into unavailable with an unknown outcome, retrying a read twice', async () => {
    const { account, transport } = upstream.clients();
    upstream.agent
      .get(ORIGIN)
      .intercept({ path: '/account/get-balance', method: 'GET' })
      .replyWithError(new Error('socket hang up'))
      .times(3);
    await expect(account.getBalance()).rejects.toMatchObject({
      kind: 'unavailable',
      outcome: 'unknown',
    });
    expect(transport.stats.sent.account).toBe(3);
  });

  it('never retries a buy after a network error, whose outcome is then unknown', async () => {
    const { numbers, transport } = upstream.clients();
    upstream.agent
      .get(ORIGIN)
      .intercept({ path: '/number/buy', method: 'POST' })
      .replyWithError(new Error('socket hang up'));
    await expect(numbers.buy({ country: 'GB', msisdn: '447700900001' })).rejects.toMatchObject({
      kind: 'unavailable',
      outcome: 'unknown',
    });
    expect(transport.stats.sent.numbers).toBe(1);
  });

  it('gives up on an attempt at the deadline and marks a POST outcome unknown', async () => {
    upstream.agent
      .get(ORIGIN)
      .intercept({ path: '/account/top-up', method: 'POST' })
      .reply(200, '{"error-code":"200"}')
      .delay(500);
    const { account } = upstream.clients({ env: { VONAGE_TIMEOUT_MS: '50' } });
    const error = await account.topUp('abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'unavailable', outcome: 'unknown' });
    expect((error as Error).message).toMatch(/did not answer within 50 ms/);
    expectNoSecretIn(error);
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it('counts an upstream 429, honours its Retry-After in the limiter, and retries the read', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 1000, maxWaitMs: 5_000 });
    const penalize = jest.spyOn(limiter, 'penalize');
    const { pricing, transport } = upstream.clients({ limiters: { pricing: limiter } });
    upstream.intercept('GET', GB_PRICING, { status: 429, headers: { 'retry-after': '0' } });
    upstream.intercept('GET', GB_PRICING, { status: 200, body: GB });
    await expect(pricing.getCountryPricing(PricingType.SMS, 'GB')).resolves.toMatchObject({
      countryCode: 'GB',
    });
    expect(penalize).toHaveBeenCalledWith(0);
    expect(transport.stats.rateLimited).toBe(1);
    expect(transport.stats.sent.pricing).toBe(2);
    for (const seen of upstream.seen) {
      expectRequest(seen, { method: 'GET', path: GB_PRICING, query: { country: 'GB' } }, 'basic');
    }
  });

  it('takes a rate-limit slot for every attempt, retries included, from its own area only', async () => {
    const pricingLimiter = new LocalRateLimiter({ perSecond: 1000, maxWaitMs: 5_000 });
    const accountLimiter = new LocalRateLimiter({ perSecond: 1000, maxWaitMs: 5_000 });
    const pricingSlots = jest.spyOn(pricingLimiter, 'acquire');
    const accountSlots = jest.spyOn(accountLimiter, 'acquire');
    const { pricing } = upstream.clients({
      limiters: { pricing: pricingLimiter, account: accountLimiter },
    });
    upstream.intercept('GET', GB_PRICING, { status: 503 });
    upstream.intercept('GET', GB_PRICING, { status: 502 });
    upstream.intercept('GET', GB_PRICING, { status: 200, body: GB });
    await pricing.getCountryPricing(PricingType.SMS, 'GB');
    expect(pricingSlots).toHaveBeenCalledTimes(3);
    expect(accountSlots).not.toHaveBeenCalled();
  });

  it('makes each retry wait for a slot of its own, one interval after the previous attempt', async () => {
    // 10 per second: 105 ms apart. The harness backs off 1 ms, so only the limiter spaces them.
    const limiter = new LocalRateLimiter({ perSecond: 10, maxWaitMs: 5_000 });
    const { pricing } = upstream.clients({ limiters: { pricing: limiter } });
    upstream.intercept('GET', GB_PRICING, { status: 503 });
    upstream.intercept('GET', GB_PRICING, { status: 502 });
    upstream.intercept('GET', GB_PRICING, { status: 200, body: GB });
    await pricing.getCountryPricing(PricingType.SMS, 'GB');
    const arrivals = upstream.seen.map((seen) => seen.at!);
    expect(arrivals).toHaveLength(3);
    for (let i = 1; i < arrivals.length; i++) {
      // Arrivals jitter around the starts (the first request is slower to leave, see intervalMs);
      // without a slot per retry they would be 1-5 ms apart.
      expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(limiter.interval / 2);
    }
  });

  it.each([
    ['0', 1],
    ['1', 2],
    ['2', 3],
  ])(
    'honours VONAGE_MAX_RETRIES=%s: %i attempt(s) of a failing read',
    async (retries, attempts) => {
      const { pricing, transport } = upstream.clients({ env: { VONAGE_MAX_RETRIES: retries } });
      // One reply per expected attempt: an attempt too many finds no reply (MockAgent refuses
      // it) and still counts as sent; one too few leaves a reply pending, which close() reports.
      for (let i = 0; i < attempts; i++) upstream.intercept('GET', GB_PRICING, { status: 503 });
      await expect(pricing.getCountryPricing(PricingType.SMS, 'GB')).rejects.toMatchObject({
        kind: 'unavailable',
      });
      expect(upstream.seen).toHaveLength(attempts);
      expect(transport.stats.sent.pricing).toBe(attempts);
    },
  );

  it('answers RATE_LIMITED without sending when the next slot is beyond the wait limit', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 1, maxWaitMs: 100 });
    limiter.reserve();
    const { pricing, transport } = upstream.clients({ limiters: { pricing: limiter } });
    await expect(pricing.getFullPricing(PricingType.SMS)).rejects.toMatchObject({
      kind: 'rate_limited',
      outcome: 'not_sent',
      retryAfterSeconds: 2,
    });
    expect(transport.stats.sent.pricing).toBeUndefined();
  });
});
