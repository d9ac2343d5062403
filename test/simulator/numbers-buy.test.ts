import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import {
  amount,
  type Available,
  DASHBOARD_TEXT,
  METHOD_FAILED,
  numbersCalls,
  SUCCESS,
  units,
  XML,
} from './numbers-helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const START_BALANCE = '10.17127500';

const gbMobile = () => numbersCalls(sim).firstAvailable('GB', { type: 'mobile-lvn' });
const ownedMsisdns = async (s = sim) =>
  (await numbersCalls(s).allOwned()).flat().map(({ msisdn }) => msisdn);
const stillOffered = async (number: Available) =>
  (await numbersCalls(sim).search({ country: number.country, pattern: number.msisdn })).text !==
  '{}';

describe('POST /number/buy', () => {
  it('buys an available number: owned with no webhooks, out of the pool, cost charged', async () => {
    const number = await gbMobile();

    const answer = await numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn });

    expect([answer.status, answer.text]).toEqual([200, SUCCESS]);
    const { numbers = [] } = await numbersCalls(sim).ownedJson({ pattern: number.msisdn });
    expect(numbers).toEqual([
      { country: 'GB', msisdn: number.msisdn, type: 'mobile-lvn', features: number.features },
    ]);
    expect(await stillOffered(number)).toBe(false);
    expect(units(sim.state.account.balance)).toBe(units(START_BALANCE) - units(number.cost));
    expect(sim.state.numbers.purchases).toBe(1);
    expect(sim.counters.byRoute['POST /number/buy']).toBe(1);
  });

  it('shows the new balance through get-balance, with 8 places', async () => {
    const number = await gbMobile();
    await numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn });

    const balance = await call(sim, '/account/get-balance');

    const expected = amount(units(START_BALANCE) - units(number.cost));
    expect(balance.text).toBe(`{"value":${expected},"autoReload":true}`);
  });

  it('answers XML under <response>', async () => {
    const number = await gbMobile();
    const answer = await call(sim, '/number/buy', {
      form: { country: 'GB', msisdn: number.msisdn },
      headers: XML,
    });

    expect(answer.text).toContain(
      '<response>\n  <error-code>200</error-code>\n  <error-code-label>success</error-code-label>\n</response>',
    );
  });

  describe('refusals: HTTP 420, nothing bought, nothing charged', () => {
    const expectNothingBought = () => {
      expect(sim.state.numbers.purchases).toBe(0);
      expect(sim.state.account.balance).toBe(START_BALANCE);
    };

    it('refuses a number the account already owns with "method failed"', async () => {
      const [mine = ''] = sim.state.numbers.owned.keys();

      const answer = await numbersCalls(sim).buy({ country: 'GB', msisdn: mine });

      expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
      expectNothingBought();
    });

    it.each([
      ['a number the pool does not have', 'GB', '447000000000'],
      ['an unknown country', 'ZZ', '447000000000'],
    ])('refuses %s with "method failed"', async (_, country, msisdn) => {
      const answer = await numbersCalls(sim).buy({ country, msisdn });

      expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
      expectNothingBought();
    });

    it('refuses an available number asked for under the wrong country', async () => {
      const number = await gbMobile();

      const answer = await numbersCalls(sim).buy({ country: 'US', msisdn: number.msisdn });

      expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
      expectNothingBought();
      expect(await stillOffered(number)).toBe(true);
    });

    it('refuses when the balance is a hair below the monthly cost, and buys at exactly the cost', async () => {
      const number = await gbMobile();
      sim.state.account.balance = amount(units(number.cost) - 1n);

      const short = await numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn });
      sim.state.account.balance = number.cost;
      const exact = await numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn });

      expect([short.status, short.text]).toEqual([420, METHOD_FAILED]);
      expect([exact.status, exact.text]).toEqual([200, SUCCESS]);
      expect(sim.state.account.balance).toBe('0.00000000');
      expect(sim.state.numbers.purchases).toBe(1);
    });

    it('refuses a Dashboard-only country with the label that says so', async () => {
      const number = await numbersCalls(sim).firstAvailable('DE');

      const answer = await numbersCalls(sim).buy({ country: 'DE', msisdn: number.msisdn });

      expect(answer.status).toBe(420);
      expect(answer.json()).toEqual({ 'error-code': '420', 'error-code-label': DASHBOARD_TEXT });
      expectNothingBought();
      expect(await stillOffered(number)).toBe(true);
    });

    it.each([
      [{ country: 'GB' }, 'msisdn'],
      [{ msisdn: '447700900000' }, 'country'],
    ])('refuses %j with a 400 naming the missing %s', async (form, name) => {
      const answer = await numbersCalls(sim).buy(form);

      expect(answer.status).toBe(400);
      expect(answer.json().invalid_parameters).toEqual([{ name, reason: 'Is required.' }]);
    });

    it('reads country and msisdn from the form only, not the query string', async () => {
      const number = await gbMobile();

      const answer = await call(sim, '/number/buy', {
        method: 'POST',
        query: { country: 'GB', msisdn: number.msisdn },
      });

      expect(answer.status).toBe(400);
      expectNothingBought();
    });
  });

  it('takes its Dashboard countries from the options', async () => {
    const custom = await startSimulator({ numbers: { dashboardCountries: ['gb'] } });
    try {
      const calls = numbersCalls(custom);
      const gb = await calls.firstAvailable('GB');
      const de = await calls.firstAvailable('DE', { type: 'landline' });

      const refused = await calls.buy({ country: 'GB', msisdn: gb.msisdn });
      const bought = await calls.buy({ country: 'DE', msisdn: de.msisdn });

      expect(refused.json()['error-code-label']).toBe(DASHBOARD_TEXT);
      expect(bought.text).toBe(SUCCESS);
      expect(custom.state.numbers.dashboardCountries).toEqual(['GB']);
    } finally {
      await custom.close();
    }
  });

  it('applies a purchase whose answer is lost (dropNext after): bought once, charged once', async () => {
    const number = await gbMobile();
    sim.faults.dropNext(1, 'after');

    await expect(numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn })).rejects.toThrow();

    expect(sim.state.numbers.purchases).toBe(1);
    expect(await ownedMsisdns()).toContain(number.msisdn);
    expect(units(sim.state.account.balance)).toBe(units(START_BALANCE) - units(number.cost));
    const retry = await numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn });
    expect([retry.status, retry.text]).toEqual([420, METHOD_FAILED]);
    expect(sim.state.numbers.purchases).toBe(1);
  });

  it('buys nothing when the connection drops before the operation', async () => {
    const number = await gbMobile();
    sim.faults.dropNext(1, 'before');

    await expect(numbersCalls(sim).buy({ country: 'GB', msisdn: number.msisdn })).rejects.toThrow();

    expect(sim.state.numbers.purchases).toBe(0);
    expect(await ownedMsisdns()).not.toContain(number.msisdn);
  });
});
