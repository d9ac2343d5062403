import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestGateway, startGateway } from '../helpers/gateway';

const EXAMPLES = readFileSync(join(__dirname, '..', '..', 'schema', 'examples.graphql'), 'utf8');

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startGateway({ NUMBERS_RATE_PER_SECOND: '100' });
});

afterAll(() => gateway.close());

async function run(operationName: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: EXAMPLES, operationName }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

describe('the preloaded Numbers examples, in order, against the sandbox', () => {
  it('search, buy, list, update the webhook and cancel, with no edits', async () => {
    const search = await run('SearchGbMobileNumbers');
    const [first] = search.availableNumbers.nodes;
    expect(first).toMatchObject({
      msisdn: '447454603828',
      features: expect.arrayContaining(['SMS']),
    });
    expect(first.pricing.minPrice).toMatch(/^\d+\.\d{8}$/);

    expect((await run('BuyNumber')).buyNumber).toMatchObject({
      __typename: 'NumberPurchased',
      number: { msisdn: '447454603828' },
    });
    const owned = (await run('OwnedNumbers')).ownedNumbers.nodes.map((n: any) => n.msisdn);
    expect(owned).toContain('447454603828');
    expect((await run('UpdateNumberWebhook')).updateNumber).toMatchObject({
      __typename: 'NumberUpdated',
      number: { moHttpUrl: 'https://example.com/webhooks/inbound-sms' },
    });
    expect((await run('CancelNumber')).cancelNumber).toMatchObject({
      __typename: 'NumberCancelled',
    });
    expect(gateway.simulator!.state.numbers.owned.has('447454603828')).toBe(false);
  });
});
