import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import { type Country, EIGHT_PLACES, pricingCalls, units, XML } from './pricing-helpers';

let sim: Simulator;
let api: ReturnType<typeof pricingCalls>;

beforeAll(async () => {
  sim = await startSimulator({ pricing: { rateLimitPerSecond: 0 } });
  api = pricingCalls(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('GET /account/get-pricing/outbound/:type', () => {
  it('answers one country in the account currency with 8-place prices and its dialling prefix', async () => {
    const answer = await api.country('sms', 'GB');
    const gb = answer.json() as unknown as Country;

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(gb).toMatchObject({
      countryCode: 'GB',
      countryName: 'United Kingdom',
      countryDisplayName: 'United Kingdom',
      currency: 'EUR',
      dialingPrefix: '44',
    });
    expect(gb.defaultPrice).toMatch(EIGHT_PLACES);
    for (const network of gb.networks ?? []) {
      expect(network.price).toMatch(EIGHT_PLACES);
      expect(network.currency).toBe('EUR');
    }
    expect(sim.counters.byRoute['GET /account/get-pricing/outbound/:type']).toBe(1);
  });

  it('lists the real UK operators under MCC 234, each coded mcc+mnc, beside a landline network', async () => {
    const { networks = [] } = await api.countryJson('sms', 'GB');
    const mobile = networks.filter((network) => network.type === 'mobile');

    expect(mobile.length).toBeGreaterThanOrEqual(10);
    expect(mobile).toContainEqual(
      expect.objectContaining({ mcc: '234', mnc: '10', networkCode: '23410' }),
    );
    expect(mobile.map((network) => network.networkName)).toContain('O2 (UK)');
    // 234 04 is only reserved, not operational.
    expect(mobile.map((network) => network.networkCode)).not.toContain('23404');
    for (const network of networks)
      expect(network.networkCode).toBe(`${network.mcc}${network.mnc}`);
    expect(networks.filter((network) => network.type === 'landline')).toEqual([
      expect.objectContaining({ mcc: '234', networkName: 'United Kingdom Landline' }),
    ]);
  });

  it('gives every country the operators mcc-mnc-list files under several countries at once', async () => {
    // mcc-mnc-list files Australia's operators under "AU/CC/CX".
    const { networks = [] } = await api.countryJson('sms', 'AU');

    expect(networks.filter((network) => network.mcc === '505').length).toBeGreaterThan(5);
  });

  it('adds a toll-free network for voice only', async () => {
    const types = async (type: string) =>
      ((await api.countryJson(type, 'FR')).networks ?? []).map((network) => network.type);

    expect(await types('voice')).toContain('landline_tollfree');
    expect(await types('sms')).not.toContain('landline_tollfree');
  });

  it('quotes the same prices on every request and different prices per type', async () => {
    const first = await api.country('sms', 'DE');
    const second = await api.country('sms', 'DE');
    const prices = async (type: string) =>
      ((await api.countryJson(type, 'DE')).networks ?? []).map((network) => network.price);

    expect(second.text).toBe(first.text);
    expect(await prices('voice')).not.toEqual(await prices('sms'));
  });

  it('prices sms-transit at the sms price less 10%', async () => {
    const sms = (await api.countryJson('sms', 'DE')).networks ?? [];
    const transit = (await api.countryJson('sms-transit', 'DE')).networks ?? [];

    expect(transit.map((network) => units(network.price))).toEqual(
      sms.map((network) => (units(network.price) * 9n) / 10n),
    );
  });

  it('gives the landline price as defaultPrice, which no mobile network costs', async () => {
    for (const type of ['sms', 'voice']) {
      const { defaultPrice, networks = [] } = await api.countryJson(type, 'GB');
      const landline = networks.find((network) => network.type === 'landline');
      const mobilePrices = networks.filter((n) => n.type === 'mobile').map((n) => n.price);

      expect(defaultPrice).toBe(landline?.price);
      expect(mobilePrices).not.toContain(defaultPrice);
    }
  });

  it('accepts a lower-case country code and answers it upper-case', async () => {
    expect((await api.countryJson('voice', 'us')).countryCode).toBe('US');
  });

  it('quotes every price in USD, at 1.10 per EUR, when the account bills in USD', async () => {
    const eur = await api.countryJson('sms', 'GB');
    sim.state.pricing.currency = 'USD';
    const usd = await api.countryJson('sms', 'GB');

    expect(usd.currency).toBe('USD');
    expect(usd.networks?.map((network) => network.currency)).not.toContain('EUR');
    expect(units(usd.defaultPrice ?? '')).toBe((units(eur.defaultPrice ?? '') * 11n + 5n) / 10n);
  });

  it('leaves out mcc and mnc on the landline networks of a country without operators', async () => {
    const pitcairn = await api.countryJson('voice', 'PN');

    expect(pitcairn.dialingPrefix).toBe('64');
    expect(pitcairn.networks).toEqual([
      expect.objectContaining({ type: 'landline', networkCode: 'PN-FIXED' }),
      expect.objectContaining({ type: 'landline_tollfree', networkCode: 'PN-TOLLFREE' }),
    ]);
    expect(pitcairn.networks?.[0]).not.toHaveProperty('mcc');
    expect(pitcairn.networks?.[0]).not.toHaveProperty('mnc');
  });

  it('answers a country it does not price with its identity and currency only', async () => {
    const answer = await api.country('sms', 'AQ');

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      countryCode: 'AQ',
      countryName: 'Antarctica',
      countryDisplayName: 'Antarctica',
      currency: 'EUR',
    });
  });

  it('stops pricing a country the test adds to state.pricing.unpriced', async () => {
    sim.state.pricing.unpriced = ['gb'];

    const gb = await api.countryJson('sms', 'GB');

    expect(gb).not.toHaveProperty('networks');
    expect(gb).not.toHaveProperty('defaultPrice');
  });

  it.each([
    ['an unknown type', 'mms', { country: 'GB' }, 'type'],
    ['an upper-case type', 'SMS', { country: 'GB' }, 'type'],
    ['no country', 'sms', {}, 'country'],
    ['an empty country', 'sms', { country: '' }, 'country'],
    ['a code that is not ISO 3166-1', 'sms', { country: 'XX' }, 'country'],
    ['an alpha-3 code', 'sms', { country: 'GBR' }, 'country'],
  ])('refuses %s with a BAD_REQUEST 400 naming it', async (_case, type, query, name) => {
    const answer = await call(sim, `/account/get-pricing/outbound/${type}`, { query });

    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      type: 'BAD_REQUEST',
      error_title: 'Bad Request',
      invalid_parameters: [expect.objectContaining({ name })],
    });
  });

  it('answers XML under pricing with networks nested as <networks><network>', async () => {
    const answer = await api.country('sms', 'GB', XML);

    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<pricing>\n/,
    );
    expect(answer.text).toContain('  <countryCode>GB</countryCode>\n');
    expect(answer.text).toMatch(/<networks>\n {4}<network>\n {6}<type>mobile<\/type>\n/);
    expect(answer.text).toContain('<networkName>United Kingdom Landline</networkName>');
  });

  it('answers the old seed-002 shape when state.pricing.legacyShape is set', async () => {
    const current = await api.countryJson('sms', 'GB');
    sim.state.pricing.legacyShape = true;

    const legacy = (await api.country('sms', 'GB')).json();
    const xml = await api.country('sms', 'GB', XML);

    expect(legacy).toMatchObject({
      country: 'GB',
      name: 'United Kingdom',
      prefix: '44',
      mt: current.defaultPrice,
      countryDisplayName: 'United Kingdom',
    });
    expect(legacy).not.toHaveProperty('currency');
    expect(legacy.networks).toContainEqual({
      code: '23410',
      network: 'O2 (UK)',
      mtPrice: current.networks?.find((n) => n.networkCode === '23410')?.price,
    });
    expect(xml.text).toContain('<outbound-country-pricing>\n');
    expect(xml.text).toMatch(/<networks>\n {4}<network>\n {6}<code>\d+<\/code>\n {6}<name>/);
  });
});

describe('pricing options', () => {
  it.each([
    ['a currency other than EUR or USD', { currency: 'GBP' as 'EUR' }],
    ['a negative rate', { rateLimitPerSecond: -1 }],
    ['an unpriced code that is not ISO 3166-1', { unpriced: ['XX'] }],
  ])('refuse %s', async (_case, pricing) => {
    await expect(startSimulator({ pricing })).rejects.toThrow(RangeError);
  });

  it('bill in the currency and leave unpriced the countries the options give', async () => {
    const custom = await startSimulator({
      pricing: { currency: 'USD', unpriced: ['fr'], rateLimitPerSecond: 0 },
    });
    try {
      const fr = (
        await call(custom, '/account/get-pricing/outbound/sms', { query: { country: 'FR' } })
      ).json();
      const aq = (
        await call(custom, '/account/get-pricing/outbound/sms', { query: { country: 'AQ' } })
      ).json();

      expect(fr).toEqual({
        countryCode: 'FR',
        countryName: 'France',
        countryDisplayName: 'France',
        currency: 'USD',
      });
      expect(aq).toHaveProperty('networks');
      expect(custom.state.pricing).toEqual({
        currency: 'USD',
        rateLimitPerSecond: 0,
        legacyShape: false,
        unpriced: ['FR'],
        moves: new Map(),
        moveCalls: 0,
      });
    } finally {
      await custom.close();
    }
  });
});

describe('pricing authentication', () => {
  it("answers 401 in the Pricing API's own shape: code beside the currency", async () => {
    const answer = await call(sim, '/account/get-pricing/outbound/sms', {
      auth: 'none',
      query: { country: 'GB' },
      headers: { authorization: `Basic ${Buffer.from('sandbox:wrong').toString('base64')}` },
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual({
      currency: 'EUR',
      code: '401',
      'error-code-label': 'authentication failed',
    });
  });
});
