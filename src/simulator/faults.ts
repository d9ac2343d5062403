export interface CannedReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export type DropWhen = 'before' | 'after';

export type Fault = { kind: 'drop'; when: DropWhen } | { kind: 'fail'; reply: CannedReply };

export interface FaultSettings {
  latencyMs?: number;
  failNext?: CannedReply & { n: number };
  dropNext?: { n: number; when?: DropWhen };
}

/**
 * Faults armed by a test. Each call replaces the previous setting of the same kind rather than
 * queueing behind it. For one request, a drop before handling wins over a canned reply, which wins
 * over a drop after handling; the latency applies to every reply that is actually sent.
 */
export class Faults {
  latencyMs = 0;
  private fail: { remaining: number; reply: CannedReply } | undefined;
  private drop: { remaining: number; when: DropWhen } | undefined;

  latency = (ms: number): void => {
    this.latencyMs = checkLatency(ms);
  };

  failNext = (n: number, reply: CannedReply): void => {
    const remaining = checkCount(n, 'failNext');
    this.fail = remaining > 0 ? { remaining, reply: checkReply(reply) } : undefined;
  };

  dropNext = (n: number, when: DropWhen = 'before'): void => {
    const remaining = checkCount(n, 'dropNext');
    this.drop = remaining > 0 ? { remaining, when: checkWhen(when) } : undefined;
  };

  clear = (): void => {
    this.latencyMs = 0;
    this.fail = undefined;
    this.drop = undefined;
  };

  /** Validates every part before applying any, so a bad admin request changes nothing. */
  configure = (input: unknown): void => {
    if (!isRecord(input)) throw new TypeError('Send a JSON object');
    const settings = input as FaultSettings;
    const { latencyMs, failNext, dropNext } = settings;
    if (latencyMs !== undefined) checkLatency(latencyMs);
    if (failNext !== undefined) {
      if (!isRecord(failNext)) throw new TypeError('failNext must be an object');
      checkCount(failNext.n, 'failNext.n');
      checkReply(failNext);
    }
    if (dropNext !== undefined) {
      if (!isRecord(dropNext)) throw new TypeError('dropNext must be an object');
      checkCount(dropNext.n, 'dropNext.n');
      checkWhen(dropNext.when ?? 'before');
    }
    if (latencyMs !== undefined) this.latency(latencyMs);
    if (failNext !== undefined) {
      const { n, status, body, headers } = failNext;
      this.failNext(n, { status, body, headers });
    }
    if (dropNext !== undefined) this.dropNext(dropNext.n, dropNext.when);
  };

  take(): Fault | undefined {
    if (this.drop?.when === 'before') return this.takeDrop();
    if (this.fail) {
      const { reply } = this.fail;
      this.fail.remaining -= 1;
      if (this.fail.remaining === 0) this.fail = undefined;
      return { kind: 'fail', reply };
    }
    return this.drop ? this.takeDrop() : undefined;
  }

  private takeDrop(): Fault | undefined {
    if (!this.drop) return undefined;
    const { when } = this.drop;
    this.drop.remaining -= 1;
    if (this.drop.remaining === 0) this.drop = undefined;
    return { kind: 'drop', when };
  }
}

export interface CountersSnapshot {
  total: number;
  byRoute: Record<string, number>;
  rateLimited: number;
  webhooks: WebhookCounts;
}

/** Webhooks the sandbox sent: HTTP attempts, and webhooks delivered or given up after the last. */
export type WebhookCounts = {
  attempts: number;
  delivered: number;
  failed: number;
};

export class Counters {
  total = 0;
  readonly byRoute: Record<string, number> = {};
  /** Requests a rate limiter refused with 429 (they count in `total` and `byRoute` as well). */
  rateLimited = 0;
  /** Outgoing, so never in `total` nor `byRoute`, which count the requests the sandbox answered. */
  readonly webhooks: WebhookCounts = { attempts: 0, delivered: 0, failed: 0 };

  record = (key: string): void => {
    this.total += 1;
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
  };

  limited = (): void => {
    this.rateLimited += 1;
  };

  webhookAttempt = (): void => {
    this.webhooks.attempts += 1;
  };

  webhookOutcome = (delivered: boolean): void => {
    if (delivered) this.webhooks.delivered += 1;
    else this.webhooks.failed += 1;
  };

  reset = (): void => {
    this.total = 0;
    this.rateLimited = 0;
    Object.assign(this.webhooks, { attempts: 0, delivered: 0, failed: 0 });
    for (const key of Object.keys(this.byRoute)) delete this.byRoute[key];
  };

  snapshot = (): CountersSnapshot => ({
    total: this.total,
    byRoute: { ...this.byRoute },
    rateLimited: this.rateLimited,
    webhooks: { ...this.webhooks },
  });
}

function checkLatency(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError('latency must be a number of milliseconds >= 0');
  }
  return ms;
}

function checkCount(n: unknown, name: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`${name} must be an integer >= 0`);
  }
  return n;
}

function checkReply(reply: CannedReply): CannedReply {
  const { status, body, headers } = reply;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new RangeError('failNext status must be an HTTP status code (100-599)');
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new TypeError('failNext body must be a string');
  }
  const headerValues =
    headers === undefined ? [] : isRecord(headers) ? Object.values(headers) : [0];
  if (headerValues.some((value) => typeof value !== 'string')) {
    throw new TypeError('failNext headers must map names to strings');
  }
  return { status, body, headers: headers && { ...headers } };
}

function checkWhen(when: unknown): DropWhen {
  if (when !== 'before' && when !== 'after') {
    throw new RangeError("dropNext when must be 'before' or 'after'");
  }
  return when;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
