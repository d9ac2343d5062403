import {
  type AccountOverviewQuery,
  type TopUpMutation,
  type UpdateSettingsMutation,
} from '../generated/operations';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { operation } from '../helpers/operations';

const OVERVIEW = operation('AccountOverview');
const TOP_UP = operation('TopUp');
const UPDATE_SETTINGS = operation('UpdateSettings');
const RELOAD_TRX = '8ef2447e69604f642ae59363aa5f781b';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startGateway();
});

afterAll(() => gateway.close());

beforeEach(async () => {
  gateway.simulator!.reset();
  // A balance stays fresh for a second: each test starts from an empty cache.
  await gateway.app.runtime.cache.clear();
});

describe('account in sandbox mode, over HTTP', () => {
  it('answers balance and settings from the embedded simulator', async () => {
    const result = await gateway.graphql<AccountOverviewQuery>(OVERVIEW);
    expect(result.errors).toBeUndefined();
    expect(result.data!.account).toEqual({
      balance: { value: '10.17127500', autoReload: true },
      settings: {
        moCallbackUrl: null,
        drCallbackUrl: null,
        maxOutboundRequestsPerSecond: 30,
        maxInboundRequestsPerSecond: 30,
        maxCallsPerSecond: 30,
      },
    });
  });

  it('fetches the balance once per request however often it is selected', async () => {
    const result = await gateway.graphql(
      '{ a: account { balance { value } } b: account { balance { autoReload } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(gateway.simulator!.counters.byRoute['GET /account/get-balance']).toBe(1);
  });

  it('tops up, answers the new balance, and the next query sees it', async () => {
    const result = await gateway.graphql<TopUpMutation>(TOP_UP, { trx: RELOAD_TRX });
    expect(result.data!.topUp).toEqual({
      __typename: 'TopUpSucceeded',
      balance: { value: '60.17127500', autoReload: true },
    });
    const after = await gateway.graphql<AccountOverviewQuery>(OVERVIEW);
    expect(after.data!.account.balance.value).toBe('60.17127500');
  });

  it('answers TopUpFailed for an unknown payment reference and leaves the balance alone', async () => {
    const result = await gateway.graphql<TopUpMutation>(TOP_UP, { trx: 'deadbeef' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.topUp).toMatchObject({ __typename: 'TopUpFailed', label: 'top-up failed' });
    expect(gateway.simulator!.state.account.balance).toBe('10.17127500');
  });

  it('answers AutoReloadNotEnabled when auto-reload is off', async () => {
    gateway.simulator!.state.account.autoReload = false;
    const result = await gateway.graphql<TopUpMutation>(TOP_UP, { trx: RELOAD_TRX });
    expect(result.data!.topUp).toMatchObject({
      __typename: 'AutoReloadNotEnabled',
      message: expect.stringMatching(/enable it in the Vonage dashboard/),
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('sets a webhook, and the next query returns it', async () => {
    const url = 'https://hooks.example.com/inbound';
    const result = await gateway.graphql<UpdateSettingsMutation>(UPDATE_SETTINGS, {
      input: { moCallbackUrl: url },
    });
    expect(result.data!.updateSettings).toEqual({
      __typename: 'SettingsUpdated',
      settings: { moCallbackUrl: url, drCallbackUrl: null },
    });
    const after = await gateway.graphql<AccountOverviewQuery>(OVERVIEW);
    expect(after.data!.account.settings.moCallbackUrl).toBe(url);
  });

  it('unsets a webhook with "" and leaves an omitted one unchanged', async () => {
    gateway.simulator!.state.account.moCallbackUrl = 'https://keep.example.com/mo';
    gateway.simulator!.state.account.drCallbackUrl = 'https://old.example.com/dr';
    const result = await gateway.graphql<UpdateSettingsMutation>(UPDATE_SETTINGS, {
      input: { drCallbackUrl: '' },
    });
    expect(result.data!.updateSettings).toEqual({
      __typename: 'SettingsUpdated',
      settings: { moCallbackUrl: 'https://keep.example.com/mo', drCallbackUrl: null },
    });
  });

  it('answers CallbackUrlNotSaved when Vonage does not save a URL that fails its check', async () => {
    const result = await gateway.graphql<UpdateSettingsMutation>(UPDATE_SETTINGS, {
      input: { moCallbackUrl: 'https://down.invalid/mo' },
    });
    expect(result.data!.updateSettings).toMatchObject({
      __typename: 'CallbackUrlNotSaved',
      fields: ['input.moCallbackUrl'],
      settings: { moCallbackUrl: null },
    });
  });
});

describe('argument validation, before any upstream call', () => {
  it.each([
    [
      'a top-up reference with spaces',
      TOP_UP,
      { trx: 'not a ref' },
      'input.trx',
      /letters, digits/,
    ],
    ['an empty top-up reference', TOP_UP, { trx: '' }, 'input.trx', /1 to 64/],
    [
      'a webhook that is not http(s)',
      UPDATE_SETTINGS,
      { input: { moCallbackUrl: 'ftp://x.example/a' } },
      'input.moCallbackUrl',
      /absolute http\(s\) URL/,
    ],
    [
      'a relative webhook',
      UPDATE_SETTINGS,
      { input: { drCallbackUrl: '/hooks' } },
      'input.drCallbackUrl',
      /or "" to unset/,
    ],
    [
      'a settings change with nothing in it',
      UPDATE_SETTINGS,
      { input: {} },
      'input',
      /give moCallbackUrl, drCallbackUrl or both/,
    ],
  ])(
    'rejects %s with BAD_USER_INPUT naming the field',
    async (_name, query, variables, field, message) => {
      gateway.simulator!.counters.reset();
      const result = await gateway.graphql(query, variables);
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors![0].message).toMatch(message);
      expect(result.errors![0].message.startsWith(`${field}:`)).toBe(true);
      expect(gateway.simulator!.counters.total).toBe(0);
    },
  );
});

describe('balance reads are coalesced', () => {
  it('shares one upstream call among 32 concurrent reads, and says when it was read', async () => {
    const simulator = gateway.simulator!;
    const before = simulator.counters.byRoute['GET /account/get-balance'] ?? 0;
    // The call stays in flight for 1.5 s, so the 32 reads are concurrent with it even when a
    // loaded machine spreads their arrival (the balance is fresh for a second after it).
    simulator.faults.latency(1_500);
    const results = await Promise.all(
      Array.from({ length: 32 }, () =>
        gateway.graphql<{ account: { balance: { value: string; asOf: string } } }>(
          '{ account { balance { value asOf } } }',
        ),
      ),
    ).finally(() => simulator.faults.latency(0));
    expect(simulator.counters.byRoute['GET /account/get-balance'] - before).toBe(1);
    const [first] = results;
    for (const result of results) expect(result.data).toEqual(first.data);
    expect(Date.parse(first.data!.account.balance.asOf)).not.toBeNaN();
  });

  it('asks Vonage again after a top-up, so the new balance shows at once', async () => {
    await gateway.graphql('{ account { balance { value } } }');
    await gateway.graphql(TOP_UP, { trx: RELOAD_TRX });
    const after = await gateway.graphql<{ account: { balance: { value: string } } }>(
      '{ account { balance { value } } }',
    );
    expect(after.data!.account.balance.value).toBe('60.17127500');
  });
});

describe('balance freshness off (BALANCE_TTL_MS=0)', () => {
  it('asks Vonage for every read that is not concurrent with another', async () => {
    const fresh = await startGateway({ BALANCE_TTL_MS: '0' });
    try {
      await fresh.graphql('{ account { balance { value } } }');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await fresh.graphql('{ account { balance { value } } }');
      expect(fresh.simulator!.counters.byRoute['GET /account/get-balance']).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});
