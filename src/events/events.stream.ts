import { type RedisClientType } from '@keyv/redis';
import { before, parseId } from './events.bus';
import { type BusEvent, eventKey } from './events.types';

/** Vonage resends a webhook for up to 24 hours: an event's key is kept in Redis that long. */
const SEEN_TTL_MS = 24 * 60 * 60 * 1000;

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

/** An entry as Redis sends it: its id, then its fields and values in turn. */
type RawEntry = [string, string[]];

export interface Range {
  /** False when entries after the id asked from are gone (or it is not one of the stream's). */
  kept: boolean;
  /** The stream's last id ever made; undefined when there is no stream. */
  last?: string;
  entries: { id: string; event: BusEvent }[];
}

/** The commands of one namespace's stream, `<namespace>:events`. */
export class EventStream {
  readonly key: string;

  constructor(
    namespace: string,
    private readonly limits: { maxEvents: number; maxAgeMs: number },
  ) {
    this.key = `${namespace}:events`;
  }

  /** Adds the event unless its key was added before; its id, or null for a duplicate. */
  async add(client: RedisClientType, event: BusEvent): Promise<string | null> {
    return (await client.eval(PUBLISH, {
      keys: [this.key, `${this.key}:seen:${eventKey(event)}`],
      arguments: [
        String(SEEN_TTL_MS),
        String(this.limits.maxEvents),
        String(this.limits.maxAgeMs),
        JSON.stringify(event),
      ],
    })) as string | null;
  }

  /** Entries after `after` up to `until` (at most `count`), and whether none after it is gone. */
  async range(
    client: RedisClientType,
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
    return { kept: kept(after, deleted, last, first), last, entries: decode(raw) };
  }

  /** Waits up to `blockMs` for entries after `after` (XREAD BLOCK): a connection of its own. */
  async read(
    client: RedisClientType,
    after: string,
    count: number,
    blockMs: number,
  ): Promise<{ id: string; event?: BusEvent }[]> {
    const reply = (await client.sendCommand([
      'XREAD',
      'COUNT',
      String(count),
      'BLOCK',
      String(blockMs),
      'STREAMS',
      this.key,
      after,
    ])) as [string, RawEntry[]][] | null;
    // Each id, even of an entry that is not an event, so the reader moves past it.
    return (reply?.[0]?.[1] ?? []).map(([id, fields]) => ({ id, event: decodeOne(fields) }));
  }
}

/**
 * Whether the stream still has every entry after `after`: it is one of the stream's ids (one
 * kept, or the last trimmed: 0-0 while none was) and not after the last. An id from before a
 * Redis that restarted empty is neither; one before a trimmed entry comes before every kept one.
 */
function kept(after: string, deleted: string, last: string, first: string): boolean {
  const [a, d, l, f] = [after, deleted, last, first].map(parseId);
  if (!a || !d || !l || before(l, a)) return false;
  const same = a[0] === d[0] && a[1] === d[1];
  return same || (f !== undefined && !before(a, f));
}

function decode(raw: RawEntry[]): { id: string; event: BusEvent }[] {
  return raw.flatMap(([id, fields]) => {
    const event = decodeOne(fields);
    return event ? [{ id, event }] : [];
  });
}

/** The entry's event, or undefined for one that is not (written by something else). */
function decodeOne(fields: string[]): BusEvent | undefined {
  const at = fields.indexOf('event');
  try {
    return at >= 0 ? (JSON.parse(fields[at + 1]) as BusEvent) : undefined;
  } catch {
    return undefined;
  }
}
