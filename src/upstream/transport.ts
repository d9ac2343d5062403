import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { type RateLimiter, SlotUnavailableError } from '../cache/rate-limiter';
import { type AuthMode, type UpstreamApi, type UpstreamConfig } from '../config';
import { type Logger } from '../logger';
import { DecodeError, decodeBody } from './decode';
import { UpstreamError, errorFromResponse, type UpstreamOutcome } from './errors';
import { type Body, FieldError, asRecord } from './fields';
import { redactUrl } from './redact';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retry';

export const USER_AGENT = 'vonage-graphql-gateway/0.1.0';

export type Params = Record<string, string | number | boolean | undefined>;

export interface UpstreamRequest {
  /** Which API's rate limit the request draws on. */
  api: UpstreamApi;
  method: 'GET' | 'POST';
  path: string;
  /** Name of the upstream operation, for logs and errors (`getBalance`). */
  operation: string;
  query?: Params;
  /** Sent as application/x-www-form-urlencoded. Undefined fields are omitted; '' is sent. */
  form?: Params;
  /**
   * A POST that only reads (an empty settings POST) may be retried like a GET. Never set this on
   * a POST that changes anything.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  body: unknown;
  traceId?: string;
  attempts: number;
}

export interface TransportOptions {
  config: UpstreamConfig;
  logger: Logger;
  /** Injected in tests (undici MockAgent); a keep-alive Agent otherwise. */
  dispatcher?: Dispatcher;
  retry?: Partial<RetryPolicy>;
  /** Per-API schedules; every attempt, retries included, waits for its slot. */
  limiters?: Partial<Record<UpstreamApi, RateLimiter>>;
}

export interface TransportStats {
  /** Requests sent, per API (retries included). */
  sent: Record<UpstreamApi, number>;
  /** 429 answers received from the upstream. */
  rateLimited: number;
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
]);

function encode(params: Params | undefined): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) search.append(key, String(value));
  }
  return search;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Where the credentials go. Basic is the default; never both in one request. */
function applyAuth(
  mode: AuthMode,
  config: UpstreamConfig,
  headers: Record<string, string>,
  target: URLSearchParams,
): void {
  if (mode === 'basic') {
    const token = Buffer.from(`${config.apiKey}:${config.apiSecret}`).toString('base64');
    headers.authorization = `Basic ${token}`;
    return;
  }
  target.set('api_key', config.apiKey);
  target.set('api_secret', config.apiSecret);
}

/**
 * The one HTTP transport to Vonage's REST host: keep-alive pool, auth placement, form encoding,
 * decoding, the success rule, retries for reads and a deadline per attempt.
 */
export class UpstreamTransport {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly retry: RetryPolicy;
  readonly stats: TransportStats = { sent: { account: 0, pricing: 0 }, rateLimited: 0 };

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
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const idempotent = req.method === 'GET' || req.idempotent === true;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.attempt(req, attempt);
        return response;
      } catch (error) {
        if (!(error instanceof UpstreamError) || !isRetryable(error, idempotent)) throw error;
        const delay = retryDelayMs(error, attempt, this.retry);
        if (delay === null || req.signal?.aborted) throw error;
        this.options.logger.warn(
          {
            operation: req.operation,
            attempt,
            delayMs: delay,
            kind: error.kind,
            status: error.status,
          },
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
      throw new UpstreamError(
        `Vonage ${req.operation} answered an unexpected body: ${error.message}`,
        {
          kind: 'bad_response',
          operation: req.operation,
          method: req.method,
          url: redactUrl(this.options.config.restUrl + req.path),
          outcome: 'answered',
          status: response.status,
          traceId: response.traceId,
        },
      );
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async attempt(req: UpstreamRequest, attempt: number): Promise<UpstreamResponse> {
    const { config, logger } = this.options;
    const url = new URL(config.restUrl + req.path);
    encode(req.query).forEach((value, key) => url.searchParams.append(key, value));
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': USER_AGENT,
    };
    let form: URLSearchParams | undefined;
    if (req.method === 'POST') {
      form = encode(req.form);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    // With query auth, a POST carries the credentials in its form body, which stays out of URLs.
    applyAuth(config.auth, config, headers, form ?? url.searchParams);
    const safeUrl = redactUrl(url.toString());
    await this.waitForSlot(req, safeUrl);
    this.stats.sent[req.api]++;
    const signals = [AbortSignal.timeout(config.requestTimeoutMs)];
    if (req.signal) signals.push(req.signal);
    const started = performance.now();

    let status: number;
    let responseHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await request(url, {
        method: req.method,
        headers,
        body: form?.toString(),
        dispatcher: this.dispatcher,
        signal: AbortSignal.any(signals),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException named TimeoutError (numeric code 23).
      const raw = (error as { code?: unknown }).code;
      const code = typeof raw === 'string' ? raw : (error as Error).name;
      const outcome: UpstreamOutcome = NOT_SENT_CODES.has(code) ? 'not_sent' : 'unknown';
      const timedOut = ['TimeoutError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].includes(
        code,
      );
      logger.warn(
        { operation: req.operation, url: safeUrl, attempt, code, outcome },
        'upstream request failed',
      );
      throw new UpstreamError(
        timedOut
          ? `Vonage ${req.operation} did not answer within ${config.requestTimeoutMs} ms`
          : `Vonage ${req.operation} could not be reached (${code})`,
        {
          kind: 'unavailable',
          operation: req.operation,
          method: req.method,
          url: safeUrl,
          outcome,
        },
      );
    }

    const traceId = headerValue(responseHeaders['x-nexmo-trace-id']);
    const ms = Math.round(performance.now() - started);
    logger.debug(
      { operation: req.operation, method: req.method, url: safeUrl, status, ms, traceId, attempt },
      'upstream',
    );

    let body: unknown;
    try {
      body = decodeBody(headerValue(responseHeaders['content-type']), text);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      // An undecodable error page (an HTML 502 from a proxy) is still the error its status says.
      body = {};
      if (status >= 200 && status < 300) {
        throw new UpstreamError(
          `Vonage ${req.operation} answered something unreadable: ${error.message}`,
          {
            kind: 'bad_response',
            operation: req.operation,
            method: req.method,
            url: safeUrl,
            outcome: 'answered',
            status,
            traceId,
          },
        );
      }
    }
    const failure = errorFromResponse(body, {
      operation: req.operation,
      method: req.method,
      url: safeUrl,
      status,
      traceId,
      retryAfterSeconds: parseRetryAfter(headerValue(responseHeaders['retry-after'])),
    });
    if (failure) {
      if (status === 429) {
        this.stats.rateLimited++;
        await this.options.limiters?.[req.api]?.penalize((failure.retryAfterSeconds ?? 1) * 1000);
      }
      throw failure;
    }
    return { status, body, traceId, attempts: attempt };
  }

  /** A slot too far away is RATE_LIMITED before anything is sent (and is not retried). */
  private async waitForSlot(req: UpstreamRequest, safeUrl: string): Promise<void> {
    const limiter = this.options.limiters?.[req.api];
    if (!limiter) return;
    try {
      await limiter.acquire(req.signal);
    } catch (error) {
      if (!(error instanceof SlotUnavailableError)) {
        throw new UpstreamError(`Vonage ${req.operation} was abandoned while waiting for a slot`, {
          kind: 'unavailable',
          operation: req.operation,
          method: req.method,
          url: safeUrl,
          outcome: 'not_sent',
        });
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      throw new UpstreamError(
        `Too many ${req.api} requests: Vonage allows few per second, next slot in ${retryAfterSeconds} s`,
        {
          kind: 'rate_limited',
          operation: req.operation,
          method: req.method,
          url: safeUrl,
          outcome: 'not_sent',
          retryAfterSeconds,
        },
      );
    }
  }
}
