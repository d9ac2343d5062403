import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../base/logger';
import { type RedisConnection } from '../coordination/redis';
import {
  type EventBus,
  type EventFilter,
  MemoryEventBus,
  type MemoryBusOptions,
  SubscriptionEnded,
  parseId,
} from './events.bus';
import { EventStream } from './events.stream';
import { type BusEvent } from './events.types';

/** How long one blocking read waits for an entry before it asks again. */
const BLOCK_MS = 5_000;
/** Entries per read, and per page of a resumed subscriber's backlog. */
const PAGE = 500;

export interface RedisBusOptions extends MemoryBusOptions {
  /** Keys go under it: `<namespace>:events` is the stream. */
  namespace: string;
  timeoutMs: number;
}

/**
 * The bus on a Redis stream, so that replicas share it: an event any of them publishes reaches
 * the subscribers of all, and a subscriber resumes on any of them. Each process reads the stream
 * with one blocking read on a connection of its own (a blocking command would hold the shared one
 * up), into a MemoryEventBus that its subscribers read as they would the in-memory bus: N local
 * subscribers cost one read. A subscriber resuming from before what that ring holds reads the
 * rest from the stream (XRANGE) first.
 *
 * While Redis cannot be reached, events are published to the local ring only (logged once per
 * outage, counted in `fallbacks`): this replica's subscribers still get them, other replicas'
 * do not, they are not de-duplicated across replicas, and they cannot be resumed once the ring no
 * longer holds them. The reader retries with a backoff; when it finds entries it had not read
 * trimmed meanwhile (or the stream gone, Redis restarted empty), it ends its subscribers
 * (`lost`) rather than skip them silently.
 */
export class RedisEventBus implements EventBus {
  private readonly ring: MemoryEventBus;
  private readonly stream: EventStream;
  private reader?: RedisConnection;
  /** Settles once the reader knows where it reads from (or failed to find out once). */
  private started?: Promise<void>;
  private began: () => void = () => undefined;
  private closed = false;
  /** Cuts the reader's backoff short at close. */
  private readonly stopping = new AbortController();
  private fallingBack = false;
  private readerDown = false;
  /** Events published to the local ring only, because Redis could not be used. */
  fallbacks = 0;
  /** Events another replica (or an earlier publish) had added already: not added again. */
  duplicates = 0;
  /** Blocking reads made (XREAD), whatever the number of subscribers. */
  reads = 0;

  constructor(
    private readonly redis: { shared: RedisConnection; dedicated(): RedisConnection },
    private readonly options: RedisBusOptions,
    private readonly logger: Logger,
  ) {
    this.ring = new MemoryEventBus(options, false);
    this.stream = new EventStream(options.namespace, options);
  }

  async publish(event: BusEvent): Promise<void> {
    const { shared } = this.redis;
    const outcome = await shared.run(
      () => this.stream.add(shared.client, event),
      Math.max(this.options.timeoutMs, 1_000),
    );
    if (outcome.ok) {
      this.fallingBack = false;
      if (outcome.value === null) this.duplicates += 1;
      return;
    }
    // A timed-out command may have added it after all: this replica's subscribers may then get
    // it twice (two ids), which is better than not at all.
    this.fallbacks += 1;
    if (!this.fallingBack) {
      this.fallingBack = true;
      this.logger.warn(
        { reason: outcome.reason },
        'event bus: redis unavailable, publishing to this replica only',
      );
    }
    await this.ring.publish(event);
  }

  subscribe(
    filter: EventFilter,
    { signal, afterId }: { signal: AbortSignal; afterId?: string },
  ): AsyncIterable<{ id: string; event: BusEvent }> {
    const bus = this;
    return {
      async *[Symbol.asyncIterator]() {
        // Joins the ring once the reader reads from a known id: nothing falls in between.
        await bus.start();
        if (bus.closed) return;
        // Not an id at all: the ring refuses it (lost), as the in-memory bus does.
        const local = afterId === undefined || !parseId(afterId) || bus.ring.covers(afterId);
        yield* bus.ring.subscribe(filter, {
          signal,
          afterId,
          backlog: local ? undefined : (until) => bus.backlog(afterId, until),
        });
      },
    };
  }

  get subscribers(): number {
    return this.ring.subscribers;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    this.began();
    await this.ring.close();
    // Not a graceful close: that would wait for the blocking read to end.
    const client = this.reader?.client;
    if (client?.isOpen) client.destroy();
  }

  /** Opens the one reading connection, at the first subscription. */
  private start(): Promise<void> {
    if (!this.started) {
      const reader = this.redis.dedicated();
      this.reader = reader;
      this.started = new Promise<void>((resolve) => (this.began = resolve));
      void reader.connected.then(() => this.read(reader));
    }
    return this.started;
  }

  /** The one reader loop: blocking reads from the last id, delivered to the local ring. */
  private async read(reader: RedisConnection): Promise<void> {
    let cursor: string | undefined;
    let failures = 0;
    while (!this.closed) {
      try {
        cursor = await this.resumePoint(reader, cursor, failures > 0);
        this.began();
        for (;;) {
          const entries = await this.stream.read(reader.client, cursor, PAGE, BLOCK_MS);
          this.reads += 1;
          failures = 0;
          this.readerDown = false;
          for (const { id, event } of entries) {
            cursor = id;
            if (event) this.ring.deliver(id, event);
          }
        }
      } catch (error) {
        if (this.closed) return;
        // Subscribers wait no longer: they get what this replica publishes meanwhile.
        this.began();
        if (!this.readerDown) {
          this.readerDown = true;
          this.logger.warn({ err: error }, 'event bus: cannot read the stream, retrying');
        }
        failures += 1;
        await sleep(Math.min(50 * 2 ** failures, 5_000), undefined, {
          signal: this.stopping.signal,
        }).catch(() => undefined);
      }
    }
  }

  /**
   * Where the reader goes on: the stream's last id at first; after a failure, its own cursor
   * unless entries after it were trimmed meanwhile (or the stream is gone), which ends the
   * subscribers, as `lost`, rather than skip those entries for them.
   */
  private async resumePoint(
    reader: RedisConnection,
    cursor: string | undefined,
    failed: boolean,
  ): Promise<string> {
    const range = await this.stream.range(reader.client, cursor ?? '0-0', '0-0', 1);
    if (cursor !== undefined && range.kept) return cursor;
    // Its subscribers joined after a failed start, or read up to the cursor: they missed some.
    if (failed) {
      this.ring.endAll(
        new SubscriptionEnded(
          'lost',
          'Events were published while this replica could not read them: subscribe again without afterId.',
        ),
      );
    }
    this.ring.follow(range.last ?? this.ring.tail);
    return range.last ?? '0-0';
  }

  /** A resumed subscriber's events from the stream: after `afterId`, up to `until`, by pages. */
  private async *backlog(
    afterId: string,
    until: string,
  ): AsyncGenerator<{ id: string; event: BusEvent }> {
    let cursor = afterId;
    for (;;) {
      const { shared } = this.redis;
      const outcome = await shared.run(
        () => this.stream.range(shared.client, cursor, until, PAGE),
        Math.max(this.options.timeoutMs, 1_000),
      );
      if (!outcome.ok) {
        throw new SubscriptionEnded(
          'unavailable',
          'The shared event stream (Redis) cannot be reached: subscribe again later with the same after.',
        );
      }
      if (!outcome.value.kept) {
        throw new SubscriptionEnded(
          'lost',
          `Events after ${cursor} are no longer kept: subscribe again without afterId.`,
        );
      }
      for (const entry of outcome.value.entries) {
        cursor = entry.id;
        yield entry;
      }
      if (outcome.value.entries.length < PAGE) return;
    }
  }
}
