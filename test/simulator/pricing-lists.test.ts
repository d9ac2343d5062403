import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import { EIGHT_PLACES, pricingCalls, XML, type CountryList } from './pricing-helpers';

let sim: Simulator;
let api: ReturnType<typeof pricingCalls>;

beforeAll(async () => {
  sim = await startSimulator({ pricing: { rateLimitPerSecond: 0 } });
  api = pricingCalls(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('GET /account/get-full-pricing/outbound/:type', () => {
  it('lists every ISO country with the count as a string, as the real API sends it', async () => {
    const answer = await call(sim, '/account/get-full-pricing/outbound/sms');
    const { count, countries } = answer.json() as unknown as CountryList;

    expect(typeof count).toBe('string');
    expect(Number(count)).toBe(countries.length);
    expect(countries.filter((entry) => entry.countryCode).length).toBeGreaterThanOrEqual(240);
    expect(answer.text.length).toBeGreaterThan(200_000);
  });

  it('includes one junk entry with neither countryCode nor networks', async () => {
    const { countries } = await api.fullJson('voice');

    expect(countries.filter((entry) => !entry.countryCode)).toEqual([
      { countryName: 'Unknown', currency: 'EUR' },
    ]);
  });

  it('lists unpriced countries without networks or defaultPrice and prices all the others', async () => {
    const { countries } = await api.fullJson('sms');
    const listed = countries.filter((entry) => entry.countryCode);
    const bare = listed.filter((entry) => !entry.networks).map((entry) => entry.countryCode);

    expect(bare.sort()).toEqual(['AQ', 'BV', 'HM', 'TF', 'UM']);
    for (const entry of listed.filter((item) => item.networks)) {
      expect(entry.defaultPrice).toMatch(EIGHT_PLACES);
      expect(entry.networks?.length).toBeGreaterThan(0);
    }
    expect(countries.find((entry) => entry.countryCode === 'AQ')).not.toHaveProperty(
      'defaultPrice',
    );
  });

  it('gives some mobile networks ranges: numbers that start with the dialling prefix', async () => {
    const { countries } = await api.fullJson('sms');
    const withRanges = countries.flatMap((entry) =>
      (entry.networks ?? []).flatMap((network) =>
        network.ranges ? [{ prefix: entry.dialingPrefix ?? '', network }] : [],
      ),
    );

    expect(withRanges.length).toBeGreaterThan(100);
    for (const { prefix, network } of withRanges) {
      expect(network.type).toBe('mobile');
      for (const range of network.ranges ?? []) {
        expect(typeof range).toBe('number');
        expect(String(range).startsWith(prefix)).toBe(true);
      }
    }
  });

  it('follows the unpriced countries the test sets between two requests', async () => {
    const before = (await api.fullJson('sms')).countries;
    sim.state.pricing.unpriced = ['GB'];

    const after = (await api.fullJson('sms')).countries;

    expect(before.find((entry) => entry.countryCode === 'GB')).toHaveProperty('networks');
    expect(after.find((entry) => entry.countryCode === 'GB')).not.toHaveProperty('networks');
    expect(after.find((entry) => entry.countryCode === 'AQ')?.networks).toHaveLength(1);
  });

  it('follows the currency the test sets between two requests', async () => {
    const before = await call(sim, '/account/get-full-pricing/outbound/sms');
    sim.state.pricing.currency = 'USD';

    const after = (await api.fullJson('sms')).countries;

    expect(before.text).toContain('"currency":"EUR"');
    expect(after.every((entry) => entry.currency === 'USD')).toBe(true);
  });

  it('answers XML under response with <countries><country> and ranges as <ranges><range>', async () => {
    const answer = await call(sim, '/account/get-full-pricing/outbound/sms', { headers: XML });

    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.text).toMatch(
      /\n<response>\n {2}<count>\d+<\/count>\n {2}<countries>\n {4}<country>\n/,
    );
    expect(answer.text).toMatch(/<ranges>\n\s+<range>\d+<\/range>\n/);
    expect(answer.text).toContain('<country>\n      <countryName>Unknown</countryName>');
  });

  it('refuses an unknown type with a BAD_REQUEST 400 naming type', async () => {
    const answer = await call(sim, '/account/get-full-pricing/outbound/fax');

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ invalid_parameters: [{ name: 'type' }] });
  });
});

describe('GET /account/get-prefix-pricing/outbound/:type', () => {
  it('answers every country dialled with 1: the US, Canada and the NANP islands', async () => {
    const { count, countries } = await api.prefixJson('sms', '1');
    const codes = countries.map((entry) => entry.countryCode);

    expect(count).toBe(countries.length);
    expect(codes).toEqual(expect.arrayContaining(['US', 'CA', 'JM', 'PR', 'BS']));
    expect(codes.length).toBeGreaterThanOrEqual(20);
    expect(countries.every((entry) => entry.dialingPrefix === '1' && entry.networks)).toBe(true);
    expect(codes).not.toContain('UM');
  });

  it('answers the UK and the Crown Dependencies for 44', async () => {
    const { countries } = await api.prefixJson('voice', '44');

    expect(countries.map((entry) => entry.countryCode).sort()).toEqual(['GB', 'GG', 'IM', 'JE']);
  });

  it('answers an empty list with count 0 for a prefix no country uses', async () => {
    expect(await api.prefixJson('sms', '999')).toEqual({ count: 0, countries: [] });
  });

  it.each([['12345'], ['4a'], ['+44'], ['']])(
    'refuses the prefix %p with a BAD_REQUEST 400 naming prefix',
    async (prefix) => {
      const answer = await call(sim, '/account/get-prefix-pricing/outbound/sms', {
        query: { prefix },
      });

      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ invalid_parameters: [{ name: 'prefix' }] });
    },
  );

  it('answers XML under response', async () => {
    const answer = await call(sim, '/account/get-prefix-pricing/outbound/sms', {
      query: { prefix: '44' },
      headers: XML,
    });

    expect(answer.text).toMatch(
      /\n<response>\n {2}<count>4<\/count>\n {2}<countries>\n {4}<country>\n/,
    );
    expect(answer.text).toContain('<countryCode>JE</countryCode>');
  });
});
