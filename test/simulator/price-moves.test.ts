import { type Simulator, startSimulator } from '../../src/simulator';
import { call } from './helpers';
import { type CountryList, pricingCalls } from './pricing-helpers';

/** Every network price of a full list, by `country:networkCode`. */
function pricesOf(list: CountryList): Map<string, string> {
  const prices = new Map<string, string>();
  for (const country of list.countries) {
    for (const network of country.networks ?? []) {
      prices.set(`${country.countryCode}:${network.networkCode}`, network.price);
    }
  }
  return prices;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([key, price]) => before.get(key) !== price).map(([key]) => key);
}

describe('the sandbox moving prices between catalogue reads', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ pricing: { rateLimitPerSecond: 0 } });
  });

  afterEach(() => sim.reset());
  afterAll(() => sim.close());

  it('changes exactly the n network prices it reports, in every answer', async () => {
    const pricing = pricingCalls(sim);
    const before = pricesOf(await pricing.fullJson('sms'));
    const voiceBefore = pricesOf(await pricing.fullJson('voice'));
    const moved = sim.movePrices(3);
    expect(moved).toHaveLength(3);
    const after = pricesOf(await pricing.fullJson('sms'));
    expect(differences(before, after).sort()).toEqual(
      moved.map((move) => `${move.country}:${move.networkCode}`).sort(),
    );
    for (const move of moved) {
      expect(before.get(`${move.country}:${move.networkCode}`)).toBe(move.from);
      expect(after.get(`${move.country}:${move.networkCode}`)).toBe(move.to);
      expect(move.to).not.toBe(move.from);
      const country = await pricing.countryJson('sms', move.country);
      const network = country.networks?.find((n) => n.networkCode === move.networkCode);
      expect(network?.price).toBe(move.to);
    }
    // Other types keep their prices.
    expect(differences(voiceBefore, pricesOf(await pricing.fullJson('voice')))).toEqual([]);
  });

  it('moves the same networks to the same prices on a fresh simulator, and reset puts them back', async () => {
    const first = sim.movePrices(2);
    const second = sim.movePrices(2);
    sim.reset();
    expect(sim.movePrices(2)).toEqual(first);
    expect(sim.movePrices(2)).toEqual(second);
    sim.reset();
    const prices = pricesOf(await pricingCalls(sim).fullJson('sms'));
    for (const move of first)
      expect(prices.get(`${move.country}:${move.networkCode}`)).toBe(move.from);
  });

  it('answers POST /_simulator/prices with what moved, and refuses a bad count', async () => {
    const answer = await call(sim, '/_simulator/prices', {
      method: 'POST',
      auth: 'none',
      body: JSON.stringify({ move: 1, type: 'voice' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      moved: [expect.objectContaining({ type: 'voice', from: expect.any(String) })],
    });
    for (const body of ['{"move": 0}', '{"move": "3"}', '{"move": 1, "type": "fax"}', '[]']) {
      const refused = await call(sim, '/_simulator/prices', { method: 'POST', auth: 'none', body });
      expect(refused.status).toBe(400);
    }
  });
});
