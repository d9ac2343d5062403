import { type CallScope } from '../base/call-scope';

/**
 * Whether anyone still waits for a shared call: its signal aborts once every caller that joined
 * it has given up. A caller without a signal (a background refresh, a preload) never gives up.
 */
class Interest {
  private readonly controller = new AbortController();
  private waiting = 0;
  private unbounded = false;
  private readonly joined: { signal: AbortSignal; leave: () => void }[] = [];

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  join(signal: AbortSignal | undefined): void {
    if (!signal) {
      this.unbounded = true;
      return;
    }
    // One request asking several times (aliased fields) gives up once.
    if (signal.aborted || this.joined.some((joined) => joined.signal === signal)) return;
    this.waiting++;
    const leave = () => this.leave(signal.reason);
    signal.addEventListener('abort', leave, { once: true });
    this.joined.push({ signal, leave });
  }

  /** Once the call settled: a request's signal outlives it, its listeners need not. */
  dispose(): void {
    for (const { signal, leave } of this.joined) signal.removeEventListener('abort', leave);
    this.joined.length = 0;
  }

  /** For the first caller: one that had already given up when the call began leaves at once. */
  settle(reason: unknown): void {
    if (!this.unbounded && this.waiting === 0) this.controller.abort(reason);
  }

  private leave(reason: unknown): void {
    this.waiting--;
    this.settle(reason);
  }
}

/**
 * In-flight de-duplication, kept apart from the shared cache: concurrent callers asking for the
 * same upstream read in one process share one call and its result (or its error). Nothing is
 * remembered once the call settles; remembering is the cache's job. The call runs for the first
 * caller (its `caller`), and is abandoned only when every caller has given up.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, { promise: Promise<unknown>; interest: Interest }>();
  /** Callers that joined a call already under way instead of starting one. */
  joined = 0;

  run<T>(key: string, call: (scope: CallScope) => Promise<T>, scope: CallScope = {}): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) {
      this.joined++;
      existing.interest.join(scope.signal);
      return existing.promise as Promise<T>;
    }
    const interest = new Interest();
    interest.join(scope.signal);
    interest.settle(scope.signal?.reason);
    const promise = call({ signal: interest.signal, caller: scope.caller }).finally(() => {
      this.inFlight.delete(key);
      interest.dispose();
    });
    this.inFlight.set(key, { promise, interest });
    return promise;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
