import { unwrapResolverError } from '@apollo/server/errors';
import { type ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, getMetadataStorage } from 'type-graphql';
import { type Logger } from '../base/logger';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyUnavailableError,
} from '../coordination/idempotency';
import { type DomainError } from '../kernel/domain';
import { ErrorCode } from '../base/error-codes';
import { tokenLimitError } from '../limits/plugin';
import { UpstreamError, type UpstreamErrorKind } from '../upstream/errors';

const CODE_BY_KIND: Record<UpstreamErrorKind, string> = {
  unauthorized: ErrorCode.UPSTREAM_UNAUTHORIZED,
  rejected: ErrorCode.UPSTREAM_REJECTED,
  rate_limited: ErrorCode.RATE_LIMITED,
  unavailable: ErrorCode.UPSTREAM_UNAVAILABLE,
  bad_response: ErrorCode.UPSTREAM_BAD_RESPONSE,
};

/**
 * Whether a RATE_LIMITED came from Vonage's 429, from the gateway's own slot queue, or from this
 * caller's share of that queue.
 */
function rateLimitSource(error: UpstreamError): 'vonage_429' | 'gateway_queue' | 'caller_share' {
  if (error.status === 429) return 'vonage_429';
  return error.refusedBy === 'caller_share' ? 'caller_share' : 'gateway_queue';
}

function rateLimitAdvice(error: UpstreamError): string {
  const retry = `Retry after ${error.retryAfterSeconds ?? 1} s.`;
  switch (rateLimitSource(error)) {
    case 'vonage_429':
      return `Vonage is rate limiting ${error.operation} (HTTP 429): retry after ${error.retryAfterSeconds ?? 1} s.`;
    case 'caller_share':
      return `${error.message}: the gateway spaces calls to stay within Vonage's rate limit and keeps room in that queue for other callers (Vonage refused nothing). ${retry}`;
    case 'gateway_queue':
      return `The gateway's own queue for ${error.operation} is full: it spaces calls to stay within Vonage's rate limit, and this one would wait too long (Vonage refused nothing). ${retry}`;
  }
}

function advice(error: UpstreamError): string {
  switch (error.kind) {
    case 'unauthorized':
      return `Vonage rejected the gateway's credentials (HTTP ${error.status}): the operator must check VONAGE_API_KEY and VONAGE_API_SECRET.`;
    case 'rejected':
      return `Vonage refused ${error.operation}: ${error.label ? `"${error.label}"` : `HTTP ${error.status}`}.`;
    case 'rate_limited':
      return rateLimitAdvice(error);
    case 'unavailable':
      return `${error.message}. Try again later.`;
    case 'bad_response':
      return `${error.message}. Try again later; if it persists, report the trace id.`;
  }
}

/** Maps the internal UpstreamError to the public error shape. */
function upstreamToGraphQLError(error: UpstreamError): GraphQLError {
  return new GraphQLError(advice(error), {
    extensions: {
      code: CODE_BY_KIND[error.kind],
      ...(error.kind === 'rate_limited'
        ? { retryAfter: error.retryAfterSeconds ?? 1, source: rateLimitSource(error) }
        : {}),
      upstream: {
        operation: error.operation,
        status: error.status ?? null,
        errorCode: error.errorCode ?? null,
        label: error.label ?? null,
        traceId: error.traceId ?? null,
        outcome: error.outcome,
      },
    },
  });
}

function flatten(errors: ValidationError[], prefix: string): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator's default messages start with the property name; ours do not.
      message: message.startsWith(`${error.property} `)
        ? message.slice(error.property.length + 1)
        : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Input classes are always passed as the argument `input`; argument classes (@ArgsType) spread
 * their properties as arguments, so their names need no prefix.
 */
function argumentPrefix(errors: ValidationError[]): string {
  const target = errors[0]?.target?.constructor;
  const isInput = getMetadataStorage().inputTypes.some((input) => input.target === target);
  return isInput ? 'input' : '';
}

function validationToGraphQLError(error: ArgumentValidationError): GraphQLError {
  const validationErrors = error.extensions.validationErrors as ValidationError[];
  const problems = flatten(validationErrors, argumentPrefix(validationErrors));
  const message = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  return new GraphQLError(message || 'Invalid argument', {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: problems[0]?.field ?? null, problems },
  });
}

/** Idempotency refusals: nothing was sent to Vonage for them. */
function idempotencyToGraphQLError(error: Error): GraphQLError | undefined {
  const code =
    error instanceof IdempotencyKeyReusedError
      ? ErrorCode.IDEMPOTENCY_KEY_REUSED
      : error instanceof IdempotencyInProgressError
        ? ErrorCode.IDEMPOTENCY_IN_PROGRESS
        : error instanceof IdempotencyUnavailableError
          ? ErrorCode.IDEMPOTENCY_UNAVAILABLE
          : undefined;
  if (!code) return undefined;
  return new GraphQLError(error.message, {
    extensions: { code, field: 'idempotencyKey', upstream: { outcome: 'not_sent' } },
  });
}

function withPath(error: GraphQLError, formatted: GraphQLFormattedError): GraphQLFormattedError {
  const json = error.toJSON();
  return { ...json, locations: formatted.locations, path: formatted.path };
}

/**
 * The one boundary where internal errors become public ones: upstream failures get a stable
 * code, validation failures name the field, a domain's own refusals get the code it declares,
 * anything unexpected is logged and masked.
 */
export function createFormatError(
  logger: Logger,
  maxTokens = Infinity,
  domainErrors: readonly DomainError[] = [],
) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const tooManyTokens = tokenLimitError(formatted, maxTokens);
    if (tooManyTokens) return tooManyTokens;
    const error = unwrapResolverError(raw);
    if (error instanceof UpstreamError) return withPath(upstreamToGraphQLError(error), formatted);
    if (error instanceof ArgumentValidationError)
      return withPath(validationToGraphQLError(error), formatted);
    const idempotency = error instanceof Error ? idempotencyToGraphQLError(error) : undefined;
    if (idempotency) return withPath(idempotency, formatted);
    const declared = domainErrors.find((candidate) => error instanceof candidate.type);
    if (declared && error instanceof Error) {
      const refusal = new GraphQLError(error.message, { extensions: { code: declared.code } });
      return withPath(refusal, formatted);
    }
    if (error instanceof GraphQLError && error.extensions?.code) return formatted;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: error, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal error: the gateway logged the details.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
