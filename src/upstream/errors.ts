/**
 * What went wrong, by status and error code only (each area's client reads the labels):
 * - `unauthorized`: HTTP or body code 401/403, usually the gateway's credentials;
 * - `rejected`: a business refusal (420 "method failed", other 4xx); never retried;
 * - `rate_limited`: 429;
 * - `unavailable`: timeout, network failure or 5xx;
 * - `bad_response`: the upstream answered something that cannot be decoded.
 */
export type UpstreamErrorKind =
  'unauthorized' | 'rejected' | 'rate_limited' | 'unavailable' | 'bad_response';

/**
 * Whether the request may have had an effect upstream. `unknown` matters for money operations:
 * a lost response to a top-up or a purchase must not be retried blindly.
 */
export type UpstreamOutcome = 'not_sent' | 'unknown' | 'answered';

export interface UpstreamErrorDetails {
  kind: UpstreamErrorKind;
  operation: string;
  method: string;
  /** The request URL with every secret removed. */
  url: string;
  outcome: UpstreamOutcome;
  status?: number;
  /** The body's error code (`error-code`, or the field its area names), when there is one. */
  errorCode?: string;
  /** The upstream's own words: `title`/`detail`, `error_title` or `error-code-label`. */
  label?: string;
  traceId?: string;
  retryAfterSeconds?: number;
  /**
   * A RATE_LIMITED the gateway gave before sending: its queue was full, or this caller already
   * held its share of it.
   */
  refusedBy?: 'queue' | 'caller_share';
  invalidParameters?: { name: string; reason: string }[];
}

/** The one internal error type of the upstream layer; it knows nothing of GraphQL. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  readonly kind: UpstreamErrorKind;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly outcome: UpstreamOutcome;
  readonly status?: number;
  readonly errorCode?: string;
  readonly label?: string;
  readonly traceId?: string;
  readonly retryAfterSeconds?: number;
  readonly refusedBy?: 'queue' | 'caller_share';
  readonly invalidParameters?: { name: string; reason: string }[];

  constructor(message: string, details: UpstreamErrorDetails) {
    super(message);
    this.kind = details.kind;
    this.operation = details.operation;
    this.method = details.method;
    this.url = details.url;
    this.outcome = details.outcome;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.label = details.label;
    this.traceId = details.traceId;
    this.refusedBy = details.refusedBy;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.invalidParameters = details.invalidParameters;
  }
}

/** Which request an error is about; `url` is always the redacted one. */
export interface RequestContext {
  operation: string;
  method: string;
  url: string;
}

export interface ResponseContext extends RequestContext {
  status: number;
  /**
   * False for a request that changes something: a 5xx to it may come after the change was made
   * (a proxy's 502, a crash after the write), so its outcome is unknown, not answered.
   */
  idempotent?: boolean;
  traceId?: string;
  retryAfterSeconds?: number;
  /** The area's own reading of some statuses (UpstreamRequest.statusKinds). */
  statusKinds?: Readonly<Partial<Record<number, UpstreamErrorKind>>>;
}

/** Failures where the request never left: nothing can have happened upstream. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
]);
const TIMEOUT_CODES = new Set(['TimeoutError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Turns a failure without an answer (refused, reset, timed out) into an error. After the
 * request may have been sent, the outcome is unknown: a POST may have taken effect.
 */
export function errorFromNetworkFailure(
  error: unknown,
  context: RequestContext,
  timeoutMs: number,
): UpstreamError {
  // AbortSignal.timeout rejects with a DOMException named TimeoutError (numeric code 23).
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : (error as Error).name;
  const message = TIMEOUT_CODES.has(code)
    ? `Vonage ${context.operation} did not answer within ${timeoutMs} ms`
    : `Vonage ${context.operation} could not be reached (${code})`;
  return new UpstreamError(message, {
    kind: 'unavailable',
    ...context,
    outcome: NOT_SENT_CODES.has(code) ? 'not_sent' : 'unknown',
  });
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function invalidParameters(
  body: Record<string, unknown>,
): UpstreamErrorDetails['invalidParameters'] {
  const list = body.invalid_parameters;
  if (!Array.isArray(list)) return undefined;
  return list.map((item: Record<string, unknown>) => ({
    name: text(item?.name) ?? '',
    reason: text(item?.reason) ?? '',
  }));
}

/** Prefer, in order: RFC 7807 `title`/`detail`, `error_title`, `error-code-label`. */
function labelOf(body: Record<string, unknown>): string | undefined {
  const title = text(body.title);
  const detail = text(body.detail);
  if (title && detail) return `${title}: ${detail}`;
  return title ?? detail ?? text(body.error_title) ?? text(body['error-code-label']);
}

function kindOf(code: number): UpstreamErrorKind {
  if (code === 401 || code === 403) return 'unauthorized';
  if (code === 429) return 'rate_limited';
  if (code >= 500) return 'unavailable';
  return 'rejected';
}

/** Where the error code is, unless an area's client says otherwise. */
export const DEFAULT_ERROR_CODE_FIELDS: readonly string[] = ['error-code'];

/**
 * The one place that turns an upstream answer into an error, or null when it is a success.
 * Success needs both a 2xx status and a body error code that is absent or "200": Vonage answers
 * HTTP 200 with `error-code: "420"`, and HTTP 401 with a body code 420. `codeFields` names where
 * the code may be, in order (an area whose error bodies spell it differently says so).
 */
export function errorFromResponse(
  body: unknown,
  context: ResponseContext,
  codeFields: readonly string[] = DEFAULT_ERROR_CODE_FIELDS,
): UpstreamError | null {
  const record =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const errorCode = codeFields.map((field) => text(record[field])).find(Boolean);
  const okStatus = context.status >= 200 && context.status < 300;
  const okCode = errorCode === undefined || errorCode === '200';
  if (okStatus && okCode) return null;

  const label = labelOf(record);
  const numericCode = !okCode && /^\d{3}$/.test(errorCode ?? '') ? Number(errorCode) : undefined;
  // A body code is more specific than the status (HTTP 401 with code 420 is a refusal) except for
  // 429 and 5xx, where the status says what the caller should do.
  const decisive =
    context.status === 429 || context.status >= 500
      ? context.status
      : (numericCode ?? context.status);
  const kind = context.statusKinds?.[decisive] ?? kindOf(decisive);
  const what = label ? `"${label}"` : `HTTP ${context.status}`;
  return new UpstreamError(`Vonage ${context.operation} failed: ${what}`, {
    kind,
    operation: context.operation,
    method: context.method,
    url: context.url,
    outcome: kind === 'unavailable' && context.idempotent === false ? 'unknown' : 'answered',
    status: context.status,
    errorCode,
    label,
    traceId: context.traceId,
    retryAfterSeconds: kind === 'rate_limited' ? context.retryAfterSeconds : undefined,
    invalidParameters: invalidParameters(record),
  });
}
