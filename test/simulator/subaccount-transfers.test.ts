import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import {
  accountsCall,
  aMinuteAgo,
  OWN,
  problemOf,
  SHARED,
  SUBACCOUNT_ERRORS,
  SUSPENDED,
} from './subaccounts-helpers';

let sim: Simulator;
const PRIMARY = 'acc6111f';

beforeAll(async () => {
  sim = await startSimulator({ apiKey: PRIMARY, apiSecret: 'Primary1Secret' });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const post = (kind: 'balance' | 'credit', json: unknown) =>
  accountsCall(sim)(`/${kind}-transfers`, { json });
const list = (kind: 'balance' | 'credit', query: Record<string, string> | URLSearchParams) =>
  call(sim, `/accounts/${PRIMARY}/${kind}-transfers?${new URLSearchParams(query).toString()}`);
const sub = (key: string) => sim.state.subaccounts.subaccounts.get(key)!;
const refusal = (title: string, detail: string) => ({
  status: 403,
  type: `${SUBACCOUNT_ERRORS}#valid-transfers`,
  title,
  detail,
});

describe('POST /accounts/{api_key}/balance-transfers', () => {
  it('moves money from the primary to a sub-account, which get-balance shows', async () => {
    const answer = await post('balance', {
      from: PRIMARY,
      to: OWN.apiKey,
      amount: 5.1,
      reference: 'r1',
    });

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      balance_transfer_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
      amount: 5.1,
      from: PRIMARY,
      to: OWN.apiKey,
      reference: 'r1',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const balance = await call(sim, '/account/get-balance');
    expect(balance.text).toBe('{"value":5.07127500,"autoReload":true}');
    expect(sub(OWN.apiKey).balance).toBe('30.10000000');
    expect(sim.counters.byRoute['POST /accounts/:api_key/balance-transfers']).toBe(1);
  });

  it('moves money back from a sub-account to the primary', async () => {
    await post('balance', { from: OWN.apiKey, to: PRIMARY, amount: 0.01 });

    expect(sim.state.account.balance).toBe('10.18127500');
    expect(sub(OWN.apiKey).balance).toBe('24.99000000');
  });

  it('lets exactly |balance - credit_limit| go, and refuses one cent more', async () => {
    Object.assign(sub(OWN.apiKey), { balance: '10.00000000', creditLimit: '-5.00000000' });

    const over = await post('balance', { from: OWN.apiKey, to: PRIMARY, amount: 15.01 });
    const exact = await post('balance', { from: OWN.apiKey, to: PRIMARY, amount: 15 });

    expect(problemOf(over)).toEqual(refusal('Transfer amount is invalid', 'Insufficient Balance'));
    expect(exact.status).toBe(200);
    expect(sub(OWN.apiKey).balance).toBe('-5.00000000');
  });

  it('refuses more than the primary holds above its credit limit', async () => {
    const over = await post('balance', { from: PRIMARY, to: OWN.apiKey, amount: 510.17127501 });
    const exact = await post('balance', { from: PRIMARY, to: OWN.apiKey, amount: 510.171275 });

    expect(problemOf(over)).toMatchObject({ detail: 'Insufficient Balance' });
    expect(exact.status).toBe(200);
    expect(sim.state.account.balance).toBe('-500.00000000');
  });

  it.each([
    ['two sub-accounts', OWN.apiKey, SUSPENDED.apiKey],
    ['an unknown account', PRIMARY, '0badc0de'],
    ['the primary and itself', PRIMARY, PRIMARY],
  ])('refuses a transfer between %s', async (_case, from, to) => {
    const answer = await post('balance', { from, to, amount: 1 });

    expect(problemOf(answer)).toEqual(
      refusal(
        'Invalid Transfer',
        'Transfers are only allowed between a primary account and its subaccount',
      ),
    );
  });

  it('refuses a sub-account that spends the primary balance', async () => {
    const answer = await post('balance', { from: PRIMARY, to: SHARED.apiKey, amount: 1 });

    expect(problemOf(answer)).toEqual(
      refusal('Invalid Transfer', `Subaccount ${SHARED.apiKey} uses the primary account balance`),
    );
  });

  it('refuses a suspended sub-account, either way', async () => {
    const to = await post('balance', { from: PRIMARY, to: SUSPENDED.apiKey, amount: 1 });
    const from = await post('credit', { from: SUSPENDED.apiKey, to: PRIMARY, amount: 1 });

    for (const answer of [to, from]) {
      expect(problemOf(answer)).toEqual(
        refusal('Invalid Transfer', `Subaccount ${SUSPENDED.apiKey} is suspended`),
      );
    }
    expect(sub(SUSPENDED.apiKey).balance).toBe('5.50000000');
  });

  it.each<[string, unknown, { name: string; reason: string }[]]>([
    ['nothing', {}, ['from', 'to', 'amount'].map((name) => ({ name, reason: 'Is required' }))],
    [
      'a string amount',
      { from: PRIMARY, to: OWN.apiKey, amount: '5' },
      [{ name: 'amount', reason: 'Must be a number' }],
    ],
    [
      'a negative amount',
      { from: PRIMARY, to: OWN.apiKey, amount: -1 },
      [{ name: 'amount', reason: 'Must be a positive number with at most 8 decimal places' }],
    ],
    [
      'nine decimal places',
      { from: PRIMARY, to: OWN.apiKey, amount: 0.000000001 },
      [{ name: 'amount', reason: 'Must be a positive number with at most 8 decimal places' }],
    ],
  ])('answers 422 for %s, naming each parameter', async (_case, json, invalid) => {
    const answer = await post('balance', json);

    expect(problemOf(answer)).toMatchObject({
      status: 422,
      type: `${SUBACCOUNT_ERRORS}#validation`,
    });
    expect(answer.json().invalid_parameters).toEqual(invalid);
    expect(sim.state.subaccounts.balanceTransfers).toEqual([]);
  });
});

describe('POST /accounts/{api_key}/credit-transfers', () => {
  it('moves credit limit from the primary to a sub-account', async () => {
    const answer = await post('credit', { from: PRIMARY, to: OWN.apiKey, amount: 100 });

    expect(answer.json()).toMatchObject({ credit_transfer_id: expect.any(String), amount: 100 });
    expect(sim.state.subaccounts.primaryCreditLimit).toBe('-400.00000000');
    expect(sub(OWN.apiKey).creditLimit).toBe('-100.00000000');
    expect(sim.state.account.balance).toBe('10.17127500');
    const one = (await accountsCall(sim)(`/subaccounts/${OWN.apiKey}`)).json();
    expect(one.credit_limit).toBe(-100);
  });

  it('refuses more credit than the source has, and lets exactly that go', async () => {
    const over = await post('credit', { from: PRIMARY, to: OWN.apiKey, amount: 500.01 });
    const exact = await post('credit', { from: PRIMARY, to: OWN.apiKey, amount: 500 });
    const back = await post('credit', { from: OWN.apiKey, to: PRIMARY, amount: 500.01 });

    expect(problemOf(over)).toEqual(refusal('Transfer amount is invalid', 'Insufficient Credit'));
    expect(exact.status).toBe(200);
    expect(problemOf(back)).toMatchObject({ detail: 'Insufficient Credit' });
  });

  it('keeps the credit a sub-account is using', async () => {
    Object.assign(sub(OWN.apiKey), { balance: '-3.00000000', creditLimit: '-10.00000000' });

    const over = await post('credit', { from: OWN.apiKey, to: PRIMARY, amount: 7.01 });
    const exact = await post('credit', { from: OWN.apiKey, to: PRIMARY, amount: 7 });

    expect(problemOf(over)).toMatchObject({ detail: 'Insufficient Credit' });
    expect(exact.status).toBe(200);
  });
});

describe('GET /accounts/{api_key}/balance-transfers and credit-transfers', () => {
  it('lists transfers oldest first, filtered by sub-account and dates', async () => {
    await post('balance', { from: PRIMARY, to: OWN.apiKey, amount: 1 });
    sub(SHARED.apiKey).usePrimaryAccountBalance = false;
    await post('balance', { from: PRIMARY, to: SHARED.apiKey, amount: 2 });
    await post('balance', { from: OWN.apiKey, to: PRIMARY, amount: 3 });
    const start_date = aMinuteAgo();

    const all = await list('balance', { start_date });
    const own = await list(
      'balance',
      new URLSearchParams([
        ['start_date', start_date],
        ['subaccount', OWN.apiKey],
      ]),
    );
    const both = await list(
      'balance',
      new URLSearchParams([
        ['start_date', start_date],
        ['subaccount', OWN.apiKey],
        ['subaccount', SHARED.apiKey],
      ]),
    );
    const before = await list('balance', {
      start_date: '2020-01-01T00:00:00Z',
      end_date: start_date,
    });
    const amounts = (answer: typeof all) =>
      (
        answer.json()._embedded as { balance_transfers: { amount: number }[] }
      ).balance_transfers.map(({ amount }) => amount);

    expect(amounts(all)).toEqual([1, 2, 3]);
    expect(amounts(own)).toEqual([1, 3]);
    expect(amounts(both)).toEqual([1, 2, 3]);
    expect(before.json()).toEqual({ _embedded: { balance_transfers: [] } });
    expect(sim.counters.byRoute['GET /accounts/:api_key/balance-transfers']).toBe(4);
  });

  it('lists credit transfers under credit_transfers', async () => {
    await post('credit', { from: PRIMARY, to: OWN.apiKey, amount: 1.5 });

    const answer = await list('credit', { start_date: aMinuteAgo() });

    expect(answer.json()).toEqual({
      _embedded: {
        credit_transfers: [expect.objectContaining({ amount: 1.5, to: OWN.apiKey, reference: '' })],
      },
    });
  });

  it.each([
    ['a missing start_date', {}, 'start_date'],
    ['a start_date that is not ISO', { start_date: 'yesterday' }, 'start_date'],
    ['a bad end_date', { start_date: '2020-01-01T00:00:00Z', end_date: '2020-13-45' }, 'end_date'],
  ])('answers 422 for %s', async (_case, query, name) => {
    const answer = await list('credit', query);

    expect(problemOf(answer)).toMatchObject({ status: 422 });
    expect(
      (answer.json().invalid_parameters as { name: string }[]).map((entry) => entry.name),
    ).toEqual([name]);
  });
});
