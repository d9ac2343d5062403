import { type ChildProcess } from 'node:child_process';
import { createClient } from 'graphql-sse';
import { type Simulator, startSimulator } from '../../src/simulator';
import { simulatorEnv } from '../helpers/gateway';
import { spawnGateway, startupLine } from '../helpers/process';
import { metricValue, parsePrometheus } from '../helpers/prometheus';
import { SHARED_REDIS_URL, uniqueNamespace } from '../helpers/redis';

const SECRET = 'Webhook-signing-secret-0123456789';

type Sms = { inboundSms: { eventId: string; text: string } };
type Next = { data?: Sms; errors?: unknown[] };

async function metric(url: string, name: string): Promise<number | undefined> {
  const response = await fetch(`${url}/metrics`);
  return metricValue(parsePrometheus(await response.text()), name, {});
}

/** Polls a replica's /metrics until `name` is `value` (15 s at most). */
async function metricReaches(url: string, name: string, value: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await metric(url, name)) === value) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await metric(url, name)).toBe(value);
}

/** A stream on `url`, once that replica counts it among its subscribers. */
async function subscribe(url: string, after?: string) {
  const client = createClient({ url: `${url}/graphql/stream`, retryAttempts: 0 });
  const events = client.iterate<Sms>({
    query: 'subscription($after: String) { inboundSms(after: $after) { eventId text } }',
    variables: { after },
  }) as AsyncIterableIterator<Next>;
  const first = events.next();
  await metricReaches(url, 'gateway_event_subscribers', 1);
  const next = async () => ((await events.next()).value as Next).data!.inboundSms;
  return {
    first: async () => ((await first).value as Next).data!.inboundSms,
    next,
    close: async () => {
      client.dispose();
      await metricReaches(url, 'gateway_event_subscribers', 0);
    },
  };
}

describe('events across two gateway processes sharing Redis', () => {
  let simulator: Simulator;
  let replicas: { url: string; child: ChildProcess }[];
  let owned: string;

  beforeAll(async () => {
    simulator = await startSimulator({ signatureSecret: SECRET, signatureMethod: 'sha256' });
    const env = {
      ...simulatorEnv(simulator),
      REDIS_URL: SHARED_REDIS_URL,
      CACHE_NAMESPACE: uniqueNamespace('events'),
      WEBHOOK_SIGNATURE_SECRET: SECRET,
      WEBHOOK_SIGNATURE_METHOD: 'sha256',
      LOG_LEVEL: 'info',
    };
    replicas = await Promise.all(
      [0, 1].map(async () => {
        const child = spawnGateway(env);
        return { url: String((await startupLine(child)).url), child };
      }),
    );
    for (const number of simulator.state.numbers.owned.values()) delete number.moHttpUrl;
    [owned] = [...simulator.state.numbers.owned.keys()];
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas ?? []) child.kill('SIGTERM');
    await simulator?.close();
  });

  it('hands a webhook received by A to a subscriber on B, and resumes on B after its last eventId', async () => {
    const [a, b] = replicas.map(({ url }) => url);
    // Vonage calls A; the clients read B.
    simulator.state.account.moCallbackUrl = `${a}/webhooks/inbound-sms`;
    const stream = await subscribe(b);
    await simulator.sendInboundSms({ to: owned, text: 'one' });
    const first = await stream.first();
    expect(first.text).toBe('one');
    expect(first.eventId).toMatch(/^\d+-\d+$/);
    await stream.close();
    // While the client is away:
    await simulator.sendInboundSms({ to: owned, text: 'two' });
    await simulator.sendInboundSms({ to: owned, text: 'three' });
    const again = await subscribe(b, first.eventId);
    expect([(await again.first()).text, (await again.next()).text]).toEqual(['two', 'three']);
    await simulator.sendInboundSms({ to: owned, text: 'four' });
    expect((await again.next()).text).toBe('four');
    await again.close();
    // B read the stream for its subscribers; A, with none yet, has not opened its reader.
    expect(await metric(b, 'gateway_events_bus_reads_total')).toBeGreaterThan(0);
    expect(await metric(a, 'gateway_events_bus_reads_total')).toBe(0);
    // A holds none of them in memory: it reads what followed the id from the stream.
    const onA = await subscribe(a, first.eventId);
    const texts = [(await onA.first()).text, (await onA.next()).text, (await onA.next()).text];
    expect(texts).toEqual(['two', 'three', 'four']);
    await onA.close();
  });
});
