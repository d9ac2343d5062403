/**
 * Every stable `extensions.code` the shared layers give, in one place (each domain declares its
 * own beside its error classes, listed by src/domains.ts). Clients branch on these: never rename.
 */
export const ErrorCode = {
  // The HTTP request itself (src/http): unreadable, too large, not JSON, not a GraphQL request.
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  // Apollo Server's own, read by the token limit.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  // The caller (src/auth).
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  // Router-only access (src/http/router-only.ts): a request the router did not make or sign.
  ROUTER_ONLY: 'ROUTER_ONLY',
  // The limits, checked before execution (src/limits).
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_DEEP: 'TOO_DEEP',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  OPERATION_TOO_COSTLY: 'OPERATION_TOO_COSTLY',
  MONEY_MUTATION_LIMIT: 'MONEY_MUTATION_LIMIT',
  WRITE_MUTATION_LIMIT: 'WRITE_MUTATION_LIMIT',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  SUBSCRIPTION_LIMIT: 'SUBSCRIPTION_LIMIT',
  // Arguments (src/kernel/validation.ts, type-graphql's validation).
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  // The upstream (src/upstream/errors.ts, mapped in src/server/errors.ts).
  UPSTREAM_UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  // Idempotency keys of money mutations (src/coordination/idempotency.ts).
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  IDEMPOTENCY_UNAVAILABLE: 'IDEMPOTENCY_UNAVAILABLE',
  // Anything unexpected: logged, masked.
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
