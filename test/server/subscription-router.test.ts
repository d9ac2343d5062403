import { type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { type Supergraph, startSupergraph } from './supergraph';

// A router (the Hive Gateway runtime) carrying a subscription of this subgraph to a client: it
// asks the subgraph at its URL with Accept: text/event-stream (GraphQL over SSE).

let supergraph: Supergraph;
let router: GatewayRuntime;

beforeAll(async () => {
  supergraph = await startSupergraph(3);
  router = supergraph.router();
});

afterAll(() => supergraph?.close());

/** Reads a stream of server-sent events until one `data:` line holds `needle`. */
async function dataHolding(body: ReadableStream<Uint8Array>, needle: string): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended without ${needle}: ${text}`);
      text += decoder.decode(value, { stream: true });
      const line = text.split('\n').find((l) => l.startsWith('data:') && l.includes(needle));
      if (line) return line.slice('data:'.length).trim();
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

describe('a subscription through the composed gateway', () => {
  it('streams an inbound SMS the subgraph received to the router’s client', async () => {
    const { simulator, vonage } = supergraph;
    for (const number of simulator.state.numbers.owned.values()) delete number.moHttpUrl;
    simulator.state.account.moCallbackUrl = `${vonage.url}/webhooks/inbound-sms`;
    const response = await router.fetch('http://router.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { inboundSms { to text } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const bus = vonage.app.runtime.services.events.bus;
    for (let i = 0; i < 2_000 && bus.subscribers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(bus.subscribers).toBe(1);
    const [to] = supergraph.msisdns;
    await simulator.sendInboundSms({ to, text: 'through the router' });
    const data = JSON.parse(await dataHolding(response.body!, 'through the router'));
    expect(data).toEqual({ data: { inboundSms: { to, text: 'through the router' } } });
  });
});
