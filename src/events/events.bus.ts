import { type BusEvent } from './events.types';

/**
 * Where the domain publishes what Vonage sent, and what subscriptions read. Its shape is a Redis
 * stream's, which carries it across replicas with REDIS_URL (events.bus.redis.ts): ids are
 * strings that increase (`<ms>-<n>`, as XADD makes them), a subscriber resumes after the last id
 * it saw, and the bus keeps a bounded tail of recent events (by count and by age, as XTRIM does).
 */
export interface EventBus {
  /**
   * Publishes one event; `eventKey(event)` is its identity (a Redis bus de-duplicates the same
   * event published by two replicas by it).
   */
  publish(event: BusEvent): Promise<void>;
  /**
   * The events that `filter` keeps, each with its id, in order: those published after
   * `options.afterId` that the bus still keeps, then each new one. It ends when `signal` aborts;
   * it throws SubscriptionEnded when it cannot go on without losing events.
   */
  subscribe(
    filter: EventFilter,
    options: { signal: AbortSignal; afterId?: string },
  ): AsyncIterable<{ id: string; event: BusEvent }>;
  /** Subscriptions reading this process's bus now (metrics, tests waiting for one). */
  readonly subscribers: number;
  /** Ends every subscription (as if each signal aborted) and releases what the bus holds. */
  close?(): Promise<void>;
}

export type EventFilter = (event: BusEvent) => boolean;

/**
 * Why a subscription stopped short: `too-slow`, it fell further behind than its buffer; `lost`,
 * events after its `afterId` are no longer kept (or the id is not one of this bus's);
 * `unavailable`, what it resumes from is in a store that cannot be reached now (resume later).
 */
export class SubscriptionEnded extends Error {
  override name = 'SubscriptionEnded';
  constructor(
    readonly reason: 'too-slow' | 'lost' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export interface MemoryBusOptions {
  /** Events kept for resuming, at most. */
  maxEvents: number;
  /** Events older than this are dropped. */
  maxAgeMs: number;
  /** A subscriber may leave this many events published since it subscribed unread. */
  bufferSize: number;
  now?: () => number;
}

interface Entry {
  id: string;
  /** Its place in the bus's whole history: the next entry's is one more. */
  seq: number;
  at: number;
  event: BusEvent;
}

interface Subscriber {
  /** The seq of the next entry it reads. */
  next: number;
  /** Entries from this seq on count against its buffer (what it resumed from does not). */
  liveFrom: number;
  ended?: SubscriptionEnded;
  wake?: () => void;
}

/** `<ms>-<n>` as two numbers, or undefined when the text is not an id. */
export function parseId(id: string): [number, number] | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(id);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function before(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Entries read from elsewhere before a subscriber joins the ring (a Redis stream's). */
export type Backlog = (until: string) => AsyncIterable<{ id: string; event: BusEvent }>;

const NOTHING: [number, number] = [Infinity, Infinity];

/**
 * The bus in this process's memory: one ring of recent events that every subscriber reads at its
 * own pace (nothing is copied per subscriber), so memory is bounded by the ring whatever the
 * subscribers do. One that falls more than `bufferSize` events behind is ended (too-slow).
 * RedisEventBus uses one as its local fan-out: what its one reader gets from the stream is
 * `deliver`ed here, with the stream's ids.
 */
export class MemoryEventBus implements EventBus {
  private readonly ring: Entry[] = [];
  /** The seq of ring[0]; entries before it were dropped. */
  private first = 0;
  private readonly subscriberSet = new Set<Subscriber>();
  private readonly now: () => number;
  private lastId: [number, number];
  /** Ids up to this one are gone (dropped from the ring, or from before this bus). */
  private goneUpTo: [number, number];
  private closed = false;

  /** `covering: false`: it holds nothing to resume from until `follow` says from where. */
  constructor(
    private readonly options: MemoryBusOptions,
    covering = true,
  ) {
    this.now = options.now ?? Date.now;
    this.lastId = [this.now(), 0];
    this.goneUpTo = covering ? this.lastId : NOTHING;
  }

  async publish(event: BusEvent): Promise<void> {
    const at = this.now();
    // Increasing even if the clock steps back.
    const [ms, n] = this.lastId;
    this.append(at > ms ? [at, 0] : [ms, n + 1], at, event);
  }

  /**
   * Adds an event whose id was given elsewhere (a stream's, increasing). One not after the last
   * id (a stream's behind an id this ring made while the stream was unreachable) still comes, in
   * arrival order, with its own id.
   */
  deliver(id: string, event: BusEvent): void {
    const parsed = parseId(id);
    if (!parsed) throw new Error(`not an event id: ${id}`);
    this.append(parsed, this.now(), event);
  }

  /** From now on it holds every event after `id` (a reader begins reading there). */
  follow(id: string): void {
    const parsed = parseId(id);
    if (!parsed) throw new Error(`not an event id: ${id}`);
    this.goneUpTo = parsed;
    if (before(this.lastId, parsed)) this.lastId = parsed;
  }

  /** True when every event after `afterId` that is still kept anywhere is in this ring. */
  covers(afterId: string): boolean {
    const after = parseId(afterId);
    return after !== undefined && !before(after, this.goneUpTo);
  }

  /** The last id it holds (or the one it follows from). */
  get tail(): string {
    return this.lastId.join('-');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of this.subscriberSet) subscriber.wake?.();
  }

  /** Ends every subscriber with `ended` (the events it would read next are gone). */
  endAll(ended: SubscriptionEnded): void {
    for (const subscriber of this.subscriberSet) {
      subscriber.ended ??= ended;
      subscriber.wake?.();
    }
  }

  private append(id: [number, number], at: number, event: BusEvent): void {
    if (before(this.lastId, id)) this.lastId = id;
    const seq = this.first + this.ring.length;
    this.ring.push({ id: id.join('-'), seq, at, event });
    this.trim(at);
    for (const subscriber of this.subscriberSet) {
      const unread = seq + 1 - Math.max(subscriber.next, subscriber.liveFrom);
      if (unread > this.options.bufferSize && !subscriber.ended) {
        subscriber.ended = new SubscriptionEnded(
          'too-slow',
          `The subscriber fell more than ${this.options.bufferSize} events behind: subscribe again after the last id it read.`,
        );
      }
      subscriber.wake?.();
    }
  }

  /**
   * With `backlog`, it joins at the live end and reads first what `backlog(tail)` gives: the
   * events after `afterId` up to its tail, from elsewhere.
   */
  subscribe(
    filter: EventFilter,
    options: { signal: AbortSignal; afterId?: string; backlog?: Backlog },
  ): AsyncIterable<{ id: string; event: BusEvent }> {
    const bus = this;
    return {
      [Symbol.asyncIterator]: () => bus.iterate(filter, options),
    };
  }

  get subscribers(): number {
    return this.subscriberSet.size;
  }

  /** Events kept now (tests, metrics). */
  get size(): number {
    this.trim(this.now());
    return this.ring.length;
  }

  private async *iterate(
    filter: EventFilter,
    { signal, afterId, backlog }: { signal: AbortSignal; afterId?: string; backlog?: Backlog },
  ): AsyncGenerator<{ id: string; event: BusEvent }> {
    this.trim(this.now());
    const live = this.first + this.ring.length;
    const subscriber: Subscriber = {
      next: backlog ? live : this.start(afterId),
      liveFrom: live,
    };
    const wake = () => subscriber.wake?.();
    this.subscriberSet.add(subscriber);
    signal.addEventListener('abort', wake);
    try {
      if (backlog) {
        for await (const entry of backlog(this.tail)) {
          if (signal.aborted || this.closed) return;
          if (subscriber.ended) throw subscriber.ended;
          if (filter(entry.event)) yield entry;
        }
      }
      while (!signal.aborted && !this.closed) {
        if (subscriber.ended) throw subscriber.ended;
        this.trim(this.now());
        if (subscriber.next < this.first) {
          throw new SubscriptionEnded(
            'lost',
            'Events the subscriber had not read are no longer kept: subscribe again without afterId.',
          );
        }
        const entry = this.ring[subscriber.next - this.first];
        if (!entry) {
          await new Promise<void>((resolve) => (subscriber.wake = resolve));
          subscriber.wake = undefined;
          continue;
        }
        subscriber.next += 1;
        if (filter(entry.event)) yield { id: entry.id, event: entry.event };
      }
    } finally {
      signal.removeEventListener('abort', wake);
      this.subscriberSet.delete(subscriber);
    }
  }

  /** The seq to read first: after `afterId`, or the next one published. */
  private start(afterId: string | undefined): number {
    const end = this.first + this.ring.length;
    if (afterId === undefined) return end;
    const after = parseId(afterId);
    if (!after || before(after, this.goneUpTo)) {
      throw new SubscriptionEnded(
        'lost',
        `Events after ${after ? afterId : 'that id'} are no longer kept: subscribe again without afterId.`,
      );
    }
    // After the last entry not after it, from the end: the ring is in arrival order, which is id
    // order but for a stream's entries delivered behind ids made while it was unreachable.
    let index = this.ring.length;
    while (index > 0 && before(after, parseId(this.ring[index - 1].id)!)) index -= 1;
    return this.first + index;
  }

  private trim(now: number): void {
    const { maxEvents, maxAgeMs } = this.options;
    let drop = 0;
    while (
      drop < this.ring.length &&
      (this.ring.length - drop > maxEvents || now - this.ring[drop].at > maxAgeMs)
    ) {
      drop += 1;
    }
    if (drop === 0) return;
    // The largest id dropped (arrival order may differ); a ring that covers nothing still does not.
    for (const { id } of this.ring.slice(0, drop)) {
      const dropped = parseId(id)!;
      if (before(this.goneUpTo, dropped)) this.goneUpTo = dropped;
    }
    this.ring.splice(0, drop);
    this.first += drop;
  }
}
