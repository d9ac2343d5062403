import { type TestGateway, startGateway } from '../helpers/gateway';

/** Arguments and limits of the history queries: all refused before any database work. */
let gateway: TestGateway;

beforeAll(async () => {
  // History off: a query that passed validation and the limits answers HISTORY_UNAVAILABLE.
  gateway = await startGateway();
});

afterAll(() => gateway.close());

const SINCE = '2026-12-01T00:00:00Z';
const NODES =
  'nodes { countryCode networkCode networkName kind oldPrice newPrice changePercent currency seenAt }';

describe('pricingChanges and priceHistory arguments', () => {
  it.each([
    [`pricingChanges(since: "${SINCE}", pageSize: 0)`, 'pageSize', /from 1 to 500/],
    [`pricingChanges(since: "${SINCE}", pageSize: 501)`, 'pageSize', /from 1 to 500/],
    [`pricingChanges(since: "${SINCE}", countries: ["GB", "XX"])`, 'countries', /country code/],
    [`pricingChanges(since: "${SINCE}", after: "abc")`, 'after', /endCursor/],
    [`priceHistory(country: "ZZ", networkCode: "23410")`, 'country', /country code/],
    [`priceHistory(country: "GB", networkCode: "23 410")`, 'networkCode', /network code/],
  ])('refuses %s, naming the field', async (field, name, message) => {
    const result = await gateway.graphql(`{ ${field} { pageSize } }`);
    const [error] = result.errors!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    expect(error.message).toMatch(message);
  });

  it('refuses a since that is not a date and time, pointing at it', async () => {
    const query = '{ pricingChanges(since: "yesterday") { pageSize } }';
    const result = await gateway.graphql(query);
    expect(result.status).toBe(400);
    const [error] = result.errors!;
    expect(error.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error.message).toMatch(/date-time/);
    // The DateTimeISO scalar's own message does not name the argument; its location does.
    const { column } = (error as unknown as { locations: { column: number }[] }).locations[0];
    expect(query.slice(column - 1)).toMatch(/^"yesterday"/);
  });

  it('answers HISTORY_UNAVAILABLE, saying how to turn it on, when PRICE_HISTORY=off', async () => {
    const result = await gateway.graphql(`{ pricingChanges(since: "${SINCE}") { ${NODES} } }`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'HISTORY_UNAVAILABLE' });
    expect(result.errors![0].message).toMatch(/PRICE_HISTORY=off/);
  });
});

describe('the cost estimate of the history queries', () => {
  const aliased = (n: number, field: string) =>
    Array.from({ length: n }, (_, index) => `a${index}: ${field}`).join('\n');

  it('counts each page at its pageSize: 30 pages of 500 changes are too costly', async () => {
    const query = `{ ${aliased(30, `pricingChanges(since: "${SINCE}", pageSize: 500) { ${NODES} }`)} }`;
    const result = await gateway.graphql(query);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY' });
  });

  it('lets the same operation through with small pages', async () => {
    const query = `{ ${aliased(30, `priceHistory(country: "GB", networkCode: "23410", pageSize: 10) { ${NODES} }`)} }`;
    const result = await gateway.graphql(query);
    expect(result.errors![0].extensions).toMatchObject({ code: 'HISTORY_UNAVAILABLE' });
  });
});
