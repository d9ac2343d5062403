/**
 * In-flight de-duplication, kept apart from the shared cache: concurrent callers asking for the
 * same upstream read in one process share one call and its result (or its error). Nothing is
 * remembered once the call settles; remembering is the cache's job.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Callers that joined a call already under way instead of starting one. */
  joined = 0;

  run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) {
      this.joined++;
      return existing as Promise<T>;
    }
    const promise = call().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
