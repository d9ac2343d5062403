import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisConnection } from './redis';

/** The same key was used before with other arguments. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
}

/** The first call with this key is still running (or never finished) after the wait. */
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

type StoredRecord =
  | { state: 'pending'; fingerprint: string; token: string; startedAt: number }
  | { state: 'done'; fingerprint: string; result: unknown; finishedAt: number };

export interface IdempotencyOptions {
  /** How long a finished result is replayed. */
  ttlMs: number;
  /** How long a duplicate waits for the first call before IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  /** How often a waiting duplicate looks again. */
  pollMs: number;
}

/** Where records live: process memory, or Redis so that replicas share them. */
interface RecordBackend {
  /** Stores the record unless the key exists; true when stored. */
  claim(key: string, record: StoredRecord, ttlMs: number): Promise<boolean>;
  read(key: string): Promise<StoredRecord | undefined>;
  /** Replaces the pending record holding `token` (and only that one). */
  finish(
    key: string,
    token: string,
    record: StoredRecord | undefined,
    ttlMs: number,
  ): Promise<void>;
}

export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted, so equal arguments give equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Idempotency keys for operations that must not run twice (they spend money). The first call
 * with a key claims it and runs; its result (JSON) is kept for `ttlMs` and replayed to every later
 * call with the same key and the same arguments, without running again. A concurrent duplicate
 * waits for the first. The same key with other arguments is refused. A call that throws
 * releases the key (callers return an unknown outcome as a result, so that it is replayed and
 * never run twice).
 */
export class IdempotencyStore {
  constructor(
    private readonly backend: RecordBackend,
    private readonly options: IdempotencyOptions,
  ) {}

  async run<T>(scope: string, key: string, args: unknown, execute: () => Promise<T>): Promise<T> {
    const id = `${scope}:${createHash('sha256').update(key).digest('hex')}`;
    const fingerprint = fingerprintOf(args);
    const token = randomUUID();
    const pending: StoredRecord = { state: 'pending', fingerprint, token, startedAt: Date.now() };
    if (await this.backend.claim(id, pending, this.options.ttlMs)) {
      let result: T;
      try {
        result = await execute();
      } catch (error) {
        await this.backend.finish(id, token, undefined, this.options.ttlMs).catch(() => undefined);
        throw error;
      }
      const done: StoredRecord = { state: 'done', fingerprint, result, finishedAt: Date.now() };
      // The operation happened: its result is the answer even if it cannot be recorded (the
      // claim then stays pending, so a duplicate is told to wait rather than run again).
      await this.backend.finish(id, token, done, this.options.ttlMs).catch(() => undefined);
      return result;
    }
    return this.replay<T>(id, fingerprint, scope, key, args, execute);
  }

  private async replay<T>(
    id: string,
    fingerprint: string,
    scope: string,
    key: string,
    args: unknown,
    execute: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const record = await this.backend.read(id);
      // Released (the first call failed) or expired between our claim and this read: try again.
      if (!record) return this.run(scope, key, args, execute);
      if (record.fingerprint !== fingerprint) {
        throw new IdempotencyKeyReusedError(
          'This idempotency key was already used with other arguments: use a new key for a new operation.',
        );
      }
      if (record.state === 'done') return structuredClone(record.result) as T;
      if (Date.now() >= deadline) {
        throw new IdempotencyInProgressError(
          `The first call with this idempotency key (started ${new Date(record.startedAt).toISOString()}) has not finished: ask again later with the same key.`,
          record.startedAt,
        );
      }
      await sleep(this.options.pollMs);
    }
  }
}

/**
 * Records in process memory: one replica only. Expired records are swept as new ones come; past
 * `maxRecords` live ones, new keys are refused (fail closed) rather than let memory grow.
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
      records.set(key, { record, expiresAt: Date.now() + ttlMs });
      return true;
    },
    read: async (key) => {
      const found = live(key);
      return found && (structuredClone(found.record) as StoredRecord);
    },
    finish: async (key, token, record, ttlMs) => {
      const found = live(key);
      if (!found || found.record.state !== 'pending' || found.record.token !== token) return;
      if (record)
        records.set(key, { record: structuredClone(record), expiresAt: Date.now() + ttlMs });
      else records.delete(key);
    },
  };
}

// Replaces (or deletes, with an empty ARGV[2]) the record only while it is our pending claim.
const FINISH = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local record = cjson.decode(current)
if record.state ~= 'pending' or record.token ~= ARGV[1] then return 0 end
if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
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
    finish: async (key, token, record, ttlMs) => {
      await command(() =>
        redis.client.eval(FINISH, {
          keys: [full(key)],
          arguments: [token, record ? JSON.stringify(record) : '', String(ttlMs)],
        }),
      );
    },
  };
}
