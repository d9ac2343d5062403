import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import { invalidNames, numbersCalls, XML } from './numbers-helpers';

let sim: Simulator;
let many: Simulator;

beforeAll(async () => {
  [sim, many] = await Promise.all([startSimulator(), startSimulator({ numbers: { owned: 25 } })]);
});
afterAll(() => Promise.all([sim.close(), many.close()]));
beforeEach(() => {
  sim.reset();
  many.reset();
});

describe('GET /account/numbers', () => {
  it('lists the three starting numbers: two GB mobiles and a US landline, count as a number', async () => {
    const answer = await numbersCalls(sim).owned();
    const list = answer.json() as { count: number; numbers: { country: string; type: string }[] };

    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^\{"count":3,"numbers":\[/);
    expect(list.numbers.map(({ country, type }) => `${country} ${type}`)).toEqual([
      'GB mobile-lvn',
      'GB mobile-lvn',
      'US landline',
    ]);
  });

  it('reports a linked application as app_id and as the messages callback, and omits unset webhooks', async () => {
    const { numbers = [] } = await numbersCalls(sim).ownedJson();
    const [linked, sip, plain] = numbers;

    expect(linked).toMatchObject({
      moHttpUrl: 'https://example.com/webhooks/inbound-sms',
      messagesCallbackType: 'app',
      messagesCallbackValue: linked?.app_id,
    });
    expect(linked?.app_id).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    expect(sip).toMatchObject({ voiceCallbackType: 'sip' });
    expect(Object.keys(sip ?? {})).not.toContain('moHttpUrl');
    expect(Object.keys(plain ?? {}).sort()).toEqual(['country', 'features', 'msisdn', 'type']);
  });

  it('pages with a 1-based index: full pages, a short last page, count over all pages', async () => {
    const { ownedJson } = numbersCalls(many);

    const pages = await Promise.all(
      ['1', '2', '3'].map((index) => ownedJson({ size: '10', index })),
    );

    expect(pages.map((page) => page.count)).toEqual([25, 25, 25]);
    expect(pages.map((page) => page.numbers?.length)).toEqual([10, 10, 5]);
    const all = pages.flatMap((page) => page.numbers ?? []).map(({ msisdn }) => msisdn);
    expect(new Set(all).size).toBe(25);
    expect(all.slice(0, 3)).toEqual([...many.state.numbers.owned.keys()].slice(0, 3));
  });

  it('answers a page past the end as {} exactly, with neither count nor numbers', async () => {
    const answer = await numbersCalls(many).owned({ size: '10', index: '4' });

    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{}');
  });

  it('shows 10 numbers when no size is given', async () => {
    expect((await numbersCalls(many).ownedJson()).numbers).toHaveLength(10);
  });

  it('lists 589 owned numbers completely at size 100: six pages, no duplicates, several countries', async () => {
    const big = await startSimulator({ numbers: { owned: 589 } });
    try {
      const pages = await numbersCalls(big).allOwned();
      const numbers = pages.flat();

      expect(pages.map((page) => page.length)).toEqual([100, 100, 100, 100, 100, 89]);
      expect(new Set(numbers.map(({ msisdn }) => msisdn)).size).toBe(589);
      expect(new Set(numbers.map(({ country }) => country)).size).toBeGreaterThan(5);
      expect((await numbersCalls(big).ownedJson({ size: '100', index: '6' })).count).toBe(589);
    } finally {
      await big.close();
    }
  });

  describe('filters', () => {
    const msisdns = (list: { numbers?: { msisdn: string }[] }) =>
      (list.numbers ?? []).map(({ msisdn }) => msisdn);
    const owned = () => [...many.state.numbers.owned.values()];

    it.each([
      ['0', 'start with', (msisdn: string) => msisdn.slice(0, 6), 'startsWith'],
      ['1', 'contain', (msisdn: string) => msisdn.slice(4, 9), 'includes'],
      ['2', 'end with', (msisdn: string) => msisdn.slice(-5), 'endsWith'],
    ] as const)(
      'search_pattern %s matches numbers that %s the pattern',
      async (mode, _, cut, op) => {
        const target = owned()[7]?.msisdn ?? '';
        const pattern = cut(target);
        const expected = owned()
          .map(({ msisdn }) => msisdn)
          .filter((msisdn) => msisdn[op](pattern));

        const list = await numbersCalls(many).ownedJson({
          pattern,
          search_pattern: mode,
          size: '100',
        });

        expect(msisdns(list)).toContain(target);
        expect(msisdns(list)).toEqual(expected);
        expect(list.count).toBe(expected.length);
      },
    );

    it('matches from the start when search_pattern is absent', async () => {
      const list = await numbersCalls(many).ownedJson({ pattern: '44', size: '100' });
      const gb = owned().filter(({ country }) => country === 'GB');

      expect(gb.length).toBeGreaterThan(0);
      expect(msisdns(list)).toEqual(gb.map(({ msisdn }) => msisdn));
    });

    it('keeps only the country asked for', async () => {
      const list = await numbersCalls(many).ownedJson({ country: 'US', size: '100' });
      const us = owned().filter(({ country }) => country === 'US');

      expect(us.length).toBeGreaterThan(1);
      expect(list.count).toBe(us.length);
      expect(list.numbers?.every(({ country }) => country === 'US')).toBe(true);
    });

    it('splits the list by has_application', async () => {
      const { ownedJson } = numbersCalls(many);
      const linked = await ownedJson({ has_application: 'true', size: '100' });
      const unlinked = await ownedJson({ has_application: 'false', size: '100' });

      expect(linked.numbers?.every(({ app_id }) => app_id !== undefined)).toBe(true);
      expect(unlinked.numbers?.every(({ app_id }) => app_id === undefined)).toBe(true);
      expect(Number(linked.count) + Number(unlinked.count)).toBe(25);
      expect(linked.count).toBe(9);
    });

    it('keeps only the numbers linked to application_id', async () => {
      const appId = owned()[3]?.appId ?? '';
      const list = await numbersCalls(many).ownedJson({ application_id: appId, size: '100' });

      expect(list.count).toBe(owned().filter((number) => number.appId === appId).length);
      expect(list.numbers?.every(({ app_id }) => app_id === appId)).toBe(true);
      expect(list.count).toBeLessThan(9);
    });

    it('answers {} when nothing matches', async () => {
      const answer = await numbersCalls(many).owned({ pattern: '99999999', search_pattern: '1' });

      expect(answer.text).toBe('{}');
    });
  });

  it.each([
    ['size', '0'],
    ['size', '101'],
    ['size', 'ten'],
    ['index', '0'],
    ['search_pattern', '3'],
    ['pattern', '44ab'],
    ['has_application', 'yes'],
    ['country', 'ZZ'],
  ])('refuses %s=%s with a 400 BAD_REQUEST naming it', async (name, value) => {
    const answer = await numbersCalls(sim).owned({ [name]: value });

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ type: 'BAD_REQUEST' });
    expect(invalidNames(answer)).toEqual([name]);
  });

  it('answers XML in kebab-case with one <numbers> per number and wrapped features', async () => {
    const answer = await numbersCalls(sim).owned({}, XML);

    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.text).toMatch(/<inbound-numbers>\n {2}<count>3<\/count>\n {2}<numbers>\n/);
    expect(answer.text.match(/<numbers>/g)).toHaveLength(3);
    expect(answer.text).not.toContain('<numbers>\n    <numbers>');
    expect(answer.text).toContain(
      '<mo-http-url>https://example.com/webhooks/inbound-sms</mo-http-url>',
    );
    expect(answer.text).toContain('<messages-callback-type>app</messages-callback-type>');
    expect(answer.text).toContain('<voice-callback-type>sip</voice-callback-type>');
    expect(answer.text).toMatch(
      /<voice-callback-value>sip:\d+@sip\.example\.com<\/voice-callback-value>/,
    );
    expect(answer.text).toMatch(/<app-id>[0-9a-f-]{36}<\/app-id>/);
    expect(answer.text).toContain(
      '<features>\n      <feature>VOICE</feature>\n      <feature>SMS</feature>\n    </features>',
    );
  });

  it('answers an empty page as an empty <inbound-numbers>', async () => {
    const answer = await numbersCalls(sim).owned({ index: '2' }, XML);

    expect(answer.text).toMatch(/<inbound-numbers><\/inbound-numbers>\s*$/);
  });

  it('refuses bad credentials with the 401 under <inbound-numbers>', async () => {
    const answer = await call(sim, '/account/numbers', { auth: 'none', headers: XML });

    expect(answer.status).toBe(401);
    expect(answer.text).toContain('<inbound-numbers>\n  <error-code>401</error-code>');
  });
});
