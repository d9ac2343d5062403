import { accountCases } from './cases/account';
import { numbersCases } from './cases/numbers';
import {
  API_KEY,
  type ClientCase,
  ORIGIN,
  SECRET,
  type SeenRequest,
  expectRequest,
  runCase,
} from './harness';

/** The harness is only worth its cases if it fails them when they are wrong: these prove it. */
function recorded(cases: ClientCase[], name: string): ClientCase {
  const found = cases.find((testCase) => testCase.name === name);
  if (!found) throw new Error(`no recorded case named "${name}"`);
  return found;
}

const PAGE = recorded(
  numbersCases,
  'lists owned numbers with index as the 1-based page and size as the page size',
);
const BUY = recorded(
  numbersCases,
  'buys a number with country and msisdn only, no target_api_key when none is given',
);
const RETRIED = recorded(
  accountCases,
  'retries a read after 503 and 429 (honouring Retry-After) and succeeds on the third attempt',
);
const BALANCE = recorded(
  accountCases,
  'reads the balance with Basic auth, the money exact and nothing in the query',
);

describe('the client-case harness', () => {
  it('passes the recorded cases it is given here unchanged', async () => {
    for (const testCase of [PAGE, BUY, RETRIED, BALANCE]) await runCase(testCase);
  });

  it.each<[string, ClientCase]>([
    [
      'a query parameter that is sent but not expected',
      { ...PAGE, request: { ...PAGE.request, query: { country: 'GB', index: '2' } } },
    ],
    [
      'a query parameter that is expected but not sent',
      { ...PAGE, request: { ...PAGE.request, query: { ...PAGE.request.query, pattern: '44' } } },
    ],
    [
      'a form field that is sent but not expected',
      { ...BUY, request: { ...BUY.request, form: { country: 'GB' } } },
    ],
    [
      'a form field that is expected but not sent',
      { ...BUY, request: { ...BUY.request, form: { ...BUY.request.form, target_api_key: 'k' } } },
    ],
    [
      'a header with another value',
      { ...BALANCE, request: { ...BALANCE.request, headers: { accept: 'application/xml' } } },
    ],
    [
      'a recorded reply that is never asked for',
      { ...BUY, replies: [...BUY.replies, ...BUY.replies] },
    ],
    ['a retry more than there are replies', { ...RETRIED, replies: RETRIED.replies.slice(0, 2) }],
    ['another value', { ...BALANCE, expect: { value: { value: '10.1712750', autoReload: true } } }],
    ['a shape that does not match', { ...BALANCE, expect: { shape: { autoReload: false } } }],
    [
      'an error where a value comes',
      {
        ...BALANCE,
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
    ],
  ])('fails a case with %s', async (_what, broken) => {
    await expect(runCase(broken)).rejects.toThrow();
  });

  const basic = `Basic ${Buffer.from(`${API_KEY}:${SECRET}`).toString('base64')}`;
  const credentials = new URLSearchParams({ api_key: API_KEY, api_secret: SECRET }).toString();
  const seen = (target: string, headers: Record<string, string>, body?: string): SeenRequest => ({
    method: body === undefined ? 'GET' : 'POST',
    url: new URL(target, ORIGIN),
    headers: {
      accept: 'application/json',
      'user-agent': 'vonage-graphql-gateway/0.1.0',
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
    body,
  });
  const balance = { method: 'GET', path: '/account/get-balance', query: {} } as const;
  const topUp = { method: 'POST', path: '/account/top-up', form: { trx: 'a' } } as const;

  it('accepts credentials in exactly the place the auth mode says', () => {
    expectRequest(seen('/account/get-balance', { authorization: basic }), balance, 'basic');
    expectRequest(seen(`/account/get-balance?${credentials}`, {}), balance, 'query');
    expectRequest(seen('/account/top-up', {}, `trx=a&${credentials}`), topUp, 'query');
  });

  it.each<[string, SeenRequest, typeof balance | typeof topUp, 'basic' | 'query']>([
    [
      'a Basic request that also sends the credentials as parameters',
      seen(`/account/get-balance?${credentials}`, { authorization: basic }),
      balance,
      'basic',
    ],
    [
      'a query-mode request that also sends a Basic header',
      seen(`/account/get-balance?${credentials}`, { authorization: basic }),
      balance,
      'query',
    ],
    [
      'a query-mode POST with the credentials in its URL',
      seen(`/account/top-up?${credentials}`, {}, 'trx=a'),
      topUp,
      'query',
    ],
    [
      'a POST that is not form-encoded',
      seen(
        '/account/top-up',
        { authorization: basic, 'content-type': 'application/json' },
        'trx=a',
      ),
      topUp,
      'basic',
    ],
    [
      'a field sent twice',
      seen('/account/top-up', { authorization: basic }, 'trx=a&trx=a'),
      topUp,
      'basic',
    ],
  ])('fails %s', (_what, request, expected, auth) => {
    expect(() => expectRequest(request, expected, auth)).toThrow();
  });
});
