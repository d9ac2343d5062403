import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { startSimulator, type Simulator } from '../../src/simulator';
import { invalidNames, numbersCalls, XML } from './numbers-helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const TWO_PLACES = /^\d+\.\d{2}$/;
const LIBPHONENUMBER_TYPES: Record<string, string[]> = {
  'mobile-lvn': ['MOBILE', 'FIXED_LINE_OR_MOBILE'],
  landline: ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE'],
  'landline-toll-free': ['TOLL_FREE'],
};

describe('GET /number/search', () => {
  it('finds plenty of GB mobiles with SMS, sending count as a string', async () => {
    const answer = await numbersCalls(sim).search({
      country: 'GB',
      type: 'mobile-lvn',
      features: 'SMS',
      size: '100',
    });
    const list = answer.json() as { count: string; numbers: { type: string; features: [] }[] };

    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^\{"count":"\d+","numbers":\[/);
    expect(Number(list.count)).toBeGreaterThanOrEqual(30);
    expect(list.numbers).toHaveLength(Number(list.count));
    expect(list.numbers.every(({ type }) => type === 'mobile-lvn')).toBe(true);
    expect(list.numbers.every(({ features }) => (features as string[]).includes('SMS'))).toBe(true);
  });

  it.each(['GB', 'US', 'CA', 'BR', 'IN', 'ZA', 'JP', 'SE'])(
    'offers %s numbers that are valid E.164 numbers of their country and type, with a 2-place cost',
    async (country) => {
      const { numbers = [] } = await numbersCalls(sim).searchJson({ country, size: '100' });

      expect(numbers.length).toBeGreaterThan(10);
      for (const number of numbers) {
        const parsed = parsePhoneNumberFromString(`+${number.msisdn}`);
        expect([number.msisdn, parsed?.country, parsed?.isValid()]).toEqual([
          number.msisdn,
          country,
          true,
        ]);
        expect(LIBPHONENUMBER_TYPES[number.type]).toContain(parsed?.getType());
        expect(number.cost).toMatch(TWO_PLACES);
        expect(number.country).toBe(country);
      }
    },
  );

  it('never offers a number the account owns', async () => {
    const owned = [...sim.state.numbers.owned.values()].filter(({ country }) => country === 'GB');
    const { numbers = [] } = await numbersCalls(sim).searchJson({ country: 'GB', size: '100' });

    expect(owned).toHaveLength(2);
    const offered = new Set(numbers.map(({ msisdn }) => msisdn));
    expect(owned.filter(({ msisdn }) => offered.has(msisdn))).toEqual([]);
  });

  it.each(['SMS', 'VOICE', 'MMS', 'SMS,VOICE', 'SMS,MMS', 'VOICE,MMS', 'SMS,MMS,VOICE'])(
    'accepts features=%s and offers only numbers that have every one of them',
    async (features) => {
      const answer = await numbersCalls(sim).search({ country: 'US', features, size: '100' });
      const { numbers = [] } = answer.json() as { numbers?: { features: string[] }[] };

      expect(answer.status).toBe(200);
      expect(numbers.length).toBeGreaterThan(0);
      for (const feature of features.split(',')) {
        expect(numbers.every((number) => number.features.includes(feature))).toBe(true);
      }
    },
  );

  it.each(['VOICE,SMS', 'MMS,SMS', 'SMS,VOICE,MMS', 'sms', 'SMS, VOICE', 'FAX'])(
    'refuses features=%s, which is not one of the canonical combinations, with a 400',
    async (features) => {
      const answer = await numbersCalls(sim).search({ country: 'GB', features });

      expect(answer.status).toBe(400);
      expect(invalidNames(answer)).toEqual(['features']);
    },
  );

  it('narrows by type: GB toll-free numbers take voice only', async () => {
    const { numbers = [] } = await numbersCalls(sim).searchJson({
      country: 'GB',
      type: 'landline-toll-free',
    });

    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every(({ type }) => type === 'landline-toll-free')).toBe(true);
    expect(numbers.every(({ features }) => features.join() === 'VOICE')).toBe(true);
    expect(numbers.every(({ msisdn }) => msisdn.startsWith('448'))).toBe(true);
  });

  it('matches the pattern at the end with search_pattern=2', async () => {
    const target = await numbersCalls(sim).firstAvailable('GB', { type: 'landline' });
    const pattern = target.msisdn.slice(-6);

    const { numbers = [] } = await numbersCalls(sim).searchJson({
      country: 'GB',
      pattern,
      search_pattern: '2',
    });

    expect(numbers.map(({ msisdn }) => msisdn)).toContain(target.msisdn);
    expect(numbers.every(({ msisdn }) => msisdn.endsWith(pattern))).toBe(true);
  });

  it('pages the pool like the owned list, with {} past the end', async () => {
    const { searchJson, search } = numbersCalls(sim);
    const first = await searchJson({ country: 'GB', size: '30' });
    const count = Number(first.count);
    const lastIndex = Math.ceil(count / 30);
    const last = await searchJson({ country: 'GB', size: '30', index: String(lastIndex) });
    const past = await search({ country: 'GB', size: '30', index: String(lastIndex + 1) });

    expect(first.numbers).toHaveLength(30);
    expect(last.numbers).toHaveLength(count - 30 * (lastIndex - 1));
    expect(last.count).toBe(first.count);
    expect(past.text).toBe('{}');
  });

  it('still offers numbers of countries whose numbers are bought on the Dashboard', async () => {
    const { count } = await numbersCalls(sim).searchJson({ country: 'DE' });

    expect(Number(count)).toBeGreaterThan(0);
  });

  it('answers {} for a country with no numbering plan (Antarctica)', async () => {
    expect((await numbersCalls(sim).search({ country: 'AQ' })).text).toBe('{}');
  });

  it.each([
    [{}, 'country'],
    [{ country: 'ZZ' }, 'country'],
    [{ country: 'GBR' }, 'country'],
    [{ country: 'GB', type: 'mobile' }, 'type'],
    [{ country: 'GB', size: '500' }, 'size'],
    [{ country: 'GB', index: '-1' }, 'index'],
  ])('refuses %j with a 400 naming %s', async (query, name) => {
    const answer = await numbersCalls(sim).search(query);

    expect(answer.status).toBe(400);
    expect(invalidNames(answer)).toEqual([name]);
  });

  it('answers XML under <inbound-numbers>, one <numbers> per number, features wrapped', async () => {
    const answer = await numbersCalls(sim).search(
      { country: 'GB', type: 'landline-toll-free', size: '2' },
      XML,
    );

    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.text).toMatch(/<inbound-numbers>\n {2}<count>\d+<\/count>\n {2}<numbers>\n/);
    expect(answer.text.match(/<numbers>/g)).toHaveLength(2);
    expect(answer.text).toMatch(/<cost>\d+\.\d{2}<\/cost>/);
    expect(answer.text).toContain('<type>landline-toll-free</type>');
    expect(answer.text).toContain('<features>\n      <feature>VOICE</feature>\n    </features>');
  });
});
