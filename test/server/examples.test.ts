import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { type TestGateway, startGateway } from '../helpers/gateway';

const ROOT = path.resolve(__dirname, '..', '..');
// The same reader builds GraphiQL's tabs (scripts/build-graphiql.js) and the README block.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readExamples } = require('../../scripts/build-graphiql') as {
  readExamples(): string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { updatedReadme } = require('../../scripts/examples') as {
  updatedReadme(text?: string): string;
};

const examples = readExamples();

function operationName(text: string): string {
  const definition = parse(text).definitions.find((d) => d.kind === 'OperationDefinition');
  return definition && 'name' in definition && definition.name ? definition.name.value : '';
}

describe('the example operations (schema/examples.graphql)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // The history examples need the price history on, as npm start has it.
    gateway = await startGateway({ PRICE_HISTORY: 'on' });
  });

  afterAll(() => gateway?.close());

  it('are the README block, as npm run examples writes it', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(updatedReadme(readme)).toBe(readme);
    for (const text of examples) expect(readme).toContain(text.trimEnd());
  });

  it('are named operations, one per GraphiQL tab', () => {
    const names = examples.map(operationName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => /^[A-Z]\w+$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  /** A subscription's first event, once the sandbox's simulator sent what it watches. */
  async function firstEvent(text: string) {
    const client = createClient({ url: `${gateway.url}/graphql/stream`, retryAttempts: 0 });
    const events = client.iterate({ query: text });
    const first = events.next();
    const bus = gateway.app.runtime.services.events.bus;
    for (let i = 0; i < 2_000 && bus.subscribers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const simulator = gateway.simulator!;
    const [to] = [...simulator.state.numbers.owned.entries()].find(([, n]) => !n.moHttpUrl)!;
    if (text.includes('inboundSms')) await simulator.sendInboundSms({ to, text: 'Hello' });
    else simulator.sendSms({ from: to, to: '447700900001', text: 'Hi' });
    try {
      return { status: 200, ...((await first).value as { data?: object; errors?: unknown[] }) };
    } finally {
      client.dispose();
    }
  }

  it.each(examples.map((text) => [operationName(text), text]))(
    '%s runs against the sandbox without errors',
    async (_name, text) => {
      // Subscriptions run on the event streams, after ConnectLiveEvents pointed the webhooks here.
      const subscription = getOperationAST(parse(text))?.operation === 'subscription';
      const result = subscription ? await firstEvent(text) : await gateway.graphql(text);
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
      expect(Object.keys(result.data ?? {}).length).toBeGreaterThan(0);
    },
  );
});
