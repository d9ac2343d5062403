import {
  type BusEvent,
  type DeliveryReceipt,
  type EventBus,
  type EventFilter,
  type InboundSms,
  SubscriptionEnded,
} from '../../src/events';
import { MemoryEventBus } from '../../src/events/events.bus';
import { ascending } from '../helpers/stream-ids';

let clock = 1_700_000_000_000;
const now = () => clock;

function bus(options: Partial<ConstructorParameters<typeof MemoryEventBus>[0]> = {}): EventBus {
  return new MemoryEventBus({ maxEvents: 100, maxAgeMs: 60_000, bufferSize: 10, now, ...options });
}

let n = 0;
function sms(to = '447700900999'): InboundSms {
  n += 1;
  return {
    kind: 'InboundSms',
    messageId: `sms-${n}`,
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

function receipt(): DeliveryReceipt {
  n += 1;
  return {
    kind: 'DeliveryReceipt',
    messageId: `dlr-${n}`,
    to: '447700900002',
    from: 'AcmeInc',
    status: 'DELIVERED',
    errorCode: 0,
    price: '0.0333',
    networkCode: '23410',
    deliveredAt: null,
    receivedAt: '2024-05-01T10:21:05.000Z',
  };
}

const all: EventFilter = () => true;

/** Reads `count` events (or until the subscription ends), then stops it. */
async function read(
  from: EventBus,
  count: number,
  options: { filter?: EventFilter; afterId?: string; signal?: AbortSignal } = {},
): Promise<{ id: string; event: BusEvent }[]> {
  const controller = new AbortController();
  const signal = options.signal ?? controller.signal;
  const got: { id: string; event: BusEvent }[] = [];
  for await (const item of from.subscribe(options.filter ?? all, {
    signal,
    afterId: options.afterId,
  })) {
    got.push(item);
    if (got.length === count) break;
  }
  return got;
}

describe('the in-memory event bus', () => {
  it('gives increasing ids, even within one millisecond and when the clock steps back', async () => {
    const events = bus();
    const reading = read(events, 4);
    await Promise.resolve();
    await events.publish(sms());
    await events.publish(sms());
    clock -= 5_000;
    await events.publish(sms());
    clock += 10_000;
    await events.publish(sms());
    const got = await reading;
    expect(got).toHaveLength(4);
    expect(ascending(got.map(({ id }) => id))).toBe(true);
    expect(new Set(got.map(({ id }) => id)).size).toBe(4);
  });

  it('resumes after an id with the events published after it, then new ones', async () => {
    const events = bus();
    const first = read(events, 4);
    await Promise.resolve();
    const published = [sms(), receipt(), sms(), sms()];
    for (const event of published) await events.publish(event);
    const ids = (await first).map(({ id }) => id);
    const resumed = read(events, 3, { afterId: ids[1] });
    await Promise.resolve();
    const later = sms();
    await events.publish(later);
    expect((await resumed).map(({ event }) => event)).toEqual([published[2], published[3], later]);
  });

  it('keeps at most maxEvents and none older than maxAgeMs: resuming past them is refused', async () => {
    const events = bus({ maxEvents: 3, maxAgeMs: 1_000 });
    const ids: string[] = [];
    const reading = (async () => {
      for await (const { id } of events.subscribe(all, { signal: AbortSignal.timeout(2_000) })) {
        ids.push(id);
        if (ids.length === 5) return;
      }
    })();
    await Promise.resolve();
    for (let i = 0; i < 5; i++) await events.publish(sms());
    await reading;
    expect((events as MemoryEventBus).size).toBe(3);
    // ids[1] was dropped: what followed it (ids[2]) is still kept, so resuming after it works.
    expect(await read(events, 3, { afterId: ids[1] })).toHaveLength(3);
    await expect(read(events, 1, { afterId: ids[0] })).rejects.toMatchObject({ reason: 'lost' });
    clock += 1_001;
    expect((events as MemoryEventBus).size).toBe(0);
    await expect(read(events, 1, { afterId: ids[3] })).rejects.toBeInstanceOf(SubscriptionEnded);
    await expect(read(events, 1, { afterId: 'not-an-id' })).rejects.toMatchObject({
      reason: 'lost',
    });
  });

  it('ends a subscriber more than bufferSize events behind, and no other', async () => {
    const events = bus({ bufferSize: 3 });
    const slow = events.subscribe(all, { signal: new AbortController().signal });
    const iterator = slow[Symbol.asyncIterator]();
    const fast = read(events, 5);
    await Promise.resolve();
    const first = iterator.next();
    for (let i = 0; i < 5; i++) await events.publish(sms());
    // It had read one when the others came: four unread is one more than its buffer.
    expect((await first).done).toBe(false);
    await expect(iterator.next()).rejects.toThrow(/fell more than 3 events behind/);
    expect(await fast).toHaveLength(5);
  });

  it('hands a subscriber only what its filter keeps', async () => {
    const events = bus();
    const onlyReceipts = read(events, 2, { filter: (event) => event.kind === 'DeliveryReceipt' });
    const onlyNumber = read(events, 1, {
      filter: (event) => event.kind === 'InboundSms' && event.to === '447700900123',
    });
    await Promise.resolve();
    const wanted = [receipt(), sms('447700900123'), receipt()];
    for (const event of [sms(), wanted[0], wanted[1], sms(), wanted[2]])
      await events.publish(event);
    expect((await onlyReceipts).map(({ event }) => event)).toEqual([wanted[0], wanted[2]]);
    expect((await onlyNumber).map(({ event }) => event)).toEqual([wanted[1]]);
  });

  it('ends a subscription when its signal aborts', async () => {
    const events = bus();
    const controller = new AbortController();
    const reading = read(events, 10, { signal: controller.signal });
    await Promise.resolve();
    await events.publish(sms());
    controller.abort();
    expect(await reading).toHaveLength(1);
  });
});
