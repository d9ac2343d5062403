import {
  type Attributes,
  type Context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/**
 * Spans, through the OpenTelemetry API only. The API does nothing until an SDK is registered,
 * which the server wiring does only when tracing is configured (src/server/tracing.ts): off, a
 * span is a shared non-recording object, no header is read or written, nothing is exported.
 * Callers compute costly attributes only when `span.isRecording()`.
 *
 * What a span may carry: names the code gives (operations, areas, key families), statuses and
 * counts. Never a secret, a caller's token, a query string or a variable's value.
 */
const TRACER = 'vonage-graphql-gateway';

export { type Span };

const KINDS = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

export interface SpanOptions {
  kind?: keyof typeof KINDS;
  attributes?: Attributes;
  /** The trace this span continues (an incoming request's); the active span's by default. */
  parent?: Context;
}

/**
 * Runs `run` inside a new span, which is the active one (the parent of the spans started
 * meanwhile) until `run` settles; then ends it. A throw marks the span failed (no message: an
 * error's text may quote what a span must not carry) and is passed on.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  const { kind = 'internal', attributes, parent = context.active() } = options;
  return trace
    .getTracer(TRACER)
    .startActiveSpan(name, { kind: KINDS[kind], attributes }, parent, async (span) => {
      try {
        return await run(span);
      } catch (error) {
        markFailed(span);
        throw error;
      } finally {
        span.end();
      }
    });
}

/** The span's work failed (an error answer, a refusal), though nothing was thrown. */
export function markFailed(span: Span): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
}

const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** The span running now: a non-recording one when tracing is off or nothing is traced. */
export function activeSpan(): Span {
  return trace.getActiveSpan() ?? NO_SPAN;
}

/** The trace an incoming request continues (W3C `traceparent`, `tracestate`), if it names one. */
export function incomingTrace(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Adds the active span's trace context (`traceparent`) to the headers of an outgoing request. */
export function propagateTrace(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}
