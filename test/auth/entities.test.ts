import { bearer, postGraphql, tokenEntry } from '../helpers/auth';
import { type TestGateway, startGateway } from '../helpers/gateway';

const NUMBERS_ONLY = 'numbers-token-0123456789abcdef';
const PRICES_ONLY = 'prices-token-0123456789abcdef';
const ACCOUNT_ONLY = 'account-token-0123456789abcdef';
const SUBACCOUNTS_ONLY = 'subaccounts-token-0123456789abcdef';

const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    __typename
    ... on OwnedNumber { msisdn moHttpUrl voiceCallback { type value } }
    ... on CountryPricing { countryCode minPrice }
    ... on Network { networkCode price }
    ... on Account { apiKey balance { value } }
    ... on Subaccount { apiKey name ownBalance: balance }
  }
}`;

type Entity = Record<string, unknown> | null;

let gateway: TestGateway;
const lines: string[] = [];
let networkCode: string;
let msisdn: string;

const upstreamCalls = () => gateway.simulator!.counters.total;
const entities = (representations: unknown[], token?: string) =>
  postGraphql<{ _entities: Entity[] }>(
    gateway.url,
    { query: ENTITIES, variables: { r: representations } },
    token ? bearer(token) : {},
  );

beforeAll(async () => {
  gateway = await startGateway(
    {
      API_TOKENS: [
        tokenEntry('numbers', NUMBERS_ONLY, ['numbers:read']),
        tokenEntry('prices', PRICES_ONLY, ['pricing:read']),
        tokenEntry('account', ACCOUNT_ONLY, ['account:read']),
        tokenEntry('subaccounts', SUBACCOUNTS_ONLY, ['subaccounts:read']),
      ].join(','),
      PRICING_RATE_PER_SECOND: '200',
      NUMBERS_RATE_PER_SECOND: '200',
      LOG_LEVEL: 'info',
    },
    { logDestination: { write: (line: string) => void lines.push(line) } },
  );
  const simulator = gateway.simulator!;
  simulator.state.pricing.rateLimitPerSecond = 0;
  [msisdn] = [...simulator.state.numbers.owned.keys()];
  const gb = await postGraphql<{ pricing: { networks: { networkCode: string }[] } }>(
    gateway.url,
    { query: '{ pricing(country: "GB", type: SMS) { networks { networkCode } } }' },
    bearer(PRICES_ONLY),
  );
  networkCode = gb.data!.pricing.networks[0].networkCode;
});
afterAll(() => gateway.close());

// Cold every time: a refusal that made its calls would show in the counters.
beforeEach(() => gateway.app.runtime.cache.clear());

/** Each entity type, what its representation holds, and the tokens that may and may not read it. */
const CASES = () => [
  {
    typename: 'OwnedNumber',
    representation: { __typename: 'OwnedNumber', msisdn },
    rule: 'Query.ownedNumber',
    scope: 'numbers:read',
    allowed: NUMBERS_ONLY,
    denied: PRICES_ONLY,
  },
  {
    typename: 'CountryPricing',
    representation: { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
    rule: 'Query.pricing',
    scope: 'pricing:read',
    allowed: PRICES_ONLY,
    denied: NUMBERS_ONLY,
  },
  {
    typename: 'Network',
    representation: { __typename: 'Network', countryCode: 'GB', networkCode, pricingType: 'SMS' },
    rule: 'Query.networkPricing',
    scope: 'pricing:read',
    allowed: PRICES_ONLY,
    denied: NUMBERS_ONLY,
  },
  {
    // Any authenticated caller reads the account (as Query.account); its balance needs its own
    // scope, as Account.balance does on a query.
    typename: 'Account',
    representation: { __typename: 'Account', apiKey: gateway.simulator!.apiKey },
    rule: 'Query.account',
    scope: 'account:read',
    allowed: ACCOUNT_ONLY,
    denied: PRICES_ONLY,
  },
  {
    typename: 'Subaccount',
    representation: { __typename: 'Subaccount', apiKey: 'cce7333a' },
    rule: 'Query.subaccount',
    scope: 'subaccounts:read',
    allowed: SUBACCOUNTS_ONLY,
    denied: ACCOUNT_ONLY,
  },
];

describe('_entities with tokens enforced: a representation is refused as its query field', () => {
  it.each(['OwnedNumber', 'CountryPricing', 'Network', 'Account', 'Subaccount'])(
    'refuses a representation of %s without a token: UNAUTHENTICATED, HTTP 401, nothing sent upstream',
    async (typename) => {
      const { representation, rule } = CASES().find((c) => c.typename === typename)!;
      const before = upstreamCalls();
      const result = await entities([representation]);
      expect(result.status).toBe(401);
      expect(result.data).toEqual({ _entities: [null] });
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: ['_entities', 0],
          extensions: expect.objectContaining({
            code: 'UNAUTHENTICATED',
            field: rule,
            entity: typename,
          }),
        }),
      ]);
      expect(upstreamCalls()).toBe(before);
    },
  );

  it.each(['OwnedNumber', 'CountryPricing', 'Network', 'Account', 'Subaccount'])(
    'refuses a representation of %s to a token without its scope: FORBIDDEN, nothing sent upstream',
    async (typename) => {
      const { representation, rule, scope, denied } = CASES().find((c) => c.typename === typename)!;
      const before = upstreamCalls();
      const result = await entities([representation], denied);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [[scope]] });
      if (typename === 'Account') {
        // The account itself is answered; its balance is refused as on `account { balance }`.
        expect(error).toMatchObject({ path: ['_entities', 0, 'balance'] });
        expect(error.extensions).toMatchObject({ field: 'Account.balance' });
        expect(result.data!._entities).toEqual([null]);
      } else {
        expect(error).toMatchObject({ path: ['_entities', 0] });
        expect(error.extensions).toMatchObject({ field: rule, entity: typename });
        expect(error.message).toContain(`${typename} in _entities, read as ${rule}, needs`);
        expect(result.data!._entities).toEqual([null]);
      }
      expect(upstreamCalls()).toBe(before);
    },
  );

  it.each(['OwnedNumber', 'CountryPricing', 'Network', 'Account', 'Subaccount'])(
    'resolves a representation of %s for a token with its scope',
    async (typename) => {
      const { representation, allowed } = CASES().find((c) => c.typename === typename)!;
      const before = upstreamCalls();
      const result = await entities([representation], allowed);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([expect.objectContaining({ __typename: typename })]);
      // Cold, the same representation does reach the upstream: the refusals above sent nothing.
      expect(upstreamCalls()).toBeGreaterThan(before);
    },
  );

  it('answers the entries a token may read and refuses the others, each in its place', async () => {
    const [number, prices] = CASES();
    const result = await entities([number.representation, prices.representation], PRICES_ONLY);
    expect(result.data!._entities).toEqual([
      null,
      expect.objectContaining({ __typename: 'CountryPricing', countryCode: 'GB' }),
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 0],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'Query.ownedNumber' }),
      }),
    ]);
  });
});

describe('_entities: a __typename that is not an entity of this subgraph', () => {
  it.each(['Query', 'Mutation', '__proto__', 'constructor', 'Balance', 'NoSuchType'])(
    'answers null for __typename %s, logs no error, and still resolves the other entries',
    async (typename) => {
      lines.length = 0;
      const result = await entities(
        [
          { __typename: typename, msisdn },
          { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
        ],
        PRICES_ONLY,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([
        null,
        expect.objectContaining({ __typename: 'CountryPricing', countryCode: 'GB' }),
      ]);
      expect(lines.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    },
  );

  it('answers null for a representation that is not an object or has no __typename', async () => {
    const result = await entities(['OwnedNumber', 42, { msisdn }], NUMBERS_ONLY);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, null, null]);
  });
});
