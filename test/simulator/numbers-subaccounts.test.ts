import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import {
  METHOD_FAILED,
  numbersCalls,
  type NumberList,
  type Owned,
  SUCCESS,
  units,
} from './numbers-helpers';
import { accountsCall, OWN, problemOf, SHARED, SUBACCOUNT_ERRORS } from './subaccounts-helpers';

let sim: Simulator;
const PRIMARY = { apiKey: 'acc6111f', apiSecret: 'Primary1Secret' };
const START_BALANCE = '10.17127500';

beforeAll(async () => {
  sim = await startSimulator(PRIMARY);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type As = { apiKey: string; apiSecret: string };
const ownedBy = async (as: As) => {
  const answer = await call(sim, '/account/numbers', { as, query: { size: '100' } });
  return ((answer.json() as NumberList<Owned>).numbers ?? []).map(({ msisdn }) => msisdn);
};
const gbMobile = () => numbersCalls(sim).firstAvailable('GB', { type: 'mobile-lvn' });
const buy = (form: Record<string, string>, as: As = PRIMARY) =>
  call(sim, '/number/buy', { form, as });
const primaryNumber = () => [...sim.state.numbers.owned.keys()][0]!;
const transfer = (json: unknown) => accountsCall(sim)('/transfer-number', { json });
const viaPrimary = (apiKey: string) => ({ apiKey, apiSecret: PRIMARY.apiSecret });

describe('numbers of a sub-account', () => {
  it('buys for a sub-account with target_api_key, charging the primary; the sub-account lists it', async () => {
    const number = await gbMobile();

    const answer = await buy({ country: 'GB', msisdn: number.msisdn, target_api_key: OWN.apiKey });

    expect([answer.status, answer.text]).toEqual([200, SUCCESS]);
    expect(units(sim.state.account.balance)).toBe(units(START_BALANCE) - units(number.cost));
    expect(sim.state.subaccounts.subaccounts.get(OWN.apiKey)?.balance).toBe('25.00000000');
    expect(await ownedBy(OWN)).toEqual([number.msisdn]);
    expect(await ownedBy(viaPrimary(OWN.apiKey))).toEqual([number.msisdn]);
    expect(await ownedBy(PRIMARY)).not.toContain(number.msisdn);
    expect(await ownedBy(PRIMARY)).toHaveLength(3);
  });

  it.each([
    ['an unknown target', PRIMARY, '0badc0de'],
    ['a target named by a sub-account', OWN, SHARED.apiKey],
  ])('answers 420 "method failed" for %s, nothing charged', async (_case, as, target) => {
    const number = await gbMobile();

    const answer = await buy({ country: 'GB', msisdn: number.msisdn, target_api_key: target }, as);

    expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
    expect(sim.state.account.balance).toBe(START_BALANCE);
    expect(sim.state.numbers.purchases).toBe(0);
  });

  it('charges a sub-account buying for itself from its own balance', async () => {
    const number = await gbMobile();

    await buy({ country: 'GB', msisdn: number.msisdn }, OWN);

    const own = sim.state.subaccounts.subaccounts.get(OWN.apiKey)!.balance;
    expect(units(own)).toBe(units('25') - units(number.cost));
    expect(sim.state.account.balance).toBe(START_BALANCE);
    expect(await ownedBy(OWN)).toEqual([number.msisdn]);
  });

  it('cancels and updates only the numbers of the account acted for', async () => {
    const number = await gbMobile();
    await buy({ country: 'GB', msisdn: number.msisdn, target_api_key: OWN.apiKey });
    const target = { country: 'GB', msisdn: number.msisdn };

    const primaryUpdate = await call(sim, '/number/update', {
      form: { ...target, moHttpUrl: 'https://example.com/a' },
    });
    const subUpdate = await call(sim, '/number/update', {
      form: { ...target, moHttpUrl: 'https://example.com/a' },
      as: viaPrimary(OWN.apiKey),
    });
    const primaryCancel = await call(sim, '/number/cancel', { form: target });
    const targetCancel = await call(sim, '/number/cancel', {
      form: { ...target, target_api_key: OWN.apiKey },
      as: PRIMARY,
    });

    expect([primaryUpdate.status, subUpdate.status]).toEqual([420, 200]);
    expect([primaryCancel.status, targetCancel.status]).toEqual([420, 200]);
    expect(await ownedBy(OWN)).toEqual([]);
  });

  it("shows a sub-account's own balance through get-balance, and the primary's to one that shares it", async () => {
    const own = await call(sim, '/account/get-balance', { as: OWN });
    const shared = await call(sim, '/account/get-balance', { as: viaPrimary(SHARED.apiKey) });
    const topUp = await call(sim, '/account/top-up', {
      as: OWN,
      form: { trx: sim.state.account.reloadTrx },
    });

    expect(own.text).toBe('{"value":25.00000000,"autoReload":false}');
    expect(shared.text).toBe(`{"value":${START_BALANCE},"autoReload":false}`);
    expect(topUp.json()).toEqual({
      'error-code': '401',
      'error-code-label': 'not auto-reload enabled',
    });
  });
});

describe('POST /accounts/{api_key}/transfer-number', () => {
  it('moves a number to a sub-account and back', async () => {
    const number = primaryNumber();

    const there = await transfer({ from: PRIMARY.apiKey, to: OWN.apiKey, number, country: 'gb' });
    const listed = await ownedBy(OWN);
    const back = await transfer({
      from: OWN.apiKey,
      to: PRIMARY.apiKey,
      number: Number(number),
      country: 'GB',
    });

    expect(there.status).toBe(200);
    expect(there.json()).toEqual({
      number,
      country: 'GB',
      from: PRIMARY.apiKey,
      to: OWN.apiKey,
      masterAccountId: PRIMARY.apiKey,
    });
    expect(listed).toEqual([number]);
    expect(back.status).toBe(200);
    expect(await ownedBy(OWN)).toEqual([]);
    expect(await ownedBy(PRIMARY)).toContain(number);
    expect(sim.counters.byRoute['POST /accounts/:api_key/transfer-number']).toBe(2);
  });

  const what = (number: string, from: string, to: string) =>
    `number ${number} from account ${from} to ${to}`;

  it('answers 409 when the number is already owned by `to`', async () => {
    const number = primaryNumber();
    await transfer({ from: PRIMARY.apiKey, to: OWN.apiKey, number, country: 'GB' });

    const again = await transfer({ from: SHARED.apiKey, to: OWN.apiKey, number, country: 'GB' });

    expect(problemOf(again)).toEqual({
      status: 409,
      type: `${SUBACCOUNT_ERRORS}#transfer-conflict`,
      title: 'Transfer Conflict',
      detail: `Could not transfer ${what(number, SHARED.apiKey, OWN.apiKey)} - ShortCode is already owned by requesting account`,
    });
  });

  it('answers 403 when `from` does not own the number, or an account is not of the family', async () => {
    const number = primaryNumber();

    const notOwner = await transfer({ from: SHARED.apiKey, to: OWN.apiKey, number, country: 'GB' });
    const stranger = await transfer({
      from: PRIMARY.apiKey,
      to: '0badc0de',
      number,
      country: 'GB',
    });

    for (const answer of [notOwner, stranger]) {
      expect(problemOf(answer)).toMatchObject({
        status: 403,
        type: `${SUBACCOUNT_ERRORS}#invalid-number-transfer`,
        title: 'Invalid Number Transfer',
      });
    }
    expect(sim.state.numbers.owned.get(number)?.owner).toBeUndefined();
  });

  it('answers 404 for a number no account owns, or owned in another country', async () => {
    const free = (await gbMobile()).msisdn;

    const unknown = await transfer({
      from: PRIMARY.apiKey,
      to: OWN.apiKey,
      number: free,
      country: 'GB',
    });
    const elsewhere = await transfer({
      from: PRIMARY.apiKey,
      to: OWN.apiKey,
      number: primaryNumber(),
      country: 'US',
    });

    for (const answer of [unknown, elsewhere]) {
      expect(problemOf(answer)).toMatchObject({
        status: 404,
        type: `${SUBACCOUNT_ERRORS}#missing-number-transfer`,
        title: 'Invalid Number Transfer',
      });
    }
  });

  it.each<[string, unknown, string[]]>([
    ['nothing', {}, ['from', 'to', 'number', 'country']],
    [
      'from equal to to',
      { from: OWN.apiKey, to: OWN.apiKey, number: '447700900000', country: 'GB' },
      ['to'],
    ],
    [
      'a number with letters',
      { from: PRIMARY.apiKey, to: OWN.apiKey, number: '44abc', country: 'GB' },
      ['number'],
    ],
  ])('answers 422 for %s', async (_case, json, names) => {
    const answer = await transfer(json);

    expect(problemOf(answer)).toMatchObject({
      status: 422,
      type: `${SUBACCOUNT_ERRORS}#validation`,
    });
    expect(
      (answer.json().invalid_parameters as { name: string }[]).map(({ name }) => name),
    ).toEqual(names);
  });
});
