import { ResponseCache } from '../../src/http/response-cache';
import { ANONYMOUS, OPEN_ACCESS } from '../../src/auth/caller';
import { bearer, postGraphql, tokenEntry } from '../helpers/auth';
import { pricingCalls, routeCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { until } from '../helpers/wait';

const PRICES =
  '{ pricings(countries: ["GB", "DE"], types: [SMS]) { countryCode asOf stale minPrice } }';
const PRICER = 'response-cache-pricer-0123456789abcdef';
const ACCOUNTANT = 'response-cache-accountant-0123456789ab';

async function raw(gateway: TestGateway, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { text: await response.text(), cacheControl: response.headers.get('cache-control') };
}

describe('whole answers sent again while their prices are fresh', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      API_TOKENS: [
        tokenEntry('pricer', PRICER, ['pricing:read']),
        tokenEntry('accountant', ACCOUNTANT, ['account:read']),
      ].join(','),
      BALANCE_TTL_MS: '0',
      RESPONSE_CACHE_MB: '32',
    });
  });
  afterAll(() => gateway.close());

  it('answers a repeated price query byte for byte without running it', async () => {
    const cache = gateway.app.responseCache;
    const first = await raw(gateway, PRICES, bearer(PRICER));
    const hits = cache.hits;
    const second = await raw(gateway, PRICES, bearer(PRICER));
    expect(cache.hits).toBe(hits + 1);
    // The same bytes: asOf and stale are the data's, as when it was first answered.
    expect(second.text).toBe(first.text);
    expect(JSON.parse(second.text).data.pricings[0]).toMatchObject({ stale: false });
    expect(second.cacheControl).toMatch(/^private, max-age=\d+$/);
    expect(pricingCalls(gateway.simulator!)).toBe(1);
  });

  it('runs a cold burst of identical price queries once: the others wait for its answer', async () => {
    const cache = gateway.app.responseCache;
    const burst = '{ pricing(country: "FR", type: VOICE) { countryCode asOf } }';
    const hits = cache.hits;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => raw(gateway, burst, bearer(PRICER))),
    );
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(JSON.parse(answers[0].text).data.pricing.countryCode).toBe('FR');
    expect(cache.hits).toBe(hits + 19);
  });

  it('hands identical balance requests arriving meanwhile the answer made for the first, keeping none', async () => {
    const cache = gateway.app.responseCache;
    const { hits, shares } = cache;
    const balance = '{ account { balance { value } } }';
    const before = routeCalls(gateway.simulator!, 'GET /account/get-balance');
    // The first one's upstream call is slow enough for the others to arrive while it is made.
    gateway.simulator!.faults.latency(300);
    try {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => raw(gateway, balance, bearer(ACCOUNTANT))),
      );
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(JSON.parse(answers[0].text).data.account.balance.value).toMatch(/^\d+\.\d+$/);
      for (const answer of answers) expect(answer.cacheControl).toBe('no-store');
    } finally {
      gateway.simulator!.faults.latency(0);
    }
    expect(cache.shares).toBe(shares + 4);
    expect(cache.hits).toBe(hits);
    expect(routeCalls(gateway.simulator!, 'GET /account/get-balance')).toBe(before + 1);
    // Nothing was kept: the next one asks Vonage again (BALANCE_TTL_MS=0).
    await raw(gateway, balance, bearer(ACCOUNTANT));
    expect(routeCalls(gateway.simulator!, 'GET /account/get-balance')).toBe(before + 2);
  });

  it('never hands one caller’s answer to a caller with other rights', async () => {
    await raw(gateway, PRICES, bearer(PRICER));
    const other = await postGraphql(gateway.url, { query: PRICES }, bearer(ACCOUNTANT));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps nothing that is read live or fails: balances and errors run every time', async () => {
    const cache = gateway.app.responseCache;
    const hits = cache.hits;
    const balance = '{ account { balance { value } } }';
    const before = routeCalls(gateway.simulator!, 'GET /account/get-balance');
    await raw(gateway, balance, bearer(ACCOUNTANT));
    await raw(gateway, balance, bearer(ACCOUNTANT));
    expect(routeCalls(gateway.simulator!, 'GET /account/get-balance')).toBe(before + 2);
    const refused = '{ pricing(country: "GB") { countryCode } }';
    await raw(gateway, refused, bearer(ACCOUNTANT));
    await raw(gateway, refused, bearer(ACCOUNTANT));
    expect(cache.hits).toBe(hits);
  });

  it('runs a query whose answer carried an error again, never replaying it', async () => {
    const cache = gateway.app.responseCache;
    const { hits, shares } = cache;
    const partial =
      '{ pricing(country: "GB", type: SMS) { countryCode } bad: pricing(country: "ZZ", type: SMS) { countryCode } }';
    const answers = [await raw(gateway, partial, bearer(PRICER))];
    answers.push(await raw(gateway, partial, bearer(PRICER)));
    for (const answer of answers) {
      const { data, errors } = JSON.parse(answer.text);
      expect(data).toEqual({ pricing: { countryCode: 'GB' }, bad: null });
      expect(errors[0]).toMatchObject({ path: ['bad'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(answer.cacheControl).toBe('no-store');
    }
    // Neither kept (a hit) nor handed on (a share): the second one ran.
    expect([cache.hits, cache.shares]).toEqual([hits, shares]);
  });

  it('hands no answer that carried an error to identical requests waiting on it: they run themselves', async () => {
    const cache = gateway.app.responseCache;
    const simulator = gateway.simulator!;
    const { hits, shares } = cache;
    const query = '{ pricing(country: "ES", type: SMS_TRANSIT) { countryCode } }';
    // The first one's call fails, slowly enough for the others to arrive while it is made.
    simulator.faults.failNext(1, {
      status: 420,
      body: JSON.stringify({ 'error-code': '420', 'error-code-label': 'method failed' }),
    });
    simulator.faults.latency(300);
    try {
      const answers = await Promise.all(
        Array.from({ length: 3 }, async () =>
          JSON.parse((await raw(gateway, query, bearer(PRICER))).text),
        ),
      );
      expect(answers.find((answer) => answer.errors)?.errors).toMatchObject([
        { path: ['pricing'] },
      ]);
      expect(answers.some((answer) => answer.data?.pricing?.countryCode === 'ES')).toBe(true);
    } finally {
      simulator.faults.latency(0);
    }
    expect([cache.hits, cache.shares]).toEqual([hits, shares]);
  });

  it('asks Vonage again for a price whose first answer failed', async () => {
    const simulator = gateway.simulator!;
    // GB's price is fresh (an answer of it alone is kept); IT's is not read yet, alone or in a
    // catalogue: its first call is the one that fails.
    const query =
      '{ gb: pricing(country: "GB", type: SMS) { countryCode } it: pricing(country: "IT", type: VOICE) { countryCode } }';
    const calls = pricingCalls(simulator);
    simulator.faults.failNext(1, {
      status: 420,
      body: JSON.stringify({ 'error-code': '420', 'error-code-label': 'method failed' }),
    });
    const failed = JSON.parse((await raw(gateway, query, bearer(PRICER))).text);
    expect(failed.errors).toMatchObject([{ path: ['it'] }]);
    const again = JSON.parse((await raw(gateway, query, bearer(PRICER))).text);
    expect(again).toEqual({ data: { gb: { countryCode: 'GB' }, it: { countryCode: 'IT' } } });
    expect(pricingCalls(simulator)).toBe(calls + 2);
  });
});

describe('answers under way are not handed on past a mutation', () => {
  let gateway: TestGateway;
  const OWNED = '{ ownedNumbers(pageSize: 5) { totalCount nodes { msisdn } } }';
  const SETTINGS =
    'mutation { updateSettings(input: { moCallbackUrl: "https://example.com/mo" }) { __typename } }';

  beforeAll(async () => {
    // Each list is read from Vonage, one call a second: the second list waits ~1 s for its slot.
    gateway = await startGateway({
      RESPONSE_CACHE_MB: '32',
      NUMBERS_TTL_MS: '0',
      // A list call given up is an error, not the last list served stale.
      NUMBERS_STALE_IF_ERROR_MS: '0',
      NUMBERS_RATE_PER_SECOND: '1',
    });
  });
  afterAll(() => gateway.close());

  /** A list whose upstream call waits for its slot, and a second one sent while it waits. */
  async function listTwice(between: () => Promise<unknown>) {
    await gateway.graphql(OWNED); // takes this second's slot
    const first = raw(gateway, OWNED);
    // (A boolean: `until` would otherwise wait for the promise it found.)
    await until(
      () => gateway.app.responseCache.underway(keyOf(OWNED)) !== undefined,
      'the first list under way',
    );
    await between();
    const second = raw(gateway, OWNED);
    return Promise.all([first, second]);
  }
  const keyOf = (query: string) => gateway.app.responseCache.keyOf({ query }, OPEN_ACCESS)!;

  it('hands the answer under way to an identical request while nothing changed', async () => {
    const { shares } = gateway.app.responseCache;
    const [first, second] = await listTwice(async () => undefined);
    expect(second.text).toBe(first.text);
    expect(gateway.app.responseCache.shares).toBe(shares + 1);
  });

  it('still makes the answer for a request waiting on it when the first caller has gone', async () => {
    const cache = gateway.app.responseCache;
    const { shares } = cache;
    await gateway.graphql(OWNED); // takes this second's slot
    const gone = new AbortController();
    const first = fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: OWNED }),
      signal: gone.signal,
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    await until(() => cache.underway(keyOf(OWNED)) !== undefined, 'the first list under way');
    const second = raw(gateway, OWNED);
    await until(() => cache.waiters(keyOf(OWNED)) === 1, 'the second request waiting');
    gone.abort();
    expect(await first).toBe('AbortError');
    // The first caller's list call, still queued for its slot, was not given up: the second
    // request got the answer it waited for instead of starting again.
    expect(JSON.parse((await second).text).data.ownedNumbers.totalCount).toBeGreaterThan(0);
    expect(cache.shares).toBe(shares + 1);
  });

  it('runs a request arriving after a mutation finished itself, not joining one begun before', async () => {
    const { shares } = gateway.app.responseCache;
    const [first, second] = await listTwice(async () => {
      const result = await gateway.graphql<{ updateSettings: { __typename: string } }>(SETTINGS);
      expect(result.data?.updateSettings.__typename).toBe('SettingsUpdated');
    });
    expect(JSON.parse(first.text).data.ownedNumbers.totalCount).toBeGreaterThan(0);
    expect(JSON.parse(second.text).data.ownedNumbers).toBeTruthy();
    expect(gateway.app.responseCache.shares).toBe(shares);
  });
});

describe('a read arriving after a top-up, however the mutation is spelled', () => {
  let gateway: TestGateway;
  const READ = '{ account { balance { value } } ownedNumbers(pageSize: 5) { totalCount } }';
  const TOP_UP = 'topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename }';

  beforeAll(async () => {
    // The read's list waits ~1 s for its Numbers slot: the top-up finishes meanwhile.
    gateway = await startGateway({
      RESPONSE_CACHE_MB: '32',
      BALANCE_TTL_MS: '0',
      NUMBERS_TTL_MS: '0',
      NUMBERS_RATE_PER_SECOND: '1',
    });
  });
  afterAll(() => gateway.close());

  it.each<[string, { query: string; operationName?: string }]>([
    ['with a comma after the keyword', { query: `mutation,{ ${TOP_UP} }` }],
    ['with a comment after the keyword', { query: `mutation#c\n{ ${TOP_UP} }` }],
    [
      'as the operation operationName picks',
      {
        query: `query Read { account { balance { value } } }\nmutation#c\nPay { ${TOP_UP} }`,
        operationName: 'Pay',
      },
    ],
  ])('sees the new balance after a top-up sent %s', async (_, topUp) => {
    const cache = gateway.app.responseCache;
    const simulator = gateway.simulator!;
    const { shares } = cache;
    await gateway.graphql('{ ownedNumbers(pageSize: 1) { totalCount } }'); // this second's slot
    const balanceReads = routeCalls(simulator, 'GET /account/get-balance');
    const first = raw(gateway, READ);
    // Its balance is read (before the top-up) while its list waits for a slot.
    await until(
      () =>
        routeCalls(simulator, 'GET /account/get-balance') > balanceReads &&
        cache.underway(cache.keyOf({ query: READ }, OPEN_ACCESS)!) !== undefined,
      'the first read under way, its balance read',
    );
    const paid = await postGraphql(gateway.url, topUp);
    expect(paid.data).toEqual({ topUp: { __typename: 'TopUpSucceeded' } });
    const [before, after] = (await Promise.all([first, raw(gateway, READ)])).map(
      (answer) => JSON.parse(answer.text).data.account.balance.value as string,
    );
    // Decimal strings with 8 places: compared as whole units of 10⁻⁸, never as floats.
    const units = (value: string) => BigInt(value.replace('.', ''));
    expect(units(after) - units(before)).toBe(50n * 10n ** 8n);
    expect(cache.shares).toBe(shares);
  });
});

describe('the response cache itself', () => {
  it('reuses an answer only while at least a second of its freshness is left', () => {
    const cache = new ResponseCache(1024 * 1024);
    const key = cache.keyOf({ query: '{ a }' }, OPEN_ACCESS)!;
    cache.set(key, '{"data":{}}', 10_000);
    expect(cache.get(key, 8_000)).toEqual({ body: Buffer.from('{"data":{}}'), until: 10_000 });
    expect(cache.get(key, 9_500)).toBeUndefined();
  });

  it('keys by document, operation name and variables', () => {
    const cache = new ResponseCache(1024);
    const keys = new Set([
      cache.keyOf({ query: '{ a }' }, OPEN_ACCESS),
      cache.keyOf({ query: '{ a }', operationName: 'A' }, OPEN_ACCESS),
      cache.keyOf({ query: '{ a }', variables: { x: 1 } }, OPEN_ACCESS),
      cache.keyOf({ query: '{ b }' }, OPEN_ACCESS),
    ]);
    expect(keys.size).toBe(4);
  });

  it('keys an anonymous caller apart from a token without scopes, and tokens by their scopes', () => {
    const cache = new ResponseCache(1024);
    const token = (scopes: string[]) => ({
      caller: { id: 't', kind: 'token' as const, scopes: new Set(scopes) },
      enforced: true,
    });
    const keys = new Set([
      cache.keyOf({ query: '{ a }' }, { caller: ANONYMOUS, enforced: true }),
      cache.keyOf({ query: '{ a }' }, token([])),
      cache.keyOf({ query: '{ a }' }, token(['pricing:read'])),
      cache.keyOf({ query: '{ a }' }, OPEN_ACCESS),
    ]);
    expect(keys.size).toBe(4);
    expect(cache.keyOf({ query: '{ a }' }, token(['b', 'a']))).toBe(
      cache.keyOf({ query: '{ a }' }, token(['a', 'b'])),
    );
  });

  it('keys no document with a mutation', () => {
    const cache = new ResponseCache(1024);
    expect(
      cache.keyOf({ query: 'mutation { topUp(input: {trx: "x"}) { __typename } }' }, OPEN_ACCESS),
    ).toBeUndefined();
    expect(
      cache.keyOf({ query: 'query A { a }\nmutation B($k: String) { b }' }, OPEN_ACCESS),
    ).toBeUndefined();
    expect(
      cache.keyOf({ query: '{ pricing(country: "GB") { countryCode } }' }, OPEN_ACCESS),
    ).toBeDefined();
  });

  it('lets nobody wait on a key whose last answer had errors, until one without errors', () => {
    const cache = new ResponseCache(1024);
    const key = cache.keyOf({ query: '{ a }' }, OPEN_ACCESS)!;
    cache.begin(key).finish(); // an answer with errors
    const second = cache.begin(key);
    expect(cache.underway(key)).toBeUndefined();
    second.finish({ body: '{"data":{"a":1}}' });
    cache.begin(key);
    expect(cache.underway(key)).toBeDefined();
  });

  it('lets nobody join an answer begun before a mutation finished; a new one may begin', () => {
    const cache = new ResponseCache(1024);
    const key = cache.keyOf({ query: '{ a }' }, OPEN_ACCESS)!;
    const before = cache.begin(key);
    expect(cache.underway(key)).toBeDefined();
    cache.changed();
    expect(cache.underway(key)).toBeUndefined();
    const after = cache.begin(key);
    expect(cache.join(key)).toBeDefined();
    expect(after.awaited()).toBe(true);
    expect(before.awaited()).toBe(false);
  });

  it('counts a mutation in a batch as a mutation', () => {
    const cache = new ResponseCache(1024);
    expect(cache.isMutation([{ query: '{ a }' }, { query: 'mutation { b }' }])).toBe(true);
    expect(cache.isMutation([{ query: '{ a }' }])).toBe(false);
  });

  it.each([
    ['a comma after the keyword', 'mutation,{ topUp }'],
    ['a comment after the keyword', 'mutation#c\n{ topUp }'],
    ['a byte order mark before it, a tab after', '\ufeffmutation\t{ topUp }'],
    ['commas around its name', 'mutation,Pay,{ topUp }'],
  ])('knows a mutation from the parsed document: %s', (_, query) => {
    const cache = new ResponseCache(1024);
    expect(cache.isMutation({ query })).toBe(true);
    expect(cache.keyOf({ query }, OPEN_ACCESS)).toBeUndefined();
  });

  it('takes the operation operationName picks from a document of several', () => {
    const cache = new ResponseCache(1024);
    const query = 'query Read { a }\nmutation#c\nPay { b }';
    expect(cache.isMutation({ query, operationName: 'Pay' })).toBe(true);
    expect(cache.keyOf({ query, operationName: 'Pay' }, OPEN_ACCESS)).toBeUndefined();
    expect(cache.isMutation({ query, operationName: 'Read' })).toBe(false);
    expect(cache.keyOf({ query, operationName: 'Read' }, OPEN_ACCESS)).toBeDefined();
    // Without a name graphql-js runs neither, nor with a name the document lacks.
    expect(cache.keyOf({ query }, OPEN_ACCESS)).toBeUndefined();
    expect(cache.keyOf({ query, operationName: 'Other' }, OPEN_ACCESS)).toBeUndefined();
  });

  it('keys a query whose text merely mentions a mutation', () => {
    const cache = new ResponseCache(1024);
    const query = '{ pricing(country: "GB", note: " mutation {") { countryCode } }';
    expect(cache.isMutation({ query })).toBe(false);
    expect(cache.keyOf({ query }, OPEN_ACCESS)).toBeDefined();
  });

  it('keys no document that does not parse, nor one above the token limit', () => {
    const cache = new ResponseCache(1024, { maxTokens: 10 });
    expect(cache.keyOf({ query: '{ a' }, OPEN_ACCESS)).toBeUndefined();
    expect(cache.keyOf({ query: '{ a b c d e f g h }' }, OPEN_ACCESS)).toBeDefined();
    expect(cache.keyOf({ query: '{ a b c d e f g h i j }' }, OPEN_ACCESS)).toBeUndefined();
  });

  it('keeps nothing when its size is 0', () => {
    expect(new ResponseCache(0).keyOf({ query: '{ a }' }, OPEN_ACCESS)).toBeUndefined();
  });
});
