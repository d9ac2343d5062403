import { type RedisConnection } from './redis';

/** The same key was used before with other arguments. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
}

/** The first call with this key is still running after the wait, or took this call's claim over. */
export class IdempotencyInProgressError extends Error {
  override name = 'IdempotencyInProgressError';
  constructor(
    message: string,
    readonly startedAt: number,
  ) {
    super(message);
  }
}

/** The store cannot be reached: a keyed operation is refused rather than risk running twice. */
export class IdempotencyUnavailableError extends Error {
  override name = 'IdempotencyUnavailableError';
}

/**
 * A key's record. `token` changes on every write, so a write made on what a caller read (a
 * holder's lease refresh, a takeover) lands only if nobody wrote in between.
 */
export type StoredRecord =
  | {
      state: 'pending';
      fingerprint: string;
      token: string;
      startedAt: number;
      /** The holder refreshes this while it is alive; once past, the next caller takes over. */
      leaseUntil?: number;
      /** 'claimed': nothing sent yet; 'sent': the money request may have reached Vonage. */
      phase?: 'claimed' | 'sent';
      sentAt?: number;
      /** The unsettled answer being settled again. */
      previous?: unknown;
    }
  | {
      state: 'done';
      fingerprint: string;
      token: string;
      result: unknown;
      finishedAt: number;
      /** False for an unknown outcome: the next call with the key reads again instead of replaying. */
      settled?: boolean;
      sentAt?: number;
    };

/** Where records live: process memory, or Redis so that replicas share them. */
export interface RecordBackend {
  /** Stores the record unless the key exists; true when stored. */
  claim(key: string, record: StoredRecord, ttlMs: number): Promise<boolean>;
  read(key: string): Promise<StoredRecord | undefined>;
  /**
   * Replaces (or, with undefined, deletes) the record only while its token is `token`: a caller
   * holding an older token (one taken over, or a stale read) changes nothing. True when done.
   */
  swap(
    key: string,
    token: string,
    record: StoredRecord | undefined,
    ttlMs: number,
  ): Promise<boolean>;
}

/**
 * Records in process memory: one replica only. Expired records are swept as new ones come; past
 * `maxRecords` live ones, new keys are refused (fail closed) rather than let memory grow. Record
 * expiry uses the wall clock: it is the 24 h TTL, not the lease.
 */
export function memoryBackend(maxRecords = 50_000): RecordBackend {
  const records = new Map<string, { record: StoredRecord; expiresAt: number }>();
  const live = (key: string) => {
    const found = records.get(key);
    if (found && found.expiresAt <= Date.now()) records.delete(key);
    return records.get(key);
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, { expiresAt }] of records) if (expiresAt <= now) records.delete(key);
  };
  return {
    claim: async (key, record, ttlMs) => {
      if (live(key)) return false;
      if (records.size >= maxRecords) sweep();
      if (records.size >= maxRecords) {
        throw new IdempotencyUnavailableError(
          `The in-memory idempotency store holds ${maxRecords} keys: keyed operations are refused until some expire (set REDIS_URL for a larger store).`,
        );
      }
      records.set(key, { record: structuredClone(record), expiresAt: Date.now() + ttlMs });
      return true;
    },
    read: async (key) => {
      const found = live(key);
      return found && (structuredClone(found.record) as StoredRecord);
    },
    swap: async (key, token, record, ttlMs) => {
      const found = live(key);
      if (!found || found.record.token !== token) return false;
      if (record)
        records.set(key, { record: structuredClone(record), expiresAt: Date.now() + ttlMs });
      else records.delete(key);
      return true;
    },
  };
}

// Replaces (or deletes, with an empty ARGV[2]) the record only while its token is ARGV[1]. The
// new record comes whole from the caller: Lua's cjson would turn an empty array into an object.
const SWAP = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if cjson.decode(current).token ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) return 1 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * Records in Redis, shared by every replica. Fails closed: when Redis does not answer, the keyed
 * operation is refused (IdempotencyUnavailableError) instead of running unprotected.
 */
export function redisBackend(
  redis: RedisConnection,
  namespace: string,
  timeoutMs: number,
): RecordBackend {
  const full = (key: string) => `${namespace}:idempotency:${key}`;
  const command = async <T>(operation: () => Promise<T>): Promise<T> => {
    const outcome = await redis.run(operation, Math.max(timeoutMs, 1_000));
    if (outcome.ok) return outcome.value;
    throw new IdempotencyUnavailableError(
      `The idempotency store (Redis) is ${outcome.reason === 'down' ? 'unreachable' : 'not answering'}: keyed operations are refused until it is back, so that none runs twice.`,
    );
  };
  return {
    claim: async (key, record, ttlMs) =>
      (await command(() =>
        redis.client.set(full(key), JSON.stringify(record), { NX: true, PX: ttlMs }),
      )) === 'OK',
    read: async (key) => {
      const text = await command(() => redis.client.get(full(key)));
      return text ? (JSON.parse(text) as StoredRecord) : undefined;
    },
    swap: async (key, token, record, ttlMs) =>
      (await command(() =>
        redis.client.eval(SWAP, {
          keys: [full(key)],
          arguments: [token, record ? JSON.stringify(record) : '', String(ttlMs)],
        }),
      )) === 1,
  };
}
