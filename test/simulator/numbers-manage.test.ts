import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import { invalidNames, METHOD_FAILED, numbersCalls, type Owned, SUCCESS } from './numbers-helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The US landline the account starts with: no webhooks of any kind. */
const plainNumber = () => {
  const found = [...sim.state.numbers.owned.values()].find(({ country }) => country === 'US');
  if (!found) throw new Error('The account starts with a US landline');
  return found;
};
const listed = async (msisdn: string): Promise<Owned | undefined> =>
  (await numbersCalls(sim).ownedJson({ pattern: msisdn })).numbers?.[0];

describe('POST /number/cancel', () => {
  it('cancels an owned number: gone from the list, back in the pool, counted', async () => {
    const { country, msisdn } = plainNumber();

    const answer = await numbersCalls(sim).cancel({ country, msisdn });

    expect([answer.status, answer.text]).toEqual([200, SUCCESS]);
    expect(await listed(msisdn)).toBeUndefined();
    expect((await numbersCalls(sim).ownedJson()).count).toBe(2);
    const offered = await numbersCalls(sim).searchJson({ country, pattern: msisdn });
    expect(offered.numbers?.map((number) => number.msisdn)).toEqual([msisdn]);
    expect(sim.state.numbers.cancellations).toBe(1);
  });

  it.each([
    ['a number the account does not own', 'GB', '447000000000'],
    ['an owned number under the wrong country', 'GB', ''],
  ])('refuses %s with 420 "method failed"', async (_, country, given) => {
    const msisdn = given || plainNumber().msisdn;

    const answer = await numbersCalls(sim).cancel({ country, msisdn });

    expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
    expect(sim.state.numbers.cancellations).toBe(0);
    expect(sim.state.numbers.owned.size).toBe(3);
  });

  it('refuses a cancel with no msisdn with a 400', async () => {
    const answer = await numbersCalls(sim).cancel({ country: 'US' });

    expect(answer.status).toBe(400);
    expect(invalidNames(answer)).toEqual(['msisdn']);
  });
});

describe('POST /number/update', () => {
  it('sets the webhooks and the application, and the list reports them', async () => {
    const { country, msisdn } = plainNumber();
    const appId = 'bbbbbbbb-cccc-dddd-eeee-0123456789ab';

    const answer = await numbersCalls(sim).update({
      country,
      msisdn,
      app_id: appId,
      moHttpUrl: 'https://example.com/inbound',
      voiceCallbackType: 'tel',
      voiceCallbackValue: '447700900001',
      voiceStatusCallback: 'https://example.com/status',
    });

    expect([answer.status, answer.text]).toEqual([200, SUCCESS]);
    expect(await listed(msisdn)).toMatchObject({
      moHttpUrl: 'https://example.com/inbound',
      messagesCallbackType: 'app',
      messagesCallbackValue: appId,
      voiceCallbackType: 'tel',
      voiceCallbackValue: '447700900001',
      voiceStatusCallback: 'https://example.com/status',
      app_id: appId,
    });
    const linked = await numbersCalls(sim).ownedJson({ application_id: appId });
    expect(linked.numbers?.map((number) => number.msisdn)).toEqual([msisdn]);
    expect(sim.state.numbers.updates).toBe(1);
  });

  it('leaves absent fields unchanged and clears a field sent as ""', async () => {
    const { country, msisdn } = plainNumber();
    const { update } = numbersCalls(sim);
    await update({
      country,
      msisdn,
      moHttpUrl: 'https://example.com/mo',
      voiceStatusCallback: 'x',
    });
    await update({ country, msisdn, voiceCallbackType: 'sip', voiceCallbackValue: 'sip:a@b.c' });

    await update({ country, msisdn, moHttpUrl: '' });

    const record = await listed(msisdn);
    expect(record).toMatchObject({ voiceCallbackType: 'sip', voiceStatusCallback: 'x' });
    expect(record).not.toHaveProperty('moHttpUrl');
  });

  it('unlinks the application when app_id is ""', async () => {
    const [linked] = sim.state.numbers.owned.values();
    const { country = '', msisdn = '' } = linked ?? {};

    await numbersCalls(sim).update({ country, msisdn, app_id: '' });

    const record = await listed(msisdn);
    expect(record).not.toHaveProperty('app_id');
    expect(record).not.toHaveProperty('messagesCallbackType');
  });

  it.each([
    [{ voiceCallbackType: 'tel' }, 'voiceCallbackValue'],
    [{ voiceCallbackValue: '447700900001' }, 'voiceCallbackType'],
    [{ voiceCallbackType: 'fax', voiceCallbackValue: '447700900001' }, 'voiceCallbackType'],
  ])('refuses %j with a 400 naming %s and changes nothing', async (fields, name) => {
    const { country, msisdn } = plainNumber();

    const answer = await numbersCalls(sim).update({ country, msisdn, moHttpUrl: 'x', ...fields });

    expect(answer.status).toBe(400);
    expect(invalidNames(answer)).toEqual([name]);
    expect(await listed(msisdn)).not.toHaveProperty('moHttpUrl');
    expect(sim.state.numbers.updates).toBe(0);
  });

  it('refuses a number the account does not own with 420 "method failed"', async () => {
    const answer = await numbersCalls(sim).update({
      country: 'GB',
      msisdn: '447000000000',
      moHttpUrl: 'https://example.com/mo',
    });

    expect([answer.status, answer.text]).toEqual([420, METHOD_FAILED]);
  });

  it('refuses bad credentials with the 401 under <response>', async () => {
    const answer = await call(sim, '/number/update', {
      auth: 'none',
      form: { country: 'US', msisdn: plainNumber().msisdn },
      headers: { accept: 'application/xml' },
    });

    expect(answer.status).toBe(401);
    expect(answer.text).toContain('<response>\n  <error-code>401</error-code>');
  });
});

describe('numbers state', () => {
  it('reset() restores the starting numbers, the pool and the counters', async () => {
    const before = await numbersCalls(sim).ownedJson();
    const { msisdn } = await numbersCalls(sim).firstAvailable('GB');
    const { country: usCountry, msisdn: us } = plainNumber();
    await numbersCalls(sim).buy({ country: 'GB', msisdn });
    await numbersCalls(sim).cancel({ country: usCountry, msisdn: us });
    const [first] = sim.state.numbers.owned.values();
    await numbersCalls(sim).update({ country: 'GB', msisdn: first?.msisdn ?? '', moHttpUrl: '' });

    sim.reset();

    expect(await numbersCalls(sim).ownedJson()).toEqual(before);
    expect((await numbersCalls(sim).firstAvailable('GB')).msisdn).toBe(msisdn);
    const { purchases, cancellations, updates } = sim.state.numbers;
    expect([purchases, cancellations, updates]).toEqual([0, 0, 0]);
    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it('keeps the owned map the test holds live across reset()', async () => {
    const owned = sim.state.numbers.owned;
    owned.clear();

    sim.reset();

    expect(sim.state.numbers.owned).toBe(owned);
    expect(owned.size).toBe(3);
  });

  it('has no rate limit by default', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => numbersCalls(sim).ownedJson()),
    );

    expect(answers.every((answer) => answer.count === 3)).toBe(true);
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('limits the numbers endpoints together once rateLimitPerSecond is set live', async () => {
    sim.state.numbers.rateLimitPerSecond = 1;

    const first = await numbersCalls(sim).owned();
    const second = await numbersCalls(sim).search({ country: 'GB' });
    const balance = await call(sim, '/account/get-balance');

    expect([first.status, second.status, second.text]).toEqual([200, 429, '']);
    expect(balance.status).toBe(200);
    expect(sim.counters.rateLimited).toBe(1);
  });

  it('takes the rate limit from the options', async () => {
    const limited = await startSimulator({ numbers: { rateLimitPerSecond: 2 } });
    try {
      const first = await numbersCalls(limited).owned();
      const second = await numbersCalls(limited).owned();

      expect([first.status, second.status]).toEqual([200, 429]);
      expect(limited.state.numbers.rateLimitPerSecond).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it.each([
    { owned: -1 },
    { owned: 1.5 },
    { rateLimitPerSecond: -1 },
    { dashboardCountries: ['XX'] },
  ])('refuses the start option %j', async (numbers) => {
    await expect(startSimulator({ numbers })).rejects.toThrow(RangeError);
  });
});
