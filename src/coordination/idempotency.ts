import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  type RecordBackend,
  type StoredRecord,
} from './idempotency.backends';

export {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyUnavailableError,
  memoryBackend,
  redisBackend,
} from './idempotency.backends';

export interface IdempotencyOptions {
  /** How long a finished result is replayed. */
  ttlMs: number;
  /** How long a duplicate waits for the first call before IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  /** How often a waiting duplicate looks again. */
  pollMs: number;
  /** A holder refreshes its claim every third of this; a claim not refreshed for it is taken over. */
  leaseMs: number;
}

/** Time as the store sees it; tests give one they move by hand. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => Promise<unknown>): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => sleep(ms),
  every: (ms, tick) => {
    const timer = setInterval(() => void tick(), ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Given to an operation so that it says when it is about to send the money request. */
export interface SendGuard {
  /**
   * Records, before the request is sent, that it is being sent: a claim whose holder stops after
   * this is settled by reading, never sent again. Throws (and the caller must send nothing) when
   * the store cannot record it or another caller has taken the claim over.
   */
  sending(): Promise<void>;
}

/** For a call without a key: nothing to record. */
export const UNGUARDED: SendGuard = { sending: async () => undefined };

/** What a settle knows of the request it settles. */
export interface LostRequest<T> {
  /** When the request was sent (the sender's clock). */
  sentAt: number;
  /** Why it is settled by reading: its sender stopped, or its answer was an unknown outcome. */
  cause: 'sender-stopped' | 'unsettled';
  /** The unknown outcome answered before, when there was one. */
  previous?: T;
}

export interface KeyedOperation<T> {
  scope: string;
  key: string;
  args: unknown;
  /** Runs the operation; calls `guard.sending()` right before the request that spends money. */
  execute(guard: SendGuard): Promise<T>;
  /** Reads, and never sends, what became of a request that was sent and whose answer is lost. */
  settle(lost: LostRequest<T>): Promise<T>;
  /** False for an unknown outcome: a later call with the key settles it again by reading. */
  isSettled(result: T): boolean;
  /**
   * What is kept for later calls with the key, when not the whole result: something shown once
   * (a secret it created) is answered to the first call only.
   */
  kept?(result: T): T;
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

type Pending = Extract<StoredRecord, { state: 'pending' }>;

/**
 * Idempotency keys for operations that must not run twice (they spend money). The first call
 * with a key claims it and runs; its result (JSON) is kept for `ttlMs` and replayed to every later
 * call with the same key and the same arguments. A concurrent duplicate waits for the first. The
 * same key with other arguments is refused. A call that throws releases the key (callers return
 * an unknown outcome as a result, so that it is kept and never run twice).
 *
 * A holder keeps its claim alive by refreshing a lease (every `leaseMs / 3`); a claim whose lease
 * lapsed (its holder crashed, or cannot reach the store) is taken over by the next caller, by a
 * compare-and-swap on the record's token, so two takers never both proceed. If the holder had not
 * yet recorded `sending()`, nothing was sent and the taker runs the operation; otherwise the taker
 * settles it by reading (`settle`). An unknown outcome is settled again, by reading, by each later
 * call with the key, until a read settles it.
 */
export class IdempotencyStore {
  constructor(
    private readonly backend: RecordBackend,
    private readonly options: IdempotencyOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  async run<T>(operation: KeyedOperation<T>): Promise<T> {
    const id = `${operation.scope}:${createHash('sha256').update(operation.key).digest('hex')}`;
    const fingerprint = fingerprintOf(operation.args);
    const deadline = this.clock.now() + this.options.waitMs;
    for (;;) {
      const fresh = this.pending({ fingerprint, startedAt: this.clock.now(), phase: 'claimed' });
      if (await this.backend.claim(id, fresh, this.options.ttlMs)) {
        return this.hold(id, fresh, operation, (guard) => operation.execute(guard));
      }
      const record = await this.backend.read(id);
      // Released (the first call failed) or expired between our claim and this read: try again.
      if (!record) continue;
      if (record.fingerprint !== fingerprint) {
        throw new IdempotencyKeyReusedError(
          'This idempotency key was already used with other arguments: use a new key for a new operation.',
        );
      }
      if (record.state === 'done') {
        if (record.settled !== false) return structuredClone(record.result) as T;
        const sentAt = record.sentAt ?? record.finishedAt;
        const reopened = this.pending({ fingerprint, startedAt: this.clock.now(), phase: 'sent' });
        Object.assign(reopened, { sentAt, previous: record.result });
        if (await this.backend.swap(id, record.token, reopened, this.options.ttlMs)) {
          const previous = record.result as T;
          return this.hold(id, reopened, operation, () =>
            operation.settle({ sentAt, cause: 'unsettled', previous }),
          );
        }
        continue;
      }
      const leaseUntil = record.leaseUntil ?? record.startedAt + this.options.leaseMs;
      if (leaseUntil <= this.clock.now()) {
        // Records from before leases had no phase: whether they sent is unknown, so read.
        const sent = record.phase !== 'claimed';
        const taken = { ...record, ...this.pending({ fingerprint, startedAt: record.startedAt }) };
        taken.phase = sent ? 'sent' : 'claimed';
        if (await this.backend.swap(id, record.token, taken, this.options.ttlMs)) {
          if (!sent) return this.hold(id, taken, operation, (guard) => operation.execute(guard));
          const lost = {
            sentAt: record.sentAt ?? record.startedAt,
            cause: 'sender-stopped' as const,
            previous: record.previous as T | undefined,
          };
          return this.hold(id, taken, operation, () => operation.settle(lost));
        }
        continue;
      }
      if (this.clock.now() >= deadline) {
        throw new IdempotencyInProgressError(
          `The first call with this idempotency key (started ${new Date(record.startedAt).toISOString()}) has not finished: ask again later with the same key.`,
          record.startedAt,
        );
      }
      await this.clock.sleep(this.options.pollMs);
    }
  }

  private pending(fields: Pick<Pending, 'fingerprint' | 'startedAt' | 'phase'>): Pending {
    const token = randomUUID();
    return {
      state: 'pending',
      token,
      leaseUntil: this.clock.now() + this.options.leaseMs,
      ...fields,
    };
  }

  /** Runs `work` while holding the claim `held`, refreshing its lease, then records the answer. */
  private async hold<T>(
    id: string,
    held: Pending,
    operation: KeyedOperation<T>,
    work: (guard: SendGuard) => Promise<T>,
  ): Promise<T> {
    const claim = new Claim(this.backend, id, held, this.options, this.clock);
    const stop = this.clock.every(this.options.leaseMs / 3, () => claim.refresh());
    try {
      let result: T;
      try {
        result = await work(claim);
      } catch (error) {
        // Nothing was spent (operations answer lost outcomes as results): free the key, unless
        // this was a settle, whose claim is left for the next caller to settle at once.
        await (held.phase === 'sent' ? claim.abandon() : claim.release()).catch(() => undefined);
        throw error;
      }
      // The operation happened: its result is the answer even if it cannot be recorded (the
      // claim then stays pending, and the next caller settles it by reading).
      const kept = operation.kept ? operation.kept(result) : result;
      await claim.finish(kept, operation.isSettled(result)).catch(() => undefined);
      return result;
    } finally {
      stop();
    }
  }
}

/** One holder's claim: its writes go one after another, each on the token the last one left. */
class Claim implements SendGuard {
  private queue: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(
    private readonly backend: RecordBackend,
    private readonly id: string,
    private record: Pending,
    private readonly options: IdempotencyOptions,
    private readonly clock: Clock,
  ) {}

  sending(): Promise<void> {
    return this.write(async () => {
      const sentAt = this.clock.now();
      if (!(await this.replace({ ...this.record, phase: 'sent', sentAt }))) {
        throw new IdempotencyInProgressError(
          'Another call with this idempotency key took it over while this one was held up: this one sent nothing. Ask again with the same key for its answer.',
          this.record.startedAt,
        );
      }
    });
  }

  refresh(): Promise<unknown> {
    const leaseUntil = this.clock.now() + this.options.leaseMs;
    return this.write(() => this.replace({ ...this.record, leaseUntil })).catch(() => undefined);
  }

  finish(result: unknown, settled: boolean): Promise<unknown> {
    return this.write(() => {
      const { fingerprint, sentAt, token } = this.record;
      const finishedAt = this.clock.now();
      const done = { state: 'done' as const, fingerprint, token: randomUUID(), result, finishedAt };
      const record = { ...done, settled, sentAt };
      return this.backend.swap(this.id, token, record, this.options.ttlMs);
    });
  }

  release(): Promise<unknown> {
    return this.write(() => this.backend.swap(this.id, this.record.token, undefined, 0));
  }

  /** The lease ends now: the next caller takes the claim over without waiting. */
  abandon(): Promise<unknown> {
    return this.write(() => this.replace({ ...this.record, leaseUntil: 0 }));
  }

  private async replace(next: Omit<Pending, 'token'>): Promise<boolean> {
    if (this.lost) return false;
    const record: Pending = { ...next, token: randomUUID() };
    const done = await this.backend.swap(this.id, this.record.token, record, this.options.ttlMs);
    if (done) this.record = record;
    else this.lost = true;
    return done;
  }

  private write<R>(step: () => Promise<R>): Promise<R> {
    const next = this.queue.then(step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
