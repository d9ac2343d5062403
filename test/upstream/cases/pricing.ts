import { PricingType } from '../../../src/pricing/pricing.type';
import { type ClientCase, type ExpectedRequest } from '../harness';

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

const GB_RECORD = {
  countryCode: 'GB',
  countryName: 'United Kingdom',
  countryDisplayName: 'United Kingdom',
  dialingPrefix: '44',
  currency: 'EUR',
  defaultPrice: '0.03330000',
  networks: [
    {
      type: 'mobile',
      networkCode: '23415',
      networkName: 'Vodafone',
      mcc: '234',
      mnc: '15',
      price: '0.03700000',
      currency: 'EUR',
      ranges: ['447700'],
    },
  ],
  minPrice: '0.03700000',
  maxPrice: '0.03700000',
};

const country = (code: string, type = 'sms'): ExpectedRequest => ({
  method: 'GET',
  path: `/account/get-pricing/outbound/${type}`,
  query: { country: code },
});
const FULL_SMS: ExpectedRequest = {
  method: 'GET',
  path: '/account/get-full-pricing/outbound/sms',
  query: {},
};

/** One country answered as given, read by getCountryPricing(SMS, 'GB'). */
function readsCountry(name: string, body: object, expected: ClientCase['expect']): ClientCase {
  return {
    name,
    call: (c) => c.pricing.getCountryPricing(PricingType.SMS, 'GB'),
    request: country('GB'),
    replies: [{ status: 200, body }],
    expect: expected,
  };
}

export const pricingCases: ClientCase[] = [
  readsCountry("reads one country in today's shape, ranges as text, min and max worked out", GB, {
    value: GB_RECORD,
  }),
  readsCountry(
    'leaves mcc and mnc null for a landline network that has none (networkCode GB-FIXED)',
    {
      ...GB,
      networks: [
        { type: 'landline', price: '0.01000000', networkCode: 'GB-FIXED', networkName: 'Fixed' },
      ],
    },
    {
      shape: {
        networks: [{ networkCode: 'GB-FIXED', mcc: null, mnc: null, price: '0.01000000' }],
      },
    },
  ),
  readsCountry(
    'reads one country in the older shape (country, name, prefix, mt, code, network, mtPrice)',
    {
      country: 'GB',
      name: 'United Kingdom',
      prefix: '44',
      mt: '0.03330000',
      countryDisplayName: 'United Kingdom',
      networks: [{ code: '23415', network: 'Acme Telco', mtPrice: '0.03330000' }],
    },
    {
      value: {
        countryCode: 'GB',
        countryName: 'United Kingdom',
        countryDisplayName: 'United Kingdom',
        dialingPrefix: '44',
        currency: null,
        defaultPrice: '0.03330000',
        networks: [
          {
            type: null,
            networkCode: '23415',
            networkName: 'Acme Telco',
            mcc: '234',
            mnc: '15',
            price: '0.03330000',
            currency: null,
            ranges: [],
          },
        ],
        minPrice: '0.03330000',
        maxPrice: '0.03330000',
      },
    },
  ),
  readsCountry(
    'reads a country without defaultPrice but with networks, its range from the networks',
    { ...GB, defaultPrice: undefined },
    { shape: { countryCode: 'GB', defaultPrice: null, minPrice: '0.03700000' } },
  ),
  readsCountry(
    'reads a lower-case country code in upper case',
    { ...GB, countryCode: 'gb' },
    {
      shape: { countryCode: 'GB' },
    },
  ),
  readsCountry(
    'drops a network that has no price and keeps the rest',
    { ...GB, networks: [{ networkCode: '23410' }, ...GB.networks] },
    { shape: { networks: [{ networkCode: '23415' }] } },
  ),
  ...(
    [
      [
        'no networks and no default price (not priced)',
        { countryCode: 'GB', countryName: 'United Kingdom', currency: 'EUR' },
      ],
      ['no country code', { countryName: 'Unknown', currency: 'EUR', networks: [] }],
      ['a code that is not two letters', { ...GB, countryCode: 'GBR' }],
    ] as const
  ).map(([what, body]) =>
    readsCountry(`reads an entry with ${what} as null`, body, { value: null }),
  ),
  {
    name: 'reads a country the upstream does not price as null, on the sms-transit path',
    call: (c) => c.pricing.getCountryPricing(PricingType.SMS_TRANSIT, 'AQ'),
    request: country('AQ', 'sms-transit'),
    replies: [{ status: 200, body: '{"countryCode":"AQ","currency":"EUR"}' }],
    expect: { value: null },
  },
  {
    name: 'reads one country in XML, a single network and a single range still lists',
    call: (c) => c.pricing.getCountryPricing(PricingType.VOICE, 'GB'),
    request: country('GB', 'voice'),
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0"?><pricing><countryCode>GB</countryCode><countryName>United Kingdom' +
          '</countryName><countryDisplayName>United Kingdom</countryDisplayName><currency>EUR' +
          '</currency><defaultPrice>0.03330000</defaultPrice><dialingPrefix>44</dialingPrefix>' +
          '<networks><network><type>mobile</type><price>0.03700000</price><currency>EUR</currency>' +
          '<mcc>234</mcc><mnc>15</mnc><networkCode>23415</networkCode><networkName>Vodafone' +
          '</networkName><ranges><range>447700</range></ranges></network></networks></pricing>',
      },
    ],
    expect: { value: GB_RECORD },
  },
  {
    name: 'reads the full catalogue with count as a string and skips unusable entries',
    call: (c) => c.pricing.getFullPricing(PricingType.SMS),
    request: FULL_SMS,
    replies: [
      {
        status: 200,
        body: {
          count: '3',
          countries: [
            GB,
            { countryName: 'Unknown', currency: 'EUR' },
            { countryCode: 'AQ', currency: 'EUR' },
          ],
        },
      },
    ],
    expect: { value: [GB_RECORD] },
  },
  {
    name: 'reads an XML catalogue with a single country, a single network and a single range',
    call: (c) => c.pricing.getFullPricing(PricingType.VOICE),
    request: { method: 'GET', path: '/account/get-full-pricing/outbound/voice', query: {} },
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0" encoding="UTF-8"?><response><count>1</count><countries><country>' +
          '<countryCode>GB</countryCode><currency>EUR</currency><defaultPrice>0.03330000' +
          '</defaultPrice><networks><network><type>mobile</type><price>0.03700000</price>' +
          '<mcc>234</mcc><mnc>15</mnc><networkCode>23415</networkCode><ranges><range>447700' +
          '</range></ranges></network></networks></country></countries></response>',
      },
    ],
    expect: {
      shape: [
        { countryCode: 'GB', networks: [{ price: '0.03700000', mcc: '234', ranges: ['447700'] }] },
      ],
    },
  },
  {
    name: 'reads an empty XML list (<countries/>) as no countries',
    call: (c) => c.pricing.getFullPricing(PricingType.SMS),
    request: FULL_SMS,
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body: '<?xml version="1.0"?><response><count>0</count><countries/></response>',
      },
    ],
    expect: { value: [] },
  },
  {
    name: 'reads {} from the catalogue endpoint as no countries',
    call: (c) => c.pricing.getFullPricing(PricingType.SMS),
    request: FULL_SMS,
    replies: [{ status: 200, body: '{}' }],
    expect: { value: [] },
  },
  {
    name: 'reads the catalogue on the voice path, count as a number',
    call: (c) => c.pricing.getFullPricing(PricingType.VOICE),
    request: { method: 'GET', path: '/account/get-full-pricing/outbound/voice', query: {} },
    replies: [{ status: 200, body: { count: 1, countries: [GB] } }],
    expect: { value: [GB_RECORD] },
  },
  {
    name: "reads pricing's own error shape ({currency, code}) inside HTTP 200 as a refusal",
    call: (c) => c.pricing.getCountryPricing(PricingType.SMS, 'GB'),
    request: country('GB'),
    replies: [
      {
        status: 200,
        body: { currency: 'EUR', code: '420', 'error-code-label': 'no pricing for this account' },
      },
    ],
    expect: {
      error: {
        kind: 'rejected',
        outcome: 'answered',
        status: 200,
        errorCode: '420',
        label: 'no pricing for this account',
      },
    },
  },
  {
    name: "reads pricing's 401 ({currency, code}) as unauthorized",
    call: (c) => c.pricing.getFullPricing(PricingType.SMS),
    request: FULL_SMS,
    replies: [
      {
        status: 401,
        body: { currency: 'EUR', code: '401', 'error-code-label': 'authentication failed' },
      },
    ],
    expect: {
      error: {
        kind: 'unauthorized',
        outcome: 'answered',
        status: 401,
        errorCode: '401',
        label: 'authentication failed',
      },
    },
  },
  {
    name: 'reads a BAD_REQUEST (error_title, invalid_parameters) as rejected, with the parameters',
    call: (c) => c.pricing.getCountryPricing(PricingType.SMS, 'GB'),
    request: country('GB'),
    replies: [
      {
        status: 400,
        body: {
          type: 'BAD_REQUEST',
          error_title: 'Bad Request',
          invalid_parameters: [{ name: 'country', reason: 'Is required.' }],
        },
      },
    ],
    expect: {
      error: {
        kind: 'rejected',
        outcome: 'answered',
        status: 400,
        errorCode: undefined,
        label: 'Bad Request',
        invalidParameters: [{ name: 'country', reason: 'Is required.' }],
      },
    },
  },
];
