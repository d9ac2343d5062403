import { request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';

let sim: Simulator;

// Default options: Vonage's 1 Pricing request per second.
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

// The sandbox stamps arrivals with performance.now(): on Jest's clock, faked alone (timers and
// sockets stay real), two requests are "quick" however busy the machine is, and time passes only
// when a test moves the clock.
beforeEach(() =>
  jest.useFakeTimers({
    doNotFake: [
      'Date',
      'hrtime',
      'nextTick',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  }),
);
afterEach(() => jest.useRealTimers());
const elapse = (ms: number) => jest.advanceTimersByTime(ms);

const gbPrice = () => call(sim, '/account/get-pricing/outbound/sms', { query: { country: 'GB' } });
const fullPrices = () => call(sim, '/account/get-full-pricing/outbound/voice');
const prefixPrices = () =>
  call(sim, '/account/get-prefix-pricing/outbound/sms', { query: { prefix: '44' } });

describe('pricing rate limit', () => {
  it('refuses the second of two quick requests with a bare 429 and counts it', async () => {
    const first = await gbPrice();
    const second = await gbPrice();

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.text).toBe('');
    expect(second.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.counters.rateLimited).toBe(1);
    expect(sim.counters.byRoute['GET /account/get-pricing/outbound/:type']).toBe(2);
  });

  it('reports refused requests in the admin counters', async () => {
    await gbPrice();
    await gbPrice();
    await gbPrice();

    const response = await request(`${sim.url}/_simulator/counters`);

    expect(await response.body.json()).toMatchObject({ total: 3, rateLimited: 2 });
  });

  it('shares one limit across the three pricing endpoints', async () => {
    expect((await prefixPrices()).status).toBe(200);
    expect((await fullPrices()).status).toBe(429);
    expect((await gbPrice()).status).toBe(429);
    expect(sim.counters.rateLimited).toBe(2);
  });

  it('keeps refusing for a whole second after the last allowed request, then lets one through', async () => {
    expect((await gbPrice()).status).toBe(200);
    expect((await gbPrice()).status).toBe(429);
    elapse(500);
    expect((await gbPrice()).status).toBe(429);

    elapse(499);
    expect((await fullPrices()).status).toBe(429);
    elapse(1);

    expect((await fullPrices()).status).toBe(200);
    expect((await fullPrices()).status).toBe(429);
  });

  it('leaves the account endpoints unlimited', async () => {
    await gbPrice();
    const balances = await Promise.all(
      Array.from({ length: 10 }, () => call(sim, '/account/get-balance')),
    );

    expect(balances.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('checks credentials first, so a refused login spends nothing', async () => {
    const unauthenticated = await call(sim, '/account/get-pricing/outbound/sms', {
      auth: 'none',
      query: { country: 'GB' },
    });

    expect(unauthenticated.status).toBe(401);
    expect((await gbPrice()).status).toBe(200);
  });

  it('lets an injected fault answer ahead of the limiter, without spending the limit', async () => {
    sim.faults.failNext(1, { status: 503 });

    expect((await gbPrice()).status).toBe(503);
    expect((await gbPrice()).status).toBe(200);
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('lifts the limit when state.pricing.rateLimitPerSecond is set to 0', async () => {
    sim.state.pricing.rateLimitPerSecond = 0;

    const statuses = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await gbPrice()).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('applies a limit raised back to 1 at runtime', async () => {
    sim.state.pricing.rateLimitPerSecond = 0;
    await gbPrice();
    sim.state.pricing.rateLimitPerSecond = 1;

    expect((await gbPrice()).status).toBe(429);
  });

  it('restores the limit from the options and forgets the history on reset()', async () => {
    expect((await gbPrice()).status).toBe(200);
    sim.state.pricing.rateLimitPerSecond = 0;

    sim.reset();

    expect(sim.state.pricing.rateLimitPerSecond).toBe(1);
    expect((await gbPrice()).status).toBe(200);
    expect((await gbPrice()).status).toBe(429);
  });

  it('starts counting refusals from zero after counters.reset()', async () => {
    await gbPrice();
    await gbPrice();
    expect(sim.counters.rateLimited).toBe(1);

    sim.counters.reset();

    expect(sim.counters.rateLimited).toBe(0);
  });

  it('spaces requests by 1000/rate ms for a higher rate', async () => {
    const fast = await startSimulator({ pricing: { rateLimitPerSecond: 2 } });
    const price = () => call(fast, '/account/get-full-pricing/outbound/sms');
    try {
      expect((await price()).status).toBe(200);
      expect((await price()).status).toBe(429);
      elapse(499);
      expect((await price()).status).toBe(429);
      elapse(1);
      expect((await price()).status).toBe(200);
    } finally {
      await fast.close();
    }
  });
});
