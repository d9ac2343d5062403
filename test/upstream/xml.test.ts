import { XMLParser } from 'fast-xml-parser';
import { AccountClient } from '../../src/account/account.client';
import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/base/logger';
import { NumbersClient } from '../../src/numbers/numbers.client';
import { NumberFeature, NumberType } from '../../src/numbers/numbers.type';
import { type CountryPricingRecord, PricingClient } from '../../src/pricing/pricing.client';
import { PricingType } from '../../src/pricing/pricing.type';
import { startSimulator, type Simulator } from '../../src/simulator';
import { type XmlList } from '../../src/upstream/decode';
import { type UpstreamRequest } from '../../src/upstream/request';
import { UpstreamTransport } from '../../src/upstream/transport';

/**
 * Every read operation of every area, against the simulator, once in JSON and once in XML (the
 * simulator forced to answer XML whatever the Accept header says): the two must decode to the
 * same records. A client that forgets to declare one of its XML lists reads a wrapper object or a
 * lone entry where a list belongs, and fails here.
 */

interface Clients {
  account: AccountClient;
  pricing: PricingClient;
  numbers: NumbersClient;
}

interface ReadCase {
  name: string;
  setup?(sim: Simulator): void;
  teardown?(sim: Simulator): void;
  read(clients: Clients): Promise<unknown>;
  /** What makes the answer worth comparing: lists non-empty, fields set. */
  nonTrivial(result: never): void;
}

type Page = { count: number; numbers: Record<string, unknown>[] };
type Country = { networks: { ranges: string[] }[] } & Record<string, unknown>;

let sim: Simulator;
let transport: UpstreamTransport;
let clients: Clients;

beforeAll(async () => {
  sim = await startSimulator({ numbers: { owned: 8 } });
  const config = loadConfig({
    AUTH: 'none',
    VONAGE_API_KEY: sim.apiKey,
    VONAGE_API_SECRET: sim.apiSecret,
    VONAGE_REST_URL: sim.url,
  });
  transport = new UpstreamTransport({ config: config.upstream, logger: silentLogger });
  clients = {
    account: new AccountClient(transport),
    pricing: new PricingClient(transport),
    numbers: new NumbersClient(transport),
  };
});

beforeEach(() => {
  sim.reset();
  sim.state.pricing.rateLimitPerSecond = 0;
  // The first owned number gets every webhook there is: an app, an SMS webhook, a voice
  // callback and a voice status callback.
  const [first] = sim.state.numbers.owned.values();
  Object.assign(first, {
    voiceCallbackType: 'sip',
    voiceCallbackValue: `sip:${first.msisdn}@sip.example.com`,
    voiceStatusCallback: 'https://example.com/webhooks/voice-status',
  });
});

afterAll(async () => {
  await transport.close();
  await sim.close();
});

const hasNetworksAndRanges = (country: Country) => {
  expect(country.networks.length).toBeGreaterThan(1);
  expect(country.networks.some((network) => network.ranges.length > 0)).toBe(true);
};
const withPrefix = (countries: CountryPricingRecord[], prefix: string) =>
  countries.filter((country) => country.dialingPrefix === prefix);
const legacy = {
  setup: (s: Simulator) => (s.state.pricing.legacyShape = true),
  teardown: (s: Simulator) => (s.state.pricing.legacyShape = false),
};

const READS: ReadCase[] = [
  {
    name: 'account getBalance',
    read: (c) => c.account.getBalance(),
    nonTrivial: (balance: { value: string }) => expect(balance.value).toMatch(/^\d+\.\d{8}$/),
  },
  {
    name: 'account getSettings',
    setup: (s) => (s.state.account.moCallbackUrl = 'https://example.com/mo'),
    read: (c) => c.account.getSettings(),
    nonTrivial: (settings: Record<string, unknown>) =>
      expect(settings).toMatchObject({
        moCallbackUrl: 'https://example.com/mo',
        drCallbackUrl: null,
      }),
  },
  ...[PricingType.SMS, PricingType.VOICE].flatMap((type): ReadCase[] => [
    {
      name: `pricing getCountryPricing ${type} GB`,
      read: (c) => c.pricing.getCountryPricing(type, 'GB'),
      nonTrivial: hasNetworksAndRanges,
    },
    {
      name: `pricing getCountryPricing ${type} GB, legacy shape`,
      ...legacy,
      read: (c) => c.pricing.getCountryPricing(type, 'GB'),
      nonTrivial: (country: Country) => expect(country.networks.length).toBeGreaterThan(1),
    },
    {
      name: `pricing getCountryPricing ${type} AQ, not priced`,
      read: (c) => c.pricing.getCountryPricing(type, 'AQ'),
      nonTrivial: (country: null) => expect(country).toBeNull(),
    },
    {
      name: `pricing getFullPricing ${type}`,
      read: (c) => c.pricing.getFullPricing(type),
      nonTrivial: (countries: Country[]) => {
        expect(countries.length).toBeGreaterThan(200);
        hasNetworksAndRanges(countries.find((country) => country.countryCode === 'GB')!);
      },
    },
    // A prefix's countries come from the catalogue (PricingService.prefix).
    {
      name: `pricing getFullPricing ${type}, the countries of prefix 1 (several)`,
      read: async (c) => withPrefix(await c.pricing.getFullPricing(type), '1'),
      nonTrivial: (countries: Country[]) => expect(countries.length).toBeGreaterThan(1),
    },
    {
      name: `pricing getFullPricing ${type}, the countries of prefix 33 (one)`,
      read: async (c) => withPrefix(await c.pricing.getFullPricing(type), '33'),
      nonTrivial: (countries: Country[]) => expect(countries).toHaveLength(1),
    },
  ]),
  {
    name: 'numbers listOwned, a page of several with webhooks and callbacks',
    read: (c) => c.numbers.listOwned({}, { page: 1, pageSize: 10 }),
    nonTrivial: (page: Page) => {
      expect(page.count).toBe(8);
      expect(page.numbers).toHaveLength(8);
      expect(page.numbers[0]).toMatchObject({
        moHttpUrl: expect.any(String),
        applicationId: expect.any(String),
        voiceCallback: { type: 'sip' },
        voiceStatusCallback: expect.any(String),
        messagesCallback: { type: 'app' },
      });
      for (const number of page.numbers) {
        expect((number.features as unknown[]).length).toBeGreaterThan(0);
      }
    },
  },
  {
    name: 'numbers listOwned, a page of one',
    read: (c) => c.numbers.listOwned({}, { page: 2, pageSize: 1 }),
    nonTrivial: (page: Page) => {
      expect(page.count).toBe(8);
      expect(page.numbers).toHaveLength(1);
      expect(page.numbers[0].voiceCallback).toMatchObject({ type: 'sip' });
    },
  },
  {
    name: 'numbers listOwned, an empty page past the end',
    read: (c) => c.numbers.listOwned({}, { page: 99, pageSize: 10 }),
    nonTrivial: (page: Page) => expect(page).toEqual({ count: 0, numbers: [] }),
  },
  {
    name: 'numbers search with features',
    read: (c) =>
      c.numbers.search(
        { country: 'GB', features: [NumberFeature.VOICE, NumberFeature.SMS] },
        { page: 1, pageSize: 20 },
      ),
    nonTrivial: (page: Page) => {
      expect(page.numbers.length).toBeGreaterThan(1);
      for (const number of page.numbers) {
        expect(number.features).toEqual(expect.arrayContaining(['SMS', 'VOICE']));
        expect(number.monthlyCost).toEqual(expect.any(String));
      }
    },
  },
  {
    name: 'numbers search by type, a page of one',
    read: (c) =>
      c.numbers.search({ country: 'US', type: NumberType.LANDLINE }, { page: 1, pageSize: 1 }),
    nonTrivial: (page: Page) => {
      expect(page.count).toBeGreaterThan(1);
      expect(page.numbers).toHaveLength(1);
      expect(page.numbers[0]).toMatchObject({ type: NumberType.LANDLINE });
    },
  },
];

function decodesAlike(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}

/** Reads as JSON or as forced XML, and says how many XML documents were parsed meanwhile. */
async function readAs(format: 'json' | 'xml', read: ReadCase) {
  const parse = jest.spyOn(XMLParser.prototype, 'parse');
  try {
    read.setup?.(sim);
    sim.forceXml = format === 'xml';
    const result = await read.read(clients);
    return { result, parsed: parse.mock.calls.length };
  } finally {
    sim.forceXml = false;
    read.teardown?.(sim);
    parse.mockRestore();
  }
}

describe('every read operation decodes its XML answer as its JSON one', () => {
  it.each(READS)('$name', async (read) => {
    const json = await readAs('json', read);
    const xml = await readAs('xml', read);
    expect(json.parsed).toBe(0);
    expect(xml.parsed).toBe(1);
    read.nonTrivial(json.result as never);
    expect(xml.result).toEqual(json.result);
  });
});

/**
 * The comparison above is only as good as its answers: each list a client declares must make a
 * difference to at least one of them. Each declared list is left out in turn, and some read of
 * that operation must then come out different in XML.
 */
describe('every declared XML list is needed by some answer above', () => {
  it('finds each declared list missed when it is left out', async () => {
    const declared = new Map<string, { list: XmlList; reads: ReadCase[] }>();
    const original = transport.request.bind(transport);
    let leaveOut: XmlList | undefined;
    const spy = jest.spyOn(transport, 'request').mockImplementation((req: UpstreamRequest) => {
      const lists = req.xmlLists ?? [];
      return original({ ...req, xmlLists: lists.filter((list) => list !== leaveOut) });
    });
    const json = new Map<ReadCase, unknown>();
    try {
      for (const read of READS) {
        const before = spy.mock.calls.length;
        json.set(read, (await readAs('json', read)).result);
        for (const [req] of spy.mock.calls.slice(before)) {
          for (const list of req.xmlLists ?? []) {
            const key = `${req.operation} ${list.at}`;
            const entry = declared.get(key) ?? { list, reads: [] };
            entry.reads.push(read);
            declared.set(key, entry);
          }
        }
      }
      expect(declared.size).toBeGreaterThan(0);

      const unnoticed: string[] = [];
      for (const [key, { list, reads }] of declared) {
        leaveOut = list;
        let noticed = false;
        for (const read of reads) {
          const broken = await readAs('xml', read).then(
            ({ result }) => result,
            (error: unknown) => error,
          );
          noticed = !decodesAlike(broken, json.get(read));
          if (noticed) break;
        }
        leaveOut = undefined;
        if (!noticed) unnoticed.push(key);
      }
      expect(unnoticed).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
