import {
  type OwnedFilter,
  type Paging,
  type SearchFilter,
} from '../../../src/numbers/numbers.client';
import { NumberFeature, NumberType, PatternMatch } from '../../../src/numbers/numbers.type';
import { type ClientCase, type ExpectedRequest } from '../harness';

const { SMS, VOICE, MMS } = NumberFeature;
const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const DASHBOARD_LABEL =
  'Numbers from this country can be requested from the Dashboard ' +
  '(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be ' +
  'provided before being purchased.';
const SUCCESS = '{"error-code":"200","error-code-label":"success"}';
const METHOD_FAILED = '{"error-code":"420","error-code-label":"method failed"}';

const owned = (query: Record<string, string>): ExpectedRequest => ({
  method: 'GET',
  path: '/account/numbers',
  query,
});
const search = (query: Record<string, string>): ExpectedRequest => ({
  method: 'GET',
  path: '/number/search',
  query,
});
const EMPTY_PAGE = { count: 0, numbers: [] };
const FIRST_PAGE = { page: 1, pageSize: 10 };

/** An owned number with an application, an inbound-SMS webhook and a voice callback. */
const LINKED_JSON = {
  country: 'GB',
  msisdn: '447700900000',
  moHttpUrl: 'https://example.com/webhooks/inbound-sms',
  type: 'mobile-lvn',
  features: ['VOICE', 'SMS'],
  messagesCallbackType: 'app',
  messagesCallbackValue: APP,
  voiceCallbackType: 'sip',
  voiceCallbackValue: 'sip:447700900000@sip.example.com',
  voiceStatusCallback: 'https://example.com/status',
  app_id: APP,
};
/** JSON as Vonage writes it, every slash escaped (`https:\/\/`). */
const vonageJson = (value: unknown): string => JSON.stringify(value).replace(/\//g, '\\/');

const LINKED = {
  msisdn: '447700900000',
  country: 'GB',
  type: NumberType.MOBILE_LVN,
  upstreamType: 'mobile-lvn',
  features: [SMS, VOICE],
  moHttpUrl: 'https://example.com/webhooks/inbound-sms',
  applicationId: APP,
  voiceCallback: { type: 'sip', value: 'sip:447700900000@sip.example.com' },
  voiceStatusCallback: 'https://example.com/status',
  messagesCallback: { type: 'app', value: APP },
};
const BARE = {
  msisdn: '14155550100',
  country: 'US',
  type: NumberType.LANDLINE,
  upstreamType: 'landline',
  features: [VOICE],
  moHttpUrl: null,
  applicationId: null,
  voiceCallback: null,
  voiceStatusCallback: null,
  messagesCallback: null,
};

/** listOwned's query for a filter and paging: each case names the whole query it must send. */
function ownedQuery(
  name: string,
  filter: OwnedFilter,
  paging: Paging,
  query: Record<string, string>,
): ClientCase {
  return {
    name,
    call: (c) => c.numbers.listOwned(filter, paging),
    request: owned(query),
    replies: [{ status: 200, body: '{}' }],
    expect: { value: EMPTY_PAGE },
  };
}

function searchQuery(
  name: string,
  filter: SearchFilter,
  query: Record<string, string>,
): ClientCase {
  return {
    name,
    call: (c) => c.numbers.search(filter, FIRST_PAGE),
    request: search(query),
    replies: [{ status: 200, body: '{}' }],
    expect: { value: EMPTY_PAGE },
  };
}

const XML = { 'content-type': 'application/xml' };

export const numbersCases: ClientCase[] = [
  ownedQuery(
    'lists owned numbers with index as the 1-based page and size as the page size',
    { country: 'GB' },
    { page: 2, pageSize: 100 },
    { country: 'GB', index: '2', size: '100' },
  ),
  ownedQuery('sends no filter parameter that was not given', {}, FIRST_PAGE, {
    index: '1',
    size: '10',
  }),
  ownedQuery(
    'sends a pattern with search_pattern 0 (starts with) when no match kind is given',
    { pattern: '4477' },
    FIRST_PAGE,
    { pattern: '4477', search_pattern: '0', index: '1', size: '10' },
  ),
  ...(
    [
      [PatternMatch.STARTS_WITH, '0'],
      [PatternMatch.CONTAINS, '1'],
      [PatternMatch.ENDS_WITH, '2'],
    ] as const
  ).map(([patternMatch, code]) =>
    ownedQuery(
      `sends ${patternMatch} as search_pattern ${code}`,
      { pattern: '0100', patternMatch },
      FIRST_PAGE,
      { pattern: '0100', search_pattern: code, index: '1', size: '10' },
    ),
  ),
  ownedQuery(
    'sends no search_pattern without a pattern',
    { patternMatch: PatternMatch.ENDS_WITH },
    FIRST_PAGE,
    { index: '1', size: '10' },
  ),
  ...[true, false].map((hasApplication) =>
    ownedQuery(`sends has_application=${hasApplication}`, { hasApplication }, FIRST_PAGE, {
      has_application: String(hasApplication),
      index: '1',
      size: '10',
    }),
  ),
  ownedQuery(
    'sends application_id for the numbers of one application',
    { applicationId: APP, country: 'US' },
    FIRST_PAGE,
    { application_id: APP, country: 'US', index: '1', size: '10' },
  ),
  {
    name: 'reads owned numbers in JSON: webhooks, callbacks, app_id and features in canonical order',
    call: (c) => c.numbers.listOwned({}, FIRST_PAGE),
    request: owned({ index: '1', size: '10' }),
    replies: [
      {
        status: 200,
        body: vonageJson({
          count: 2,
          numbers: [
            LINKED_JSON,
            { country: 'US', msisdn: '14155550100', type: 'landline', features: ['VOICE'] },
          ],
        }),
      },
    ],
    expect: { value: { count: 2, numbers: [LINKED, BARE] } },
  },
  {
    name: 'reads {} as an empty page: count 0, no numbers',
    call: (c) => c.numbers.listOwned({}, { page: 9, pageSize: 10 }),
    request: owned({ index: '9', size: '10' }),
    replies: [{ status: 200, body: '{}' }],
    expect: { value: EMPTY_PAGE },
  },
  {
    name: 'reads count as a string, and keeps it when it is more than the page holds',
    call: (c) => c.numbers.search({ country: 'US' }, { page: 1, pageSize: 1 }),
    request: search({ country: 'US', index: '1', size: '1' }),
    replies: [
      {
        status: 200,
        body: {
          count: '42',
          numbers: [
            {
              country: 'US',
              msisdn: '14155550100',
              type: 'landline',
              cost: '0.90',
              features: ['VOICE', 'SMS'],
            },
          ],
        },
      },
    ],
    expect: {
      value: {
        count: 42,
        numbers: [
          {
            msisdn: '14155550100',
            country: 'US',
            type: NumberType.LANDLINE,
            upstreamType: 'landline',
            features: [SMS, VOICE],
            monthlyCost: '0.90',
          },
        ],
      },
    },
  },
  {
    name: 'reads owned numbers in XML: repeated <numbers>, kebab-case fields, <features><feature>',
    call: (c) => c.numbers.listOwned({}, FIRST_PAGE),
    request: owned({ index: '1', size: '10' }),
    replies: [
      {
        status: 200,
        headers: XML,
        body:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<inbound-numbers>' +
          '<count>2</count><numbers><country>GB</country><msisdn>447700900000</msisdn>' +
          '<mo-http-url>https://example.com/webhooks/inbound-sms</mo-http-url>' +
          '<type>mobile-lvn</type><features><feature>VOICE</feature><feature>SMS</feature>' +
          `</features><messages-callback-type>app</messages-callback-type><messages-callback-value>${APP}` +
          '</messages-callback-value><voice-callback-type>sip</voice-callback-type>' +
          '<voice-callback-value>sip:447700900000@sip.example.com</voice-callback-value>' +
          '<voice-status-callback>https://example.com/status</voice-status-callback>' +
          `<app-id>${APP}</app-id></numbers><numbers><country>US</country>` +
          '<msisdn>14155550100</msisdn><type>landline</type><features><feature>VOICE</feature>' +
          '</features></numbers></inbound-numbers>',
      },
    ],
    expect: { value: { count: 2, numbers: [LINKED, BARE] } },
  },
  {
    name: 'reads a single XML <numbers> record as a page of one',
    call: (c) => c.numbers.listOwned({ country: 'US' }, FIRST_PAGE),
    request: owned({ country: 'US', index: '1', size: '10' }),
    replies: [
      {
        status: 200,
        headers: XML,
        body:
          '<?xml version="1.0"?><inbound-numbers><count>1</count><numbers><country>US</country>' +
          '<msisdn>14155550100</msisdn><type>landline</type><features><feature>VOICE</feature>' +
          '</features></numbers></inbound-numbers>',
      },
    ],
    expect: { value: { count: 1, numbers: [BARE] } },
  },
  {
    name: 'reads an empty XML page (<inbound-numbers/>) as count 0, no numbers',
    call: (c) => c.numbers.listOwned({}, { page: 3, pageSize: 10 }),
    request: owned({ index: '3', size: '10' }),
    replies: [{ status: 200, headers: XML, body: '<?xml version="1.0"?><inbound-numbers/>' }],
    expect: { value: EMPTY_PAGE },
  },
  searchQuery(
    'searches with features sent in canonical order: [VOICE, SMS] → SMS,VOICE',
    { country: 'GB', features: [VOICE, SMS] },
    { country: 'GB', features: 'SMS,VOICE', index: '1', size: '10' },
  ),
  searchQuery(
    'searches with features sent in canonical order: [VOICE, MMS, SMS] → SMS,MMS,VOICE',
    { country: 'GB', features: [VOICE, MMS, SMS] },
    { country: 'GB', features: 'SMS,MMS,VOICE', index: '1', size: '10' },
  ),
  searchQuery(
    'searches with features sent in canonical order: [MMS, VOICE, MMS] → VOICE,MMS',
    { country: 'GB', features: [MMS, VOICE, MMS] },
    { country: 'GB', features: 'VOICE,MMS', index: '1', size: '10' },
  ),
  searchQuery(
    'sends no features parameter for an empty list',
    { country: 'GB', features: [] },
    { country: 'GB', index: '1', size: '10' },
  ),
  ...(
    [
      [NumberType.MOBILE_LVN, 'mobile-lvn'],
      [NumberType.LANDLINE, 'landline'],
      [NumberType.LANDLINE_TOLL_FREE, 'landline-toll-free'],
    ] as const
  ).map(([type, upstream]) =>
    searchQuery(
      `searches type ${type} under its upstream spelling ${upstream}`,
      { country: 'US', type },
      { country: 'US', type: upstream, index: '1', size: '10' },
    ),
  ),
  searchQuery(
    'searches with a pattern, its match kind and every filter at once',
    {
      country: 'GB',
      type: NumberType.MOBILE_LVN,
      features: [SMS],
      pattern: '7700',
      patternMatch: PatternMatch.CONTAINS,
    },
    {
      country: 'GB',
      type: 'mobile-lvn',
      features: 'SMS',
      pattern: '7700',
      search_pattern: '1',
      index: '1',
      size: '10',
    },
  ),
  {
    name: "reads search results in XML, the older type 'mobile' as MOBILE_LVN, an unknown type as OTHER",
    call: (c) => c.numbers.search({ country: 'GB' }, FIRST_PAGE),
    request: search({ country: 'GB', index: '1', size: '10' }),
    replies: [
      {
        status: 200,
        headers: XML,
        body:
          '<?xml version="1.0"?><inbound-numbers><count>2</count><numbers><country>GB</country>' +
          '<msisdn>447700900001</msisdn><type>mobile</type><cost>1.25</cost><features>' +
          '<feature>SMS</feature></features></numbers><numbers><country>gb</country>' +
          '<msisdn>448000000001</msisdn><type>shared-cost</type><cost>2.00</cost><features>' +
          '<feature>MMS</feature><feature>VOICE</feature></features></numbers></inbound-numbers>',
      },
    ],
    expect: {
      value: {
        count: 2,
        numbers: [
          {
            msisdn: '447700900001',
            country: 'GB',
            type: NumberType.MOBILE_LVN,
            upstreamType: 'mobile',
            features: [SMS],
            monthlyCost: '1.25',
          },
          {
            msisdn: '448000000001',
            country: 'GB',
            type: NumberType.OTHER,
            upstreamType: 'shared-cost',
            features: [VOICE, MMS],
            monthlyCost: '2.00',
          },
        ],
      },
    },
  },
  {
    name: 'reports a listed number without its msisdn as bad_response',
    call: (c) => c.numbers.listOwned({}, FIRST_PAGE),
    request: owned({ index: '1', size: '10' }),
    replies: [{ status: 200, body: { count: 1, numbers: [{ country: 'GB', type: 'landline' }] } }],
    expect: {
      error: {
        kind: 'bad_response',
        outcome: 'answered',
        status: 200,
        errorCode: undefined,
        label: undefined,
      },
    },
  },
  {
    name: 'retries a list read after a 503',
    call: (c) => c.numbers.listOwned({}, FIRST_PAGE),
    request: owned({ index: '1', size: '10' }),
    replies: [{ status: 503 }, { status: 200, body: '{}' }],
    expect: { value: EMPTY_PAGE },
  },
  {
    name: 'buys a number with country and msisdn only, no target_api_key when none is given',
    call: (c) => c.numbers.buy({ country: 'GB', msisdn: '447700900001' }),
    request: {
      method: 'POST',
      path: '/number/buy',
      form: { country: 'GB', msisdn: '447700900001' },
    },
    replies: [{ status: 200, body: SUCCESS }],
    expect: { value: undefined },
  },
  {
    name: "buys a sub-account's number with target_api_key, in query mode with the credentials in the form",
    auth: 'query',
    call: (c) => c.numbers.buy({ country: 'GB', msisdn: '447700900001', targetApiKey: 'sub1' }),
    request: {
      method: 'POST',
      path: '/number/buy',
      form: { country: 'GB', msisdn: '447700900001', target_api_key: 'sub1' },
    },
    replies: [{ status: 200, body: SUCCESS }],
    expect: { value: undefined },
  },
  {
    name: 'reports a 420 on buy as rejected with the Dashboard label',
    call: (c) => c.numbers.buy({ country: 'DE', msisdn: '4915700000001' }),
    request: {
      method: 'POST',
      path: '/number/buy',
      form: { country: 'DE', msisdn: '4915700000001' },
    },
    replies: [{ status: 420, body: { 'error-code': '420', 'error-code-label': DASHBOARD_LABEL } }],
    expect: {
      error: {
        kind: 'rejected',
        outcome: 'answered',
        status: 420,
        errorCode: '420',
        label: DASHBOARD_LABEL,
      },
    },
  },
  {
    name: 'reports a buy refused inside HTTP 200 (error-code 420) as rejected',
    call: (c) => c.numbers.buy({ country: 'GB', msisdn: '447700900001' }),
    request: {
      method: 'POST',
      path: '/number/buy',
      form: { country: 'GB', msisdn: '447700900001' },
    },
    replies: [{ status: 200, body: METHOD_FAILED }],
    expect: {
      error: {
        kind: 'rejected',
        outcome: 'answered',
        status: 200,
        errorCode: '420',
        label: 'method failed',
      },
    },
  },
  {
    name: 'never retries a buy after a 503, whose outcome is then unknown',
    call: (c) => c.numbers.buy({ country: 'GB', msisdn: '447700900001' }),
    request: {
      method: 'POST',
      path: '/number/buy',
      form: { country: 'GB', msisdn: '447700900001' },
    },
    replies: [{ status: 503 }],
    expect: {
      error: {
        kind: 'unavailable',
        outcome: 'unknown',
        status: 503,
        errorCode: undefined,
        label: undefined,
      },
    },
  },
  {
    name: 'cancels a number with country, msisdn and target_api_key',
    call: (c) => c.numbers.cancel({ country: 'GB', msisdn: '447700900000', targetApiKey: 'sub1' }),
    request: {
      method: 'POST',
      path: '/number/cancel',
      form: { country: 'GB', msisdn: '447700900000', target_api_key: 'sub1' },
    },
    replies: [{ status: 200, body: SUCCESS }],
    expect: { value: undefined },
  },
  {
    name: 'reports a cancel of a number not owned (420 method failed) as rejected',
    call: (c) => c.numbers.cancel({ country: 'GB', msisdn: '447700900009' }),
    request: {
      method: 'POST',
      path: '/number/cancel',
      form: { country: 'GB', msisdn: '447700900009' },
    },
    replies: [{ status: 420, body: METHOD_FAILED }],
    expect: {
      error: {
        kind: 'rejected',
        outcome: 'answered',
        status: 420,
        errorCode: '420',
        label: 'method failed',
      },
    },
  },
  {
    name: 'updates a number with app_id, moHttpUrl, voiceCallbackType/Value and voiceStatusCallback',
    call: (c) =>
      c.numbers.update({
        country: 'GB',
        msisdn: '447700900000',
        applicationId: APP,
        moHttpUrl: 'https://example.com/mo',
        voiceCallback: { type: 'tel', value: '447700900111' },
        voiceStatusCallback: 'https://example.com/status',
      }),
    request: {
      method: 'POST',
      path: '/number/update',
      form: {
        country: 'GB',
        msisdn: '447700900000',
        app_id: APP,
        moHttpUrl: 'https://example.com/mo',
        voiceCallbackType: 'tel',
        voiceCallbackValue: '447700900111',
        voiceStatusCallback: 'https://example.com/status',
      },
    },
    replies: [{ status: 200, body: SUCCESS }],
    expect: { value: undefined },
  },
  {
    name: 'updates only what is given, sending moHttpUrl "" to remove the webhook',
    call: (c) => c.numbers.update({ country: 'GB', msisdn: '447700900000', moHttpUrl: '' }),
    request: {
      method: 'POST',
      path: '/number/update',
      form: { country: 'GB', msisdn: '447700900000', moHttpUrl: '' },
    },
    replies: [{ status: 200, body: SUCCESS }],
    expect: { value: undefined },
  },
  {
    name: 'never retries an update after a 502, whose outcome is then unknown',
    call: (c) => c.numbers.update({ country: 'GB', msisdn: '447700900000', applicationId: APP }),
    request: {
      method: 'POST',
      path: '/number/update',
      form: { country: 'GB', msisdn: '447700900000', app_id: APP },
    },
    replies: [{ status: 502 }],
    expect: {
      error: {
        kind: 'unavailable',
        outcome: 'unknown',
        status: 502,
        errorCode: undefined,
        label: undefined,
      },
    },
  },
];
