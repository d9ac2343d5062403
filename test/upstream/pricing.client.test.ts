import { MockAgent } from 'undici';
import { LocalRateLimiter } from '../../src/cache/rate-limiter';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { PricingClient, readCountry } from '../../src/pricing/pricing.client';
import { PricingType } from '../../src/pricing/pricing.type';
import { UpstreamTransport } from '../../src/upstream/transport';

const ORIGIN = 'https://rest.example.test';
let agent: MockAgent;

let transport: UpstreamTransport;

function client(limiter?: LocalRateLimiter): PricingClient {
  const config = loadConfig({
    VONAGE_API_KEY: 'k',
    VONAGE_API_SECRET: 's',
    VONAGE_REST_URL: ORIGIN,
  });
  transport = new UpstreamTransport({
    config: config.upstream,
    logger: silentLogger,
    dispatcher: agent,
    retry: { baseDelayMs: 1 },
    limiters: limiter ? { pricing: limiter } : undefined,
  });
  return new PricingClient(transport);
}

function reply(path: string, status: number, body: string, type = 'application/json') {
  agent
    .get(ORIGIN)
    .intercept({ path, method: 'GET' })
    .reply(status, body, { headers: { 'content-type': type } });
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const GB = {
  countryCode: 'GB',
  countryName: 'United Kingdom',
  countryDisplayName: 'United Kingdom',
  currency: 'EUR',
  defaultPrice: '0.03330000',
  dialingPrefix: '44',
  networks: [
    {
      type: 'mobile',
      price: '0.03700000',
      currency: 'EUR',
      mcc: '234',
      mnc: '15',
      networkCode: '23415',
      networkName: 'Vodafone',
      ranges: [447700],
    },
  ],
};

describe('reading pricing answers', () => {
  it.each([
    [
      "today's JSON shape",
      GB,
      {
        countryCode: 'GB',
        defaultPrice: '0.03330000',
        dialingPrefix: '44',
        networks: [
          { networkCode: '23415', mcc: '234', mnc: '15', price: '0.03700000', ranges: ['447700'] },
        ],
      },
    ],
    [
      'the older shape (seed 002)',
      {
        country: 'GB',
        name: 'United Kingdom',
        prefix: '44',
        mt: '0.03330000',
        countryDisplayName: 'United Kingdom',
        networks: [{ code: '23415', network: 'Acme Telco', mtPrice: '0.03330000' }],
      },
      {
        countryCode: 'GB',
        countryName: 'United Kingdom',
        dialingPrefix: '44',
        defaultPrice: '0.03330000',
        networks: [
          {
            networkCode: '23415',
            networkName: 'Acme Telco',
            mcc: '234',
            mnc: '15',
            price: '0.03330000',
          },
        ],
      },
    ],
    [
      'a country without defaultPrice but with networks',
      { ...GB, defaultPrice: undefined },
      { countryCode: 'GB', defaultPrice: null },
    ],
    ['a lower-case code', { ...GB, countryCode: 'gb' }, { countryCode: 'GB' }],
  ])('reads %s', (_name, raw, expected) => {
    expect(readCountry(raw)).toMatchObject(expected);
  });

  it.each([
    [
      'no networks and no default price (not priced)',
      { countryCode: 'AQ', countryName: 'Antarctica', currency: 'EUR' },
    ],
    ['no country code', { countryName: 'Unknown', currency: 'EUR', networks: [] }],
    ['a code that is not two letters', { ...GB, countryCode: 'GBR' }],
  ])('reads an entry with %s as not priced', (_name, raw) => {
    expect(readCountry(raw)).toBeNull();
  });

  it('drops a network that has no price and keeps the rest', () => {
    const record = readCountry({ ...GB, networks: [{ networkCode: '23410' }, ...GB.networks] });
    expect(record!.networks.map((n) => n.networkCode)).toEqual(['23415']);
  });
});

describe('PricingClient over the transport', () => {
  it('reads the full catalogue with count as a string and skips unusable entries', async () => {
    reply(
      '/account/get-full-pricing/outbound/sms',
      200,
      JSON.stringify({
        count: '3',
        countries: [
          GB,
          { countryName: 'Unknown', currency: 'EUR' },
          { countryCode: 'AQ', currency: 'EUR' },
        ],
      }),
    );
    const countries = await client().getFullPricing(PricingType.SMS);
    expect(countries.map((c) => c.countryCode)).toEqual(['GB']);
  });

  it('reads an XML catalogue, with a single network and a single country', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><response><count>1</count><countries><country>' +
      '<countryCode>GB</countryCode><currency>EUR</currency><defaultPrice>0.03330000</defaultPrice>' +
      '<networks><network><type>mobile</type><price>0.03700000</price><mcc>234</mcc><mnc>15</mnc>' +
      '<networkCode>23415</networkCode><ranges><range>447700</range></ranges></network></networks>' +
      '</country></countries></response>';
    reply('/account/get-full-pricing/outbound/voice', 200, xml, 'application/xml');
    const [gb] = await client().getFullPricing(PricingType.VOICE);
    expect(gb).toMatchObject({
      countryCode: 'GB',
      networks: [{ price: '0.03700000', mcc: '234', ranges: ['447700'] }],
    });
  });

  it('reads {} from the prefix endpoint as no countries', async () => {
    reply('/account/get-prefix-pricing/outbound/sms?prefix=999', 200, '{}');
    await expect(client().getPrefixPricing(PricingType.SMS, '999')).resolves.toEqual([]);
  });

  it('reads a country the upstream does not price as null', async () => {
    reply(
      '/account/get-pricing/outbound/sms-transit?country=AQ',
      200,
      '{"countryCode":"AQ","currency":"EUR"}',
    );
    await expect(client().getCountryPricing(PricingType.SMS_TRANSIT, 'AQ')).resolves.toBeNull();
  });

  it('counts an upstream 429, honours its Retry-After in the limiter, and retries the read', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 1000, maxWaitMs: 5_000 });
    agent
      .get(ORIGIN)
      .intercept({ path: '/account/get-pricing/outbound/sms?country=GB', method: 'GET' })
      .reply(429, '', { headers: { 'retry-after': '0' } });
    reply('/account/get-pricing/outbound/sms?country=GB', 200, JSON.stringify(GB));
    const penalize = jest.spyOn(limiter, 'penalize');
    await expect(client(limiter).getCountryPricing(PricingType.SMS, 'GB')).resolves.toMatchObject({
      countryCode: 'GB',
    });
    expect(penalize).toHaveBeenCalledWith(0);
    expect(transport.stats.rateLimited).toBe(1);
    expect(transport.stats.sent.pricing).toBe(2);
  });

  it('answers RATE_LIMITED without sending when the next slot is beyond the wait limit', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 1, maxWaitMs: 100 });
    limiter.reserve();
    await expect(client(limiter).getFullPricing(PricingType.SMS)).rejects.toMatchObject({
      kind: 'rate_limited',
      outcome: 'not_sent',
      retryAfterSeconds: 2,
    });
  });
});
