import { type ChildProcess } from 'node:child_process';
import { type PriceMove, type Simulator, startSimulator } from '../../src/simulator';
import { pricingCalls } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres';
import { spawnGateway, startupLine } from '../helpers/process';

/**
 * Price history end to end: the real gateway over HTTP against the sandbox, which moves three
 * network prices between two catalogue reads; pricingChanges must then list exactly those three.
 */

const CHANGES = `query Changes($since: DateTimeISO!, $after: String) {
  pricingChanges(type: SMS, since: $since, pageSize: 500, after: $after) {
    nodes { countryCode networkCode kind oldPrice newPrice changePercent currency seenAt }
    hasNextPage
    endCursor
  }
}`;

interface Change {
  countryCode: string;
  networkCode: string;
  kind: string;
  oldPrice: string;
  newPrice: string;
  changePercent: string | null;
  currency: string;
  seenAt: string;
}

async function post<T>(url: string, query: string, variables?: object): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** Every change since `since`, all pages. */
async function changes(url: string, since: string): Promise<Change[]> {
  const found: Change[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    type Page = { pricingChanges: { nodes: Change[]; hasNextPage: boolean; endCursor: string } };
    const data: Page = await post<Page>(url, CHANGES, { since, after });
    found.push(...data.pricingChanges.nodes);
    if (!data.pricingChanges.hasNextPage) return found;
    after = data.pricingChanges.endCursor;
  }
  throw new Error('more than 20 pages of changes');
}

/** Reads the full SMS catalogue (the query that makes the gateway fetch it when it is stale). */
async function readCatalogue(url: string): Promise<void> {
  const data = await post<{ pricings: unknown[] }>(
    url,
    '{ pricings(types: [SMS]) { countryCode } }',
  );
  expect(data.pricings.length).toBeGreaterThan(100);
}

/** Polls (bounded) until `check` passes: recording runs after the read has answered. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prices are fresh for 1 s and refreshed before answering after that. */
const REFRESH_ENV = {
  PRICE_HISTORY: 'on',
  PRICING_TTL_MS: '1000',
  PRICING_STALE_WHILE_REVALIDATE_MS: '0',
};

function expectExactly(found: Change[], moved: PriceMove[]): void {
  const view = (change: Change) => ({
    countryCode: change.countryCode,
    networkCode: change.networkCode,
    oldPrice: change.oldPrice,
    newPrice: change.newPrice,
  });
  expect(found.map(view)).toEqual(
    expect.arrayContaining(
      moved.map((move) => ({
        countryCode: move.country,
        networkCode: move.networkCode,
        oldPrice: move.from,
        newPrice: move.to,
      })),
    ),
  );
  expect(found).toHaveLength(moved.length);
  for (const change of found) {
    expect(change.kind).toBe('CHANGED');
    expect(change.currency).toBe('EUR');
    expect(change.changePercent).toMatch(/^-?\d+\.\d{2}$/);
  }
}

describe.each([
  ['the embedded database', 'embedded'],
  ['a PostgreSQL server', 'postgres'],
] as const)('pricingChanges on %s', (_name, kind) => {
  let gateway: TestGateway;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = kind === 'postgres' ? await createTestDatabase('gateway') : undefined;
    gateway = await startGateway({
      ...REFRESH_ENV,
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('lists exactly the three prices the sandbox moved before the catalogue refreshed', async () => {
    const simulator = gateway.simulator!;
    const history = gateway.app.runtime.services.history;
    const since = new Date().toISOString();
    await readCatalogue(gateway.url);
    await history.idle();
    // The first catalogue is the baseline: first seen, not changes.
    expect(await changes(gateway.url, since)).toEqual([]);
    expect(history.stats).toMatchObject({ recorded: 1, changes: 0, failed: 0 });

    const moved = simulator.movePrices(3);
    await sleep(1_200);
    await readCatalogue(gateway.url);
    const found = await eventually(
      () => changes(gateway.url, since),
      (list) => list.length >= 3,
    );
    expectExactly(found, moved);
    expect(history.stats).toMatchObject({ recorded: 2, changes: 3, failed: 0 });

    // A later window holds nothing; a read from the cache records nothing. (On a loaded machine
    // the 1 s catalogue may have expired by now: a read that called Vonage records once more,
    // with no change, as the simulator's count shows.)
    const calls = pricingCalls(simulator);
    await readCatalogue(gateway.url);
    await history.idle();
    expect(await changes(gateway.url, new Date(Date.now() + 1_000).toISOString())).toEqual([]);
    expect(history.stats).toMatchObject({
      recorded: 2 + pricingCalls(simulator) - calls,
      changes: 3,
    });
  }, 60_000);

  it("answers priceHistory: a network's first price, then each change, oldest first", async () => {
    const [move] = gateway.simulator!.movePrices(1);
    await sleep(1_200);
    await readCatalogue(gateway.url);
    await gateway.app.runtime.services.history.idle();
    const data = await post<{ priceHistory: { nodes: Change[] } }>(
      gateway.url,
      `{ priceHistory(country: "${move.country.toLowerCase()}", networkCode: "${move.networkCode}") {
        nodes { kind oldPrice newPrice }
      } }`,
    );
    // The network may have moved in the test before too.
    const nodes = data.priceHistory.nodes;
    expect(nodes[0]).toMatchObject({ kind: 'FIRST_SEEN', oldPrice: null });
    expect(nodes[nodes.length - 1]).toEqual({
      kind: 'CHANGED',
      oldPrice: move.from,
      newPrice: move.to,
    });
    nodes.slice(1).forEach((node, index) => expect(node.oldPrice).toBe(nodes[index].newPrice));
  }, 30_000);
});

describe('two gateway processes sharing one PostgreSQL database', () => {
  let simulator: Simulator;
  let database: TestDatabase;
  let replicas: { url: string; child: ChildProcess }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('replicas');
    // No Redis: each replica reads the catalogue itself, so both record the same change.
    simulator = await startSimulator({ pricing: { rateLimitPerSecond: 0 } });
    const env = {
      ...simulatorEnv(simulator),
      ...REFRESH_ENV,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
    };
    // Started together: their migrations run at once on the new database.
    replicas = await Promise.all(
      [0, 1].map(async () => {
        const child = spawnGateway(env);
        return { url: String((await startupLine(child)).url), child };
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      replicas.map(
        ({ child }) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await simulator?.close();
    await database?.drop();
  });

  it('record each change once', async () => {
    const since = new Date().toISOString();
    await Promise.all(replicas.map(({ url }) => readCatalogue(url)));
    await sleep(1_500);
    const moved = simulator.movePrices(3);
    await Promise.all(replicas.map(({ url }) => readCatalogue(url)));
    for (const { url } of replicas) {
      const found = await eventually(
        () => changes(url, since),
        (list) => list.length >= 3,
      );
      expectExactly(found, moved);
    }
    // Both replicas read the moved catalogue; a moment later still only three rows.
    await sleep(500);
    expectExactly(await changes(replicas[1].url, since), moved);
  }, 60_000);
});

describe('a gateway whose history database cannot be reached', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      PRICE_HISTORY: 'on',
      DATABASE_URL: 'postgres://gateway@127.0.0.1:1/nowhere',
    });
  });

  afterAll(() => gateway?.close());

  it('still answers prices, counts the failed recording, and says history is unavailable', async () => {
    await readCatalogue(gateway.url);
    await gateway.app.runtime.services.history.idle();
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_price_history_catalogues_total\{result="failed"\} 1/);
    const result = await gateway.graphql(
      '{ pricingChanges(since: "2026-01-01T00:00:00Z") { pageSize } }',
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'HISTORY_UNAVAILABLE' });
    // The URL (it may hold a password) is never repeated.
    expect(JSON.stringify(result)).not.toContain('127.0.0.1:1');
  });
});
