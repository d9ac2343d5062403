import { createClient } from 'graphql-sse';
import { type TestGateway, startGateway } from '../helpers/gateway';

describe('live events in the sandbox, turned on by one mutation', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it("points the sandbox account's webhooks at the gateway, and an SMS reaches a subscriber", async () => {
    const endpoints = await gateway.graphql<{
      webhookEndpoints: { inboundSms: string; deliveryReceipt: string };
    }>('{ webhookEndpoints { inboundSms deliveryReceipt signatureMethod } }');
    expect(endpoints.data!.webhookEndpoints).toEqual({
      inboundSms: `${gateway.url}/webhooks/inbound-sms`,
      deliveryReceipt: `${gateway.url}/webhooks/delivery-receipt`,
      signatureMethod: null,
    });
    const connected = await gateway.graphql<{ connectLiveEvents: Record<string, unknown> }>(
      `mutation { connectLiveEvents { __typename
        ... on LiveEventsConnected { settings { moCallbackUrl drCallbackUrl } } } }`,
    );
    expect(connected.errors).toBeUndefined();
    expect(connected.data!.connectLiveEvents).toEqual({
      __typename: 'LiveEventsConnected',
      settings: {
        moCallbackUrl: `${gateway.url}/webhooks/inbound-sms`,
        drCallbackUrl: `${gateway.url}/webhooks/delivery-receipt`,
      },
    });
    const simulator = gateway.simulator!;
    const [owned] = [...simulator.state.numbers.owned.entries()].filter(([, n]) => !n.moHttpUrl);
    const client = createClient({ url: `${gateway.url}/graphql/stream`, retryAttempts: 0 });
    const events = client.iterate<{ inboundSms: { text: string; to: string } }>({
      query: 'subscription { inboundSms { to text } }',
    });
    const first = events.next();
    const bus = gateway.app.runtime.services.events.bus;
    for (let i = 0; i < 2_000 && bus.subscribers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await simulator.sendInboundSms({ to: owned[0], text: 'Hello from the sandbox' });
    expect((await first).value).toEqual({
      data: { inboundSms: { to: owned[0], text: 'Hello from the sandbox' } },
    });
    client.dispose();
  });
});
