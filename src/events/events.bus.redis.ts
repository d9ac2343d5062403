import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '../base/logger';
import { type RedisConnection } from '../coordination/redis';
import {
  type EventBus,
  type EventFilter,
  MemoryEventBus,
  type MemoryBusOptions,
  SubscriptionEnded,
  before,
  parseId,
} from './events.bus';
import { type BusEvent, eventKey } from './events.types';

/** Vonage resends a webhook for up to 24 hours: an event's key is kept in Redis that long. */
const SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/** How long one blocking read waits for an entry before it asks again. */
const BLOCK_MS = 5_000;
/** Entries per read, and per page of a resumed subscriber's backlog. */
const PAGE = 500;

// Once per event key across replicas (the same webhook sent to two of them is added once), then
// trimmed by count and by age, both approximately (whole stream nodes go): by Redis's clock, the
// one that made the ids. Returns the new id, or nil for a duplicate.
const PUBLISH = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) then return false end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%d', now - tonumber(ARGV[3])))
return id
`;

// What the stream has lost and made ({max deleted id, last id, first id kept}), and the entries
// after ARGV[1] up to ARGV[2], read at once so that no trim falls in between. Nil: no stream.
const RANGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local fields = {}
for i = 1, #info, 2 do fields[info[i]] = info[i + 1] end
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], ARGV[2], 'COUNT', ARGV[3])
return {fields['max-deleted-entry-id'] or '', fields['last-generated-id'] or '', first and first[1] or '', entries}
`;

type RawEntry = [string, string[]];

interface Range {
  /** False when entries after the id asked from are gone (or it is not one of the stream's). */
  kept: boolean;
  /** The stream's last id ever made; undefined when there is no stream. */
  last?: string;
  entries: { id: string; event: BusEvent }[];
}

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
  private readonly key: string;
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
    this.key = `${options.namespace}:events`;
  }

  async publish(event: BusEvent): Promise<void> {
    const { shared } = this.redis;
    const outcome = await shared.run(
      () =>
        shared.client.eval(PUBLISH, {
          keys: [this.key, `${this.key}:seen:${eventKey(event)}`],
          arguments: [
            String(SEEN_TTL_MS),
            String(this.options.maxEvents),
            String(this.options.maxAgeMs),
            JSON.stringify(event),
          ],
        }),
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
          const reply = (await reader.client.sendCommand([
            'XREAD',
            'COUNT',
            String(PAGE),
            'BLOCK',
            String(BLOCK_MS),
            'STREAMS',
            this.key,
            cursor,
          ])) as [string, RawEntry[]][] | null;
          this.reads += 1;
          failures = 0;
          this.readerDown = false;
          for (const [id, fields] of reply?.[0]?.[1] ?? []) {
            cursor = id;
            const event = decode(fields);
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
    const range = await this.range(reader.client, cursor ?? '0-0', '0-0', 1);
    if (cursor !== undefined && range.kept) return cursor;
    if (failed || cursor !== undefined) {
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
        () => this.range(shared.client, cursor, until, PAGE),
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

  private async range(
    client: RedisConnection['client'],
    after: string,
    until: string,
    count: number,
  ): Promise<Range> {
    const reply = (await client.eval(RANGE, {
      keys: [this.key],
      arguments: [after, until, String(count)],
    })) as [string, string, string, RawEntry[]] | null;
    // No stream: nothing was ever lost only for a reader that began before there was one.
    if (!reply) return { kept: after === '0-0', entries: [] };
    const [deleted, last, first, raw] = reply;
    const entries = raw.flatMap(([id, fields]) => {
      const event = decode(fields);
      return event ? [{ id, event }] : [];
    });
    return { kept: kept(after, deleted, last, first), last, entries };
  }
}

/**
 * Whether the stream still has every entry after `after`: nothing after it was trimmed, and it
 * is one of the stream's ids (one kept, or the last trimmed: 0-0 while none was). An id from
 * before a Redis that restarted empty is neither.
 */
function kept(after: string, deleted: string, last: string, first: string): boolean {
  const [a, d, l, f] = [after, deleted, last, first].map(parseId);
  if (!a || !d || !l || before(a, d) || before(l, a)) return false;
  const same = a[0] === d[0] && a[1] === d[1];
  return same || (f !== undefined && !before(a, f));
}

function decode(fields: string[]): BusEvent | undefined {
  const at = fields.indexOf('event');
  try {
    return at >= 0 ? (JSON.parse(fields[at + 1]) as BusEvent) : undefined;
  } catch {
    return undefined;
  }
}
