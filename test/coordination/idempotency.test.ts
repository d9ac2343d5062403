import { createHash } from 'node:crypto';
import {
  type Clock,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  type IdempotencyOptions,
  IdempotencyStore,
  IdempotencyUnavailableError,
  type KeyedOperation,
  type LostRequest,
  type SendGuard,
  memoryBackend,
  redisBackend,
} from '../../src/coordination/idempotency';
import { type RedisConnection, connectRedis } from '../../src/coordination/redis';
import { silentLogger } from '../../src/base/logger';
import { SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

const OPTIONS: IdempotencyOptions = { ttlMs: 60_000, waitMs: 2_000, pollMs: 5, leaseMs: 60_000 };
const LEASE: IdempotencyOptions = { ttlMs: 60_000, waitMs: 4_000, pollMs: 50, leaseMs: 1_000 };

/**
 * Time that moves only when a sleeper or the test moves it. Each gateway gets its own clock on
 * the one timeline; a stopped one fires no heartbeats (its process is gone or held up).
 */
class Timeline {
  at = 1_800_000_000_000;
  private readonly timers = new Set<{ due: number; ms: number; tick(): Promise<unknown> }>();
  private readonly stoppedOwners = new Set<string>();
  private readonly owners = new WeakMap<object, string>();

  clock(owner: string): Clock {
    return {
      now: () => this.at,
      sleep: (ms) => this.advance(ms),
      every: (ms, tick) => {
        const timer = { due: this.at + ms, ms, tick };
        this.owners.set(timer, owner);
        this.timers.add(timer);
        return () => this.timers.delete(timer);
      },
    };
  }

  stop(owner: string): void {
    this.stoppedOwners.add(owner);
  }

  resume(owner: string): void {
    this.stoppedOwners.delete(owner);
  }

  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      const next = [...this.timers]
        .filter((timer) => timer.due <= end)
        .sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.at = Math.max(this.at, next.due);
      next.due += next.ms;
      if (!this.stoppedOwners.has(this.owners.get(next)!)) await next.tick();
    }
    this.at = end;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets queued work run until `done` holds (bounded in steps, not in time). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise((r) => setImmediate(r));
  if (!done()) throw new Error('the condition never held');
}

/** An operation with a key; settle fails the test unless given. */
function op<T>(
  execute: (guard: SendGuard) => Promise<T>,
  parts: Partial<KeyedOperation<T>> = {},
): KeyedOperation<T> {
  return {
    scope: 'buy',
    key: 'k',
    args: {},
    execute,
    settle: async () => {
      throw new Error('settle was not expected');
    },
    isSettled: () => true,
    ...parts,
  };
}

let connection: RedisConnection;

beforeAll(async () => {
  connection = connectRedis(SHARED_REDIS_URL, silentLogger, 1_000);
  await waitForRedis(connection);
});

afterAll(() => connection.close());

const backends = {
  memory: () => memoryBackend(),
  redis: () => redisBackend(connection, uniqueNamespace('idem'), 1_000),
};

describe.each(Object.entries(backends))('idempotency store over %s', (_name, backend) => {
  let store: IdempotencyStore;
  beforeEach(() => {
    store = new IdempotencyStore(backend(), OPTIONS);
  });

  it('answers what is shown once to the first call only, and replays what is kept', async () => {
    const shown: { id: string; secret: string | null } = { id: 'a1', secret: 'Shown0nce' };
    const keyed = op(async () => shown, { kept: ({ id }) => ({ id, secret: null }) });
    expect(await store.run(keyed)).toEqual(shown);
    expect(await store.run(keyed)).toEqual({ id: 'a1', secret: null });
  });

  it('runs once for concurrent calls with one key and gives each the first result', async () => {
    let runs = 0;
    const gate = deferred<void>();
    const execute = async () => {
      runs++;
      await gate.promise;
      return { ok: runs };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => store.run(op(execute))));
    await until(() => runs === 1);
    gate.resolve();
    const results = await all;
    expect(runs).toBe(1);
    expect(results).toEqual(Array(20).fill({ ok: 1 }));
  });

  it('treats arguments with keys in another order as the same, and other arguments as reuse', async () => {
    await store.run(op(async () => 'first', { args: { a: 1, b: 2 } }));
    await expect(store.run(op(async () => 'second', { args: { b: 2, a: 1 } }))).resolves.toBe(
      'first',
    );
    await expect(store.run(op(async () => 'x', { args: { a: 2, b: 2 } }))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('keeps scopes apart: the same key on another operation runs', async () => {
    await store.run(op(async () => 'buy'));
    await expect(store.run(op(async () => 'cancel', { scope: 'cancel' }))).resolves.toBe('cancel');
  });

  it('releases the key when the call throws, so a retry runs', async () => {
    const failing = op(async () => {
      throw new Error('not sent');
    });
    await expect(store.run(failing)).rejects.toThrow('not sent');
    await expect(store.run(op(async () => 'retried'))).resolves.toBe('retried');
  });

  it('tells a duplicate that waited too long that the first call is still in progress', async () => {
    const quick = new IdempotencyStore(backend(), { ...OPTIONS, waitMs: 20 });
    const first = deferred<string>();
    const held = quick.run(op(() => first.promise));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(quick.run(op(async () => 'dup'))).rejects.toBeInstanceOf(
      IdempotencyInProgressError,
    );
    first.resolve('done');
    await expect(held).resolves.toBe('done');
  });

  describe('when the holder of a claim stops', () => {
    let time: Timeline;
    let shared: ReturnType<typeof backend>;
    const gateway = (name: string) => new IdempotencyStore(shared, LEASE, time.clock(name));

    beforeEach(() => {
      time = new Timeline();
      shared = backend();
    });

    /** Gateway g1 claims a key, marks the request sent, then stops (its process is gone). */
    async function g1SendsThenStops(): Promise<void> {
      let sent = false;
      void gateway('g1').run(
        op(async (guard) => {
          await guard.sending();
          sent = true;
          return new Promise<string>(() => undefined);
        }),
      );
      await until(() => sent);
      time.stop('g1');
    }

    it('takes over a claim whose holder stopped before sending, and runs it: nothing was spent', async () => {
      let stage = '';
      void gateway('g1').run(
        op(async () => {
          stage = 'checking';
          return new Promise<string>(() => undefined);
        }),
      );
      await until(() => stage === 'checking');
      time.stop('g1');
      const started = time.at;
      let runs = 0;
      const answer = await gateway('g2').run(op(async () => `bought by g2 ${++runs}`));
      expect(answer).toBe('bought by g2 1');
      expect(time.at - started).toBeLessThanOrEqual(LEASE.leaseMs + LEASE.pollMs);
    });

    it('settles a claim whose holder stopped after sending by reading, within the lease, and never sends again', async () => {
      let sentAt = 0;
      void gateway('g1').run(
        op(async (guard) => {
          await guard.sending();
          sentAt = time.at;
          return new Promise<string>(() => undefined);
        }),
      );
      await until(() => sentAt > 0);
      time.stop('g1');
      const settles: LostRequest<string>[] = [];
      const g2 = op<string>(
        async () => {
          throw new Error('a sent request must not be sent again');
        },
        {
          settle: async (lost) => {
            settles.push(lost);
            return 'owned: it took';
          },
        },
      );
      await expect(gateway('g2').run(g2)).resolves.toBe('owned: it took');
      expect(time.at - sentAt).toBeLessThanOrEqual(LEASE.leaseMs + LEASE.pollMs);
      expect(settles).toEqual([{ sentAt, cause: 'sender-stopped', previous: undefined }]);
      // Settled: a later call replays it without reading again.
      await expect(gateway('g3').run(g2)).resolves.toBe('owned: it took');
      expect(settles).toHaveLength(1);
    });

    it('lets a live holder keep its claim by refreshing its lease: a duplicate waits and never takes over', async () => {
      const first = deferred<string>();
      let sent = false;
      const held = gateway('g1').run(
        op(async (guard) => {
          await guard.sending();
          sent = true;
          return first.promise;
        }),
      );
      await until(() => sent);
      const duplicate = op(
        async () => {
          throw new Error('the duplicate must not run');
        },
        {
          settle: async () => {
            throw new Error('the duplicate must not settle');
          },
        },
      );
      // Four leases pass while the duplicate waits: the holder's heartbeats keep its claim.
      await expect(gateway('g2').run(duplicate)).rejects.toBeInstanceOf(IdempotencyInProgressError);
      first.resolve('bought');
      await expect(held).resolves.toBe('bought');
      await expect(gateway('g2').run(duplicate)).resolves.toBe('bought');
    });

    it('lets exactly one of two callers that find a lapsed claim take it over', async () => {
      await g1SendsThenStops();
      await time.advance(LEASE.leaseMs);
      let settles = 0;
      const settling = op<string>(async () => 'never', {
        settle: async () => `settled ${++settles}`,
      });
      const answers = await Promise.all([gateway('g2').run(settling), gateway('g3').run(settling)]);
      expect(settles).toBe(1);
      expect(answers).toEqual(['settled 1', 'settled 1']);
    });

    it('lets a holder whose claim was taken over send nothing', async () => {
      const resume = deferred<void>();
      let sends = 0;
      let checking = false;
      const slow = gateway('g1').run(
        op(async (guard) => {
          checking = true;
          await resume.promise;
          await guard.sending();
          return `sent by g1 ${++sends}`;
        }),
      );
      await until(() => checking);
      time.stop('g1');
      const taker = op(async (guard) => {
        await guard.sending();
        return `sent by g2 ${++sends}`;
      });
      await expect(gateway('g2').run(taker)).resolves.toBe('sent by g2 1');
      time.resume('g1');
      resume.resolve();
      await expect(slow).rejects.toBeInstanceOf(IdempotencyInProgressError);
      expect(sends).toBe(1);
      await expect(gateway('g3').run(taker)).resolves.toBe('sent by g2 1');
    });

    it("never lets a finish with another holder's claim token overwrite the record", async () => {
      const g1Answer = deferred<string>();
      const g2Settle = deferred<string>();
      let sent = false;
      const g1 = gateway('g1').run(
        op(async (guard) => {
          await guard.sending();
          sent = true;
          return g1Answer.promise;
        }),
      );
      await until(() => sent);
      time.stop('g1');
      let settling = false;
      const g2 = gateway('g2').run(
        op<string>(async () => 'never', {
          settle: () => {
            settling = true;
            return g2Settle.promise;
          },
        }),
      );
      await until(() => settling);
      // g1 comes back and finishes on the claim token it held before g2 took over.
      g1Answer.resolve('g1 saw it bought');
      await expect(g1).resolves.toBe('g1 saw it bought');
      // g1's answer reached its own caller, but the record is still g2's claim.
      expect(await shared.read(`buy:${createHash('sha256').update('k').digest('hex')}`)).toEqual(
        expect.objectContaining({ state: 'pending', phase: 'sent' }),
      );
      g2Settle.resolve('g2 read it owned');
      await expect(g2).resolves.toBe('g2 read it owned');
      await expect(gateway('g3').run(op(async () => 'never'))).resolves.toBe('g2 read it owned');
    });

    it('settles an unknown outcome again by reading at the next call with the key, until it is known', async () => {
      const unknown = { outcome: 'unknown' };
      const reads: LostRequest<unknown>[] = [];
      let runs = 0;
      const answers = ['still unknown', 'owned'];
      const buy = op<unknown>(
        async (guard) => {
          await guard.sending();
          runs++;
          return unknown;
        },
        {
          settle: async (lost) => {
            reads.push(lost);
            const read = answers[reads.length - 1];
            return read === 'owned' ? { outcome: 'bought' } : { ...unknown, read };
          },
          isSettled: (result) => (result as { outcome: string }).outcome !== 'unknown',
        },
      );
      const sentAt = time.at;
      await expect(gateway('g1').run(buy)).resolves.toEqual(unknown);
      await expect(gateway('g1').run(buy)).resolves.toEqual({ ...unknown, read: 'still unknown' });
      await expect(gateway('g2').run(buy)).resolves.toEqual({ outcome: 'bought' });
      await expect(gateway('g1').run(buy)).resolves.toEqual({ outcome: 'bought' });
      expect(runs).toBe(1);
      expect(reads).toEqual([
        { sentAt, cause: 'unsettled', previous: unknown },
        { sentAt, cause: 'unsettled', previous: { ...unknown, read: 'still unknown' } },
      ]);
    });

    it('leaves a claim whose settle failed to the next caller, at once', async () => {
      await g1SendsThenStops();
      const failing = op<string>(async () => 'never', {
        settle: async () => {
          throw new Error('the read failed');
        },
      });
      await expect(gateway('g2').run(failing)).rejects.toThrow('the read failed');
      const before = time.at;
      const reading = op<string>(async () => 'never', { settle: async () => 'read: owned' });
      await expect(gateway('g3').run(reading)).resolves.toBe('read: owned');
      expect(time.at).toBe(before);
    });
  });
});

describe('idempotency store in memory', () => {
  it('refuses new keys once full, rather than let memory grow, and keeps answering old ones', async () => {
    const store = new IdempotencyStore(memoryBackend(2), OPTIONS);
    await store.run(op(async () => 'a', { key: 'a' }));
    await store.run(op(async () => 'b', { key: 'b' }));
    await expect(store.run(op(async () => 'c', { key: 'c' }))).rejects.toBeInstanceOf(
      IdempotencyUnavailableError,
    );
    await expect(store.run(op(async () => 'again', { key: 'a' }))).resolves.toBe('a');
  });
});
