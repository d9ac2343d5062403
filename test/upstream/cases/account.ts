import { type ClientCase, type ExpectedRequest, TRACE_ID } from '../harness';

const BALANCE = '{"value": 10.17127500, "autoReload": true}';
const SETTINGS =
  '{"mo-callback-url":"https:\\/\\/a.example\\/mo","dr-callback-url":"","max-outbound-request":30,' +
  '"max-inbound-request":"30","max-calls-per-second":30}';
const SETTINGS_RECORD = {
  moCallbackUrl: 'https://a.example/mo',
  drCallbackUrl: null,
  maxOutboundRequestsPerSecond: 30,
  maxInboundRequestsPerSecond: 30,
  maxCallsPerSecond: 30,
};

const GET_BALANCE: ExpectedRequest = { method: 'GET', path: '/account/get-balance', query: {} };
const READ_SETTINGS: ExpectedRequest = { method: 'POST', path: '/account/settings', form: {} };
const TOP_UP: ExpectedRequest = { method: 'POST', path: '/account/top-up', form: { trx: 'abc' } };
const AUTH_FAILED = '{"error-code":"401","error-code-label":"authentication failed"}';

export const accountCases: ClientCase[] = [
  {
    name: 'reads the balance with Basic auth, the money exact and nothing in the query',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 200, body: BALANCE }],
    expect: { value: { value: '10.17127500', autoReload: true } },
  },
  {
    name: 'in query mode puts the credentials in the query of a GET and sends no Authorization',
    auth: 'query',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 200, body: BALANCE }],
    expect: { value: { value: '10.17127500', autoReload: true } },
  },
  {
    name: 'in query mode puts the credentials of a POST in its form body, not its URL',
    auth: 'query',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [{ status: 200, body: '{"error-code":"200","error-code-label":"success"}' }],
    expect: { value: { kind: 'succeeded' } },
  },
  {
    name: 'reads the settings with an empty form POST, a string limit and an empty URL as null',
    call: (c) => c.account.getSettings(),
    request: READ_SETTINGS,
    replies: [{ status: 200, body: SETTINGS }],
    expect: { value: SETTINGS_RECORD },
  },
  {
    name: 'form-encodes a settings change, omits the absent field and sends "" to clear one',
    call: (c) => c.account.updateSettings({ drCallbackUrl: '' }),
    request: { method: 'POST', path: '/account/settings', form: { drCallBackUrl: '' } },
    replies: [{ status: 200, body: SETTINGS }],
    expect: { value: SETTINGS_RECORD },
  },
  {
    name: 'sends both settings URLs under their upstream names (moCallBackUrl, drCallBackUrl)',
    call: (c) =>
      c.account.updateSettings({ moCallbackUrl: 'https://a.example/mo', drCallbackUrl: 'x' }),
    request: {
      method: 'POST',
      path: '/account/settings',
      form: { moCallBackUrl: 'https://a.example/mo', drCallBackUrl: 'x' },
    },
    replies: [{ status: 200, body: SETTINGS }],
    expect: { shape: { moCallbackUrl: 'https://a.example/mo' } },
  },
  {
    name: 'decodes an XML balance to the same values as JSON',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><accountBalance>' +
          '<value>3.50000000</value><autoReload>false</autoReload></accountBalance>',
      },
    ],
    expect: { value: { value: '3.50000000', autoReload: false } },
  },
  {
    name: 'decodes XML settings with kebab-case fields',
    call: (c) => c.account.getSettings(),
    request: READ_SETTINGS,
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0"?><account-settings><mo-callback-url>https://a.example/mo' +
          '</mo-callback-url><dr-callback-url></dr-callback-url><max-outbound-request>30' +
          '</max-outbound-request><max-inbound-request>30</max-inbound-request>' +
          '<max-calls-per-second>30</max-calls-per-second></account-settings>',
      },
    ],
    expect: { value: SETTINGS_RECORD },
  },
  {
    name: 'retries a read after 503 and 429 (honouring Retry-After) and succeeds on the third attempt',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [
      { status: 503 },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200, body: BALANCE },
    ],
    expect: { shape: { value: '10.17127500' } },
  },
  {
    name: 'gives up on a read after two retries, unavailable with the last status',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 500 }, { status: 502 }, { status: 503 }],
    expect: {
      error: {
        kind: 'unavailable',
        outcome: 'answered',
        status: 503,
        errorCode: undefined,
        label: undefined,
      },
    },
  },
  {
    name: 'does not retry a 429 whose Retry-After is beyond the longest wait, and keeps it',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 429, headers: { 'retry-after': '60' } }],
    expect: {
      error: {
        kind: 'rate_limited',
        outcome: 'answered',
        status: 429,
        errorCode: undefined,
        label: undefined,
        retryAfterSeconds: 60,
      },
    },
  },
  {
    name: 'retries the empty settings POST, which only reads, with the same empty body',
    call: (c) => c.account.getSettings(),
    request: READ_SETTINGS,
    replies: [{ status: 503 }, { status: 200, body: SETTINGS }],
    expect: { shape: { maxCallsPerSecond: 30 } },
  },
  {
    name: 'never retries a settings change after a 503, whose outcome is then unknown',
    call: (c) => c.account.updateSettings({ moCallbackUrl: 'https://a.example/mo' }),
    request: {
      method: 'POST',
      path: '/account/settings',
      form: { moCallBackUrl: 'https://a.example/mo' },
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
    name: 'never retries a top-up after a 503, whose outcome is then unknown',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
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
    name: 'never retries a top-up after a 429 either',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [{ status: 429, headers: { 'retry-after': '0' } }],
    expect: {
      error: {
        kind: 'rate_limited',
        outcome: 'answered',
        status: 429,
        errorCode: undefined,
        label: undefined,
      },
    },
  },
  {
    name: "maps top-up's HTTP 401 not auto-reload enabled to an outcome, not to bad credentials",
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [
      { status: 401, body: '{"error-code":"401","error-code-label":"not auto-reload enabled"}' },
    ],
    expect: {
      value: { kind: 'autoReloadNotEnabled', label: 'not auto-reload enabled', traceId: TRACE_ID },
    },
  },
  {
    name: 'turns a top-up refusal inside HTTP 200 (error-code 420) into a failed outcome',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [{ status: 200, body: '{"error-code":"420","error-code-label":"top-up failed"}' }],
    expect: { value: { kind: 'failed', label: 'top-up failed', traceId: TRACE_ID } },
  },
  {
    name: 'turns a top-up HTTP 420 into a failed outcome',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [{ status: 420, body: '{"error-code":"420","error-code-label":"method failed"}' }],
    expect: { value: { kind: 'failed', label: 'method failed', traceId: TRACE_ID } },
  },
  {
    name: "turns top-up's BAD_REQUEST (error_title, invalid_parameters) into a failed outcome",
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [
      {
        status: 400,
        body: {
          type: 'BAD_REQUEST',
          error_title: 'Bad Request',
          invalid_parameters: [{ name: 'trx', reason: 'Is required.' }],
        },
      },
    ],
    expect: { value: { kind: 'failed', label: 'Bad Request', traceId: TRACE_ID } },
  },
  {
    name: 'reports a top-up answered with bad credentials as unauthorized, not as a refusal',
    call: (c) => c.account.topUp('abc'),
    request: TOP_UP,
    replies: [{ status: 401, body: AUTH_FAILED }],
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
    name: 'reports rejected credentials as unauthorized with the trace id',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 401, body: AUTH_FAILED }],
    expect: {
      error: {
        kind: 'unauthorized',
        outcome: 'answered',
        status: 401,
        errorCode: '401',
        label: 'authentication failed',
        traceId: TRACE_ID,
      },
    },
  },
  {
    name: 'reads an RFC 7807 error (title and detail) as its label',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [
      {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          type: 'https://developer.nexmo.com/api-errors#unauthorized',
          title: 'Unauthorized',
          detail: 'Invalid credentials',
          instance: 'abc',
        },
      },
    ],
    expect: {
      error: {
        kind: 'unauthorized',
        outcome: 'answered',
        status: 401,
        errorCode: undefined,
        label: 'Unauthorized: Invalid credentials',
      },
    },
  },
  {
    name: 'reads an XML error body like a JSON one',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [
      {
        status: 401,
        headers: { 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0"?><accountBalance><error-code>401</error-code>' +
          '<error-code-label>authentication failed</error-code-label></accountBalance>',
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
    name: 'never puts the secret in an error, even in query mode, where the URL is redacted',
    auth: 'query',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 401, body: AUTH_FAILED }],
    expect: {
      error: {
        kind: 'unauthorized',
        outcome: 'answered',
        status: 401,
        errorCode: '401',
        label: 'authentication failed',
        url: expect.stringContaining('api_secret=***'),
      },
    },
  },
  ...[
    ['a body without the value field', '{"autoReload": true}', 'application/json'],
    ['an HTML page with status 200', '<html><body>oops', 'text/html'],
    ['a number where a boolean belongs', '{"value": 1, "autoReload": 7}', 'application/json'],
  ].map(([what, body, type]): ClientCase => ({
    name: `reports ${what} as bad_response instead of crashing`,
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [{ status: 200, body, headers: { 'content-type': type } }],
    expect: {
      error: {
        kind: 'bad_response',
        outcome: 'answered',
        status: 200,
        errorCode: undefined,
        label: undefined,
      },
    },
  })),
  {
    name: 'reads an HTML 502 from a proxy as the 5xx it is, and retries the read',
    call: (c) => c.account.getBalance(),
    request: GET_BALANCE,
    replies: [
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway' },
      { status: 200, body: BALANCE },
    ],
    expect: { shape: { autoReload: true } },
  },
];
