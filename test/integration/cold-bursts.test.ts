import { countersSince, pricingCalls } from '../helpers/counters';
import { TWENTY_COUNTRIES } from '../helpers/countries';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { type SimulatorProcess, spawnSimulator } from '../helpers/process';

const BURSTS = 8;
const CONCURRENT = 100;
// Most of a burst's time is its 100 answers, not the 1.1 s wait for its second catalogue, and
// each burst repeats the same two starts: 8 bursts, not 20. With the socket-write hook broken
// (RateLimiter.sent() doing nothing) 8 bursts still see upstream 429s.
const QUERY = `query ColdBurst($countries: [String!]!) {
  pricings(countries: $countries, types: [SMS, VOICE]) { countryCode type networks { networkCode price } }
}`;

// The sandbox at Vonage's 1 Pricing request per second, counted on arrival, in a process of its
// own so the gateway's busy event loop cannot make it stamp arrivals late.
let simulator: SimulatorProcess;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await spawnSimulator({ apiKey: 'burst-key', apiSecret: 'burst-secret' });
  gateway = await startGateway({
    AUTH: 'none',
    VONAGE_API_KEY: simulator.apiKey,
    VONAGE_API_SECRET: simulator.apiSecret,
    VONAGE_REST_URL: simulator.url,
    RATE_LIMIT_MAX_WAIT_MS: '30000',
    // The data layer under test: each burst's 100 executions share its two catalogue calls (a
    // kept whole answer would survive the cache clear and answer every burst after the first).
    RESPONSE_CACHE_MB: '0',
  });
}, 30_000);

afterAll(async () => {
  await gateway?.close();
  await simulator?.close();
});

it(`answers ${BURSTS} cold bursts of ${CONCURRENT} concurrent 20 × 2 requests without one upstream 429`, async () => {
  const before = await simulator.counters();
  for (let burst = 0; burst < BURSTS; burst++) {
    // Cold: nothing cached, so each burst fills the SMS and the VOICE catalogue again.
    await gateway.app.runtime.cache.clear();
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        gateway.graphql<{ pricings: unknown[] }>(QUERY, { countries: TWENTY_COUNTRIES }),
      ),
    );
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    expect(answers.every((answer) => answer.data!.pricings.length === 40)).toBe(true);
  }
  const seen = countersSince(before, await simulator.counters());
  expect(seen.rateLimited).toBe(0);
  // One catalogue call per type and burst, shared by the burst's 100 requests.
  expect(pricingCalls(seen)).toBe(BURSTS * 2);
}, 120_000);
