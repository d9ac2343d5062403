import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { type RateLimiter, type Slot, SlotUnavailableError } from '../coordination/rate-limiter';
import { onWrite } from './on-write';
import { type UpstreamConfig } from '../config/config';
import { type Logger } from '../base/logger';
import { DecodeError, decodeBody } from './decode';
import {
  type RequestContext,
  UpstreamError,
  errorFromNetworkFailure,
  errorFromResponse,
} from './errors';
import { type Body, FieldError, asRecord } from './fields';
import { redactText, secretsOf } from '../base/redact';
import { activeSpan, propagateTrace } from '../base/tracing';
import { AttemptSpans } from './tracing';
import { redactError } from './redact';
import { UnauthorizedLog } from './unauthorized-log';
import { type UpstreamRequest, toWire } from './request';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retry';

export interface UpstreamResponse {
  status: number;
  body: unknown;
  traceId?: string;
  /** The request URL with every secret removed. */
  url: string;
}

export interface TransportOptions {
  config: UpstreamConfig;
  logger: Logger;
  /** Injected in tests (undici MockAgent); a keep-alive Agent otherwise. */
  dispatcher?: Dispatcher;
  retry?: Partial<RetryPolicy>;
  /** Per-area schedules; every attempt, retries included, waits for its slot. */
  limiters?: Readonly<Record<string, RateLimiter>>;
  /** Called once per attempt that was sent (metrics); must not throw. */
  observe?: (event: AttemptEvent) => void;
}

/** One upstream attempt, for observers: no URL, no body, nothing secret. */
export interface AttemptEvent {
  operation: string;
  /** The HTTP status as text, or the outcome of a request that got no answer (`not_sent`, `unknown`). */
  status: string;
  ms: number;
}

export interface TransportStats {
  /** Requests sent, per area (retries included). */
  sent: Record<string, number>;
  /** 429 answers received from the upstream. */
  rateLimited: number;
}

function isIdempotent(req: UpstreamRequest): boolean {
  return req.method === 'GET' || req.idempotent === true;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The one HTTP transport to Vonage's REST host: keep-alive pool, rate-limit slots, decoding, the
 * success rule, retries for reads and a deadline per attempt. Requests are built by `toWire`.
 */
export class UpstreamTransport {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly retry: RetryPolicy;
  /** Scrubbed from every text the upstream sends back in an error (an echo of the request). */
  private readonly secrets: readonly string[];
  private readonly unauthorized: UnauthorizedLog;
  private readonly spans: AttemptSpans;
  readonly stats: TransportStats = { sent: {}, rateLimited: 0 };

  constructor(private readonly options: TransportOptions) {
    const { config } = options;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: config.connections,
        connect: { timeout: config.connectTimeoutMs },
        headersTimeout: config.requestTimeoutMs,
        bodyTimeout: config.requestTimeoutMs,
        keepAliveTimeout: 30_000,
      });
    this.retry = { ...DEFAULT_RETRY_POLICY, maxRetries: config.maxRetries, ...options.retry };
    this.secrets = secretsOf(config);
    this.unauthorized = new UnauthorizedLog(options.logger);
    this.spans = new AttemptSpans(config, this.secrets);
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const idempotent = isIdempotent(req);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(req, attempt);
      } catch (error) {
        if (error instanceof UpstreamError && error.kind === 'unauthorized') {
          this.unauthorized.report(error);
        }
        if (!(error instanceof UpstreamError) || !isRetryable(error, idempotent)) throw error;
        const delay = retryDelayMs(error, attempt, this.retry);
        if (delay === null || req.signal?.aborted) throw error;
        const { operation } = req;
        this.options.logger.warn(
          { operation, attempt, delayMs: delay, kind: error.kind, status: error.status },
          'retrying upstream read',
        );
        await sleep(delay, undefined, { signal: req.signal }).catch(() => undefined);
      }
    }
  }

  /**
   * Sends a request and reads its body with `read`. A body that lacks what `read` needs is an
   * upstream fault (`bad_response`), never a crash.
   */
  async call<T>(req: UpstreamRequest, read: (body: Body) => T): Promise<T> {
    const response = await this.request(req);
    try {
      return read(asRecord(response.body));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const { operation, method } = req;
      throw new UpstreamError(`Vonage ${operation} answered an unexpected body: ${error.message}`, {
        kind: 'bad_response',
        operation,
        method,
        url: response.url,
        outcome: 'answered',
        status: response.status,
        traceId: response.traceId,
      });
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** One attempt in its span (./tracing.ts); its `traceparent` goes with the request. */
  private attempt(req: UpstreamRequest, attempt: number): Promise<UpstreamResponse> {
    return this.spans.run(req, attempt, () => this.send(req, attempt));
  }

  private async send(req: UpstreamRequest, attempt: number): Promise<UpstreamResponse> {
    const { config, logger } = this.options;
    const wire = toWire(config, req);
    const context: RequestContext = {
      operation: req.operation,
      method: req.method,
      url: wire.safeUrl,
    };
    const queued = performance.now();
    const slot = await this.waitForSlot(req, context);
    if (slot)
      activeSpan().setAttribute('upstream.slot_wait_ms', Math.round(performance.now() - queued));
    propagateTrace(wire.headers);
    this.stats.sent[req.area] = (this.stats.sent[req.area] ?? 0) + 1;
    const signals = [AbortSignal.timeout(config.requestTimeoutMs)];
    if (req.signal) signals.push(req.signal);
    const started = performance.now();

    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await request(wire.url, {
        method: req.method,
        headers: wire.headers,
        body: wire.body,
        // The slot hears of the write, to space the next start from it.
        dispatcher: slot ? onWrite(this.dispatcher, () => slot.sent()) : this.dispatcher,
        signal: AbortSignal.any(signals),
      });
      // The answer began: the request reached Vonage before now.
      slot?.settled();
      status = response.statusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      slot?.settled();
      const failure = errorFromNetworkFailure(error, context, config.requestTimeoutMs);
      this.options.observe?.({
        operation: req.operation,
        status: failure.outcome,
        ms: performance.now() - started,
      });
      logger.warn(
        { ...context, attempt, outcome: failure.outcome, reason: failure.message },
        'upstream request failed',
      );
      throw failure;
    }

    const traceId = headerValue(headers['x-nexmo-trace-id']);
    const elapsed = performance.now() - started;
    this.options.observe?.({ operation: req.operation, status: String(status), ms: elapsed });
    const ms = Math.round(elapsed);
    logger.debug({ ...context, status, ms, traceId, attempt }, 'upstream');

    let body: unknown = {};
    try {
      body = decodeBody(headerValue(headers['content-type']), text, req.xmlLists);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      // An undecodable error page (an HTML 502 from a proxy) is still the error its status says.
      if (status >= 200 && status < 300) {
        const message = redactText(
          `Vonage ${req.operation} answered something unreadable: ${error.message}`,
          this.secrets,
        );
        throw new UpstreamError(message, {
          kind: 'bad_response',
          ...context,
          outcome: 'answered',
          status,
          traceId,
        });
      }
    }
    const retryAfterSeconds = parseRetryAfter(headerValue(headers['retry-after']));
    const failure = redactError(
      errorFromResponse(
        body,
        {
          ...context,
          status,
          traceId,
          retryAfterSeconds,
          idempotent: isIdempotent(req),
          statusKinds: req.statusKinds,
        },
        req.errorCodeFields,
      ),
      req.secrets ? [...this.secrets, ...req.secrets] : this.secrets,
    );
    if (failure) {
      if (status === 429) {
        this.stats.rateLimited++;
        await this.options.limiters?.[req.area]?.penalize((failure.retryAfterSeconds ?? 1) * 1000);
      }
      throw failure;
    }
    return { status, body, traceId, url: wire.safeUrl };
  }

  /** A slot too far away is RATE_LIMITED before anything is sent (and is not retried). */
  private async waitForSlot(
    req: UpstreamRequest,
    context: RequestContext,
  ): Promise<Slot | undefined> {
    const limiter = this.options.limiters?.[req.area];
    if (!limiter) return undefined;
    try {
      return await limiter.acquire(req.signal, req.caller);
    } catch (error) {
      if (!(error instanceof SlotUnavailableError)) {
        const message = `Vonage ${req.operation} was abandoned while waiting for a slot`;
        throw new UpstreamError(message, { kind: 'unavailable', ...context, outcome: 'not_sent' });
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      const message =
        error.refusedBy === 'caller_share'
          ? error.message
          : `Too many ${req.area} requests: Vonage allows few per second, next slot in ${retryAfterSeconds} s`;
      throw new UpstreamError(message, {
        kind: 'rate_limited',
        ...context,
        outcome: 'not_sent',
        retryAfterSeconds,
        refusedBy: error.refusedBy,
      });
    }
  }
}
