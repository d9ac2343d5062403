import { createClient } from 'graphql-sse';
import { type Simulator, startSimulator } from '../../src/simulator';
import { tokenEntry } from '../helpers/auth';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

const SECRET = 'Webhook-signing-secret-0123456789';

let simulator: Simulator;
let gateway: TestGateway;
let owned: string;

beforeAll(async () => {
  simulator = await startSimulator({ signatureSecret: SECRET, signatureMethod: 'sha256' });
  gateway = await startGateway({
    ...simulatorEnv(simulator),
    WEBHOOK_SIGNATURE_SECRET: SECRET,
    WEBHOOK_SIGNATURE_METHOD: 'sha256',
    MAX_SUBSCRIPTIONS_PER_CALLER: '3',
  });
});

afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
  for (const number of simulator.state.numbers.owned.values()) delete number.moHttpUrl;
  simulator.state.account.moCallbackUrl = `${gateway.url}/webhooks/inbound-sms`;
  simulator.state.account.drCallbackUrl = `${gateway.url}/webhooks/delivery-receipt`;
  [owned] = [...simulator.state.numbers.owned.keys()];
});

const bus = () => gateway.app.runtime.services.events.bus;

/** Streams this test holds open: the bus counts them all once each is subscribed or gone. */
let open = 0;

async function settled(): Promise<void> {
  for (let i = 0; i < 2_000 && bus().subscribers !== open; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(bus().subscribers).toBe(open);
}

/** Opens a subscription and resolves once the bus counts it, with its iterator. */
async function subscribe<T>(query: string, variables?: Record<string, unknown>, counted = true) {
  const client = createClient({ url: `${gateway.url}/graphql/stream`, retryAttempts: 0 });
  const events = client.iterate<T>({ query, variables }) as AsyncIterableIterator<{
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }>;
  const first = events.next();
  if (counted) open++;
  await settled();
  return {
    first,
    events,
    close: async () => {
      client.dispose();
      if (counted) open--;
      await settled();
    },
  };
}

type Sms = { inboundSms: { eventId: string; from: string; to: string; text: string } };

describe('subscriptions over server-sent events', () => {
  it('delivers a signed inbound SMS to a subscribed client, joined when in parts', async () => {
    const stream = await subscribe<Sms>(
      `subscription($to: [String!]) { inboundSms(to: $to) { eventId from to text complete } }`,
      { to: [owned] },
    );
    const text = 'x'.repeat(400);
    await simulator.sendInboundSms({ to: owned, text });
    const { value } = await stream.first;
    expect(value.data?.inboundSms).toMatchObject({ to: owned, text, complete: true });
    await stream.close();
  });

  it('delivers a delivery receipt after a send, filtered by recipient and by message id', async () => {
    const byRecipient = await subscribe<{
      deliveryReceipts: { messageId: string; status: string };
    }>('subscription($to: [String!]) { deliveryReceipts(to: $to) { messageId status to } }', {
      to: ['447700900001'],
    });
    simulator.sendSms({ from: owned, to: '447700900002', text: 'not this one' });
    const sent = simulator.sendSms({ from: owned, to: '447700900001', text: 'hi' });
    const { value } = await byRecipient.first;
    expect(value.data?.deliveryReceipts).toMatchObject({
      messageId: sent.messageId,
      status: 'DELIVERED',
      to: '447700900001',
    });
    await byRecipient.close();
  });

  it('keeps to the message ids asked for', async () => {
    // Receipts follow 300 ms after a send: the subscription is open before either comes.
    simulator.state.webhooks.settings.delayMs = 300;
    const other = simulator.sendSms({ from: owned, to: '447700900002', text: 'first sent' });
    const sent = simulator.sendSms({ from: owned, to: '447700900003', text: 'second sent' });
    const byId = await subscribe<{ deliveryReceipts: { messageId: string } }>(
      'subscription($ids: [String!]) { deliveryReceipts(messageIds: $ids) { messageId } }',
      { ids: [sent.messageId] },
    );
    expect((await byId.first).value.data?.deliveryReceipts.messageId).toBe(sent.messageId);
    expect(other.messageId).not.toBe(sent.messageId);
    await byId.close();
  });

  it('resumes after the last event id: a client that reconnects gets what it missed', async () => {
    const stream = await subscribe<Sms>('subscription { inboundSms { eventId text } }');
    await simulator.sendInboundSms({ to: owned, text: 'one' });
    const first = (await stream.first).value.data!.inboundSms;
    await stream.close();
    // While no one listens:
    await simulator.sendInboundSms({ to: owned, text: 'two' });
    await simulator.sendInboundSms({ to: owned, text: 'three' });
    const again = await subscribe<Sms>(
      'subscription($after: String) { inboundSms(after: $after) { eventId text } }',
      { after: first.eventId },
    );
    const texts = [(await again.first).value.data!.inboundSms.text];
    texts.push((await again.events.next()).value.data!.inboundSms.text);
    expect(texts).toEqual(['two', 'three']);
    await again.close();
  });

  it('refuses before a stream opens: a query, bad arguments, and more streams than a caller may hold', async () => {
    const post = (query: string, variables?: object) =>
      fetch(`${gateway.url}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
      });
    const query = await post('{ account { apiKey } }');
    expect(query.status).toBe(400);
    expect(await query.text()).toContain('Only subscriptions');
    const bad = await subscribe<Sms>(
      'subscription { inboundSms(to: ["nope"]) { text } }',
      undefined,
      false,
    );
    const refused = (await bad.first).value;
    expect(JSON.stringify(refused)).toContain('BAD_USER_INPUT');
    await bad.close();
    const streams = await Promise.all(
      [0, 1, 2].map(() => subscribe<Sms>('subscription { inboundSms { text } }')),
    );
    const fourth = await post('subscription { inboundSms { text } }');
    expect(fourth.status).toBe(429);
    expect(await fourth.text()).toContain('SUBSCRIPTION_LIMIT');
    for (const stream of streams) await stream.close();
  });

  it('ends a stream resumed after what is no longer kept with SUBSCRIPTION_ENDED, not silently', async () => {
    const response = await fetch(`${gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { inboundSms(after: "1-0") { text } }' }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('SUBSCRIPTION_ENDED');
    expect(text).toContain('"reason":"lost"');
    expect(text).toContain('event: complete');
  });

  it('publishes nothing for a webhook with a wrong signature', async () => {
    const stream = await subscribe<Sms>('subscription { inboundSms { text } }');
    simulator.state.webhooks.settings.signatureSecret = 'not-the-gateways-secret-000';
    await simulator.sendInboundSms({ to: owned, text: 'forged' });
    simulator.state.webhooks.settings.signatureSecret = SECRET;
    await simulator.sendInboundSms({ to: owned, text: 'genuine' });
    expect((await stream.first).value.data!.inboundSms.text).toBe('genuine');
    await stream.close();
  });
});

describe('subscriptions and scopes', () => {
  const READER = 'numbers-reader-0123456789abcdef';
  const WATCHER = 'messages-watcher-0123456789abcdef';
  let guarded: TestGateway;

  beforeAll(async () => {
    const { AUTH: _none, ...upstream } = simulatorEnv(simulator);
    guarded = await startGateway({
      ...upstream,
      API_TOKENS: [
        tokenEntry('reader', READER, ['numbers:read']),
        tokenEntry('watcher', WATCHER, ['numbers:read', 'messages:read']),
      ].join(','),
    });
  });
  afterAll(() => guarded.close());

  const open = (token?: string) =>
    fetch(`${guarded.url}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: 'subscription { inboundSms { text } }' }),
    });

  it('refuses a bad token with 401, and a token without messages:read when it starts', async () => {
    expect((await open('not-a-token-0123456789abcdef')).status).toBe(401);
    const refused = await open(READER);
    const text = await refused.text();
    expect(text).toContain('FORBIDDEN');
    expect(text).toContain('messages:read');
    expect(guarded.app.runtime.services.events.bus.subscribers).toBe(0);
    const allowed = await open(WATCHER);
    expect(allowed.status).toBe(200);
    await allowed.body?.cancel();
  });
});

describe('a subscription at /graphql, as a router asks a subgraph', () => {
  it('streams it when the request accepts text/event-stream, and answers JSON otherwise', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { inboundSms(after: "1-0") { text } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await response.text()).toContain('event: complete');
    const json = await gateway.graphql('{ account { apiKey } }');
    expect(json.errors).toBeUndefined();
  });
});

describe('subscriptions behind a router (ROUTER_ONLY=all)', () => {
  const TOKEN = 'router-token-0123456789abcdef0123456789';
  let routed: TestGateway;

  beforeAll(async () => {
    routed = await startGateway({ ROUTER_TOKEN: TOKEN, ROUTER_ONLY: 'all' });
  });
  afterAll(() => routed.close());

  const open = (headers: Record<string, string>) =>
    fetch(`${routed.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: 'subscription { inboundSms(after: "1-0") { text } }' }),
    });

  it("refuses a stream to anyone but the router, and serves the router's", async () => {
    const direct = await open({});
    expect(direct.status).toBe(403);
    expect(await direct.text()).toContain('ROUTER_ONLY');
    const viaRouter = await open({ 'router-authorization': TOKEN });
    expect(viaRouter.status).toBe(200);
    expect(await viaRouter.text()).toContain('event: complete');
  });
});
