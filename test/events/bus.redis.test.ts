import { silentLogger } from '../../src/base/logger';
import { type RedisConnection, connectRedis } from '../../src/coordination/redis';
import { type BusEvent, type EventFilter, type InboundSms } from '../../src/events';
import { RedisEventBus } from '../../src/events/events.bus.redis';
import { OwnRedis, SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';
import { until } from '../helpers/wait';
import { ascending } from '../helpers/stream-ids';

const all: EventFilter = () => true;
let n = 0;
function sms(to = '447700900999'): InboundSms {
  n += 1;
  return {
    kind: 'InboundSms',
    messageId: `sms-${n}-${Date.now()}`,
    messageIds: [`sms-${n}`],
    from: '447700900001',
    to,
    text: `text ${n}`,
    type: 'text',
    keyword: null,
    receivedAt: '2024-05-01T10:20:30.000Z',
    complete: true,
    missingParts: [],
  };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const one of opened.splice(0).reverse()) await one.close();
});

/** A connection to `url`, closed after the test. */
async function connection(url = SHARED_REDIS_URL): Promise<RedisConnection> {
  const made = connectRedis(url, silentLogger, 1_000);
  opened.push(made);
  await waitForRedis(made);
  return made;
}

/** A bus on `namespace`, as one replica has it: its shared connection, and its own reader. */
async function replica(
  namespace: string,
  options: { maxEvents?: number; bufferSize?: number; url?: string; connected?: boolean } = {},
): Promise<RedisEventBus> {
  const { url = SHARED_REDIS_URL, connected = true, ...limits } = options;
  const shared = connected ? await connection(url) : connectRedis(url, silentLogger, 1_000);
  if (!connected) opened.push(shared);
  const bus = new RedisEventBus(
    { shared, dedicated: () => connectRedis(url, silentLogger, 1_000) },
    { maxEvents: 100, maxAgeMs: 60_000, bufferSize: 50, ...limits, namespace, timeoutMs: 1_000 },
    silentLogger,
  );
  opened.push(bus);
  return bus;
}

type Item = { id: string; event: BusEvent };

/** Reads `count` events (rejects when the subscription ends), and whether it subscribed. */
function read(bus: RedisEventBus, count: number, afterId?: string, filter = all) {
  const controller = new AbortController();
  const got: Item[] = [];
  const done = (async () => {
    for await (const item of bus.subscribe(filter, { signal: controller.signal, afterId })) {
      got.push(item);
      if (got.length === count) break;
    }
    return got;
  })();
  return { done, got, stop: () => controller.abort() };
}

const subscribed = (bus: RedisEventBus, count: number) =>
  until(() => bus.subscribers === count, `${count} subscribers`);

describe('the event bus on a Redis stream', () => {
  it("hands one replica's events to another's subscribers, with the stream's increasing ids", async () => {
    const namespace = uniqueNamespace('bus');
    const [a, b] = [await replica(namespace), await replica(namespace)];
    const onB = read(b, 4, undefined, (event) => event.kind === 'InboundSms' && event.to !== '1');
    await subscribed(b, 1);
    const published = [sms(), sms('1'), sms(), sms(), sms()];
    for (const event of published) await a.publish(event);
    const got = await onB.done;
    expect(got.map(({ event }) => event)).toEqual([published[0], ...published.slice(2)]);
    expect(got.every(({ id }) => /^\d+-\d+$/.test(id))).toBe(true);
    expect(ascending(got.map(({ id }) => id))).toBe(true);
  });

  it('resumes after an id on any replica: the stream first, then new events', async () => {
    const namespace = uniqueNamespace('bus');
    const a = await replica(namespace);
    const first = read(a, 4);
    await subscribed(a, 1);
    const published = [sms(), sms(), sms(), sms()];
    for (const event of published) await a.publish(event);
    const ids = (await first.done).map(({ id }) => id);
    // A replica that started later has none of them in memory: it reads them from the stream.
    const b = await replica(namespace);
    const resumed = read(b, 3, ids[1]);
    await subscribed(b, 1);
    const later = sms();
    await a.publish(later);
    expect((await resumed.done).map(({ event }) => event)).toEqual([
      published[2],
      published[3],
      later,
    ]);
    // On the replica that read them, from memory.
    expect((await read(a, 2, ids[2]).done).map(({ event }) => event)).toEqual([
      published[3],
      later,
    ]);
  });

  it('adds the same event published by two replicas once', async () => {
    const namespace = uniqueNamespace('bus');
    const [a, b] = [await replica(namespace), await replica(namespace)];
    const event = sms();
    await Promise.all([a.publish(event), b.publish(event)]);
    await a.publish(event);
    const admin = await connection();
    expect(await admin.client.xLen(`${namespace}:events`)).toBe(1);
    expect(a.duplicates + b.duplicates).toBe(2);
    // Resumed from the start of the stream: one entry.
    const next = sms();
    await b.publish(next);
    const got = await read(b, 2, '0-0').done;
    expect(got.map(({ event: { messageId } }) => messageId)).toEqual([
      event.messageId,
      next.messageId,
    ]);
  });

  it('keeps about maxEvents (whole stream nodes go): resuming after a trimmed id is lost', async () => {
    const namespace = uniqueNamespace('bus');
    const a = await replica(namespace, { maxEvents: 20 });
    // Its ids, read by a replica that keeps more of them in memory than the stream does.
    const reader = await replica(namespace, { maxEvents: 1_000, bufferSize: 1_000 });
    const reading = read(reader, 300);
    await subscribed(reader, 1);
    for (let i = 0; i < 300; i++) await a.publish(sms());
    const all = await reading.done;
    const admin = await connection();
    const length = await admin.client.xLen(`${namespace}:events`);
    // MAXLEN ~ trims by nodes of 100 entries: at least 20 kept, never the 300.
    expect(length).toBeGreaterThanOrEqual(20);
    expect(length).toBeLessThanOrEqual(120);
    const b = await replica(namespace, { maxEvents: 20 });
    await expect(read(b, 1, all[0].id).done).rejects.toMatchObject({ reason: 'lost' });
    await expect(read(b, 1, '1-0').done).rejects.toMatchObject({ reason: 'lost' });
    const kept = all[300 - length];
    const rest = read(b, length - 1, kept.id);
    expect((await rest.done).map(({ id }) => id)).toEqual(
      all.slice(301 - length).map(({ id }) => id),
    );
  });

  it('ends a subscriber more than bufferSize events behind, and no other', async () => {
    const namespace = uniqueNamespace('bus');
    const a = await replica(namespace, { bufferSize: 3 });
    const slow = a.subscribe(all, { signal: new AbortController().signal })[Symbol.asyncIterator]();
    const firstSlow = slow.next();
    const fast = read(a, 6);
    await subscribed(a, 2);
    for (let i = 0; i < 6; i++) await a.publish(sms());
    expect(await fast.done).toHaveLength(6);
    expect((await firstSlow).done).toBe(false);
    await expect(slow.next()).rejects.toMatchObject({ reason: 'too-slow' });
  });

  it('serves 100 subscribers of a process with one connection and one blocking read', async () => {
    const own = await OwnRedis.start();
    opened.push({ close: () => own.stop() });
    const admin = await connection(own.url);
    const clients = async () => (await admin.client.clientList()).length;
    const a = await replica(uniqueNamespace('bus'), { url: own.url });
    const before = await clients();
    const readers = Array.from({ length: 100 }, () => read(a, 1));
    await subscribed(a, 100);
    expect(await clients()).toBe(before + 1);
    const reads = a.reads;
    const event = sms();
    await a.publish(event);
    for (const reader of readers) expect((await reader.done)[0].event).toEqual(event);
    // The read that brought it (and, at most, the next one that began before this check).
    expect(a.reads - reads).toBeLessThanOrEqual(2);
  });

  it('publishes to its own subscribers while Redis is down, and ends them once it finds entries gone', async () => {
    const own = await OwnRedis.start();
    opened.push({ close: () => own.stop() });
    const namespace = uniqueNamespace('bus');
    const a = await replica(namespace, { url: own.url });
    const shared = (a as unknown as { redis: { shared: RedisConnection } }).redis.shared;
    const reading = read(a, 3);
    await subscribed(a, 1);
    await a.publish(sms());
    await until(() => reading.got.length === 1, 'the first event');
    await own.stop();
    await waitForRedis(shared, false);
    const during = sms();
    await a.publish(during);
    await until(() => reading.got.length === 2, 'the event published without Redis');
    expect(reading.got[1].event).toEqual(during);
    expect(a.fallbacks).toBe(1);
    // Resuming from the stream cannot be done now: later, with the same id, not as lost.
    const b = await replica(namespace, { url: own.url, connected: false });
    await expect(read(b, 1, reading.got[0].id).done).rejects.toMatchObject({
      reason: 'unavailable',
    });
    // Redis came back empty (no persistence): what this replica had not read is gone.
    await own.resume();
    await expect(reading.done).rejects.toMatchObject({ reason: 'lost' });
  });
});
