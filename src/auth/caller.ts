import { GraphQLError } from 'graphql';
import { ErrorCode } from '../base/error-codes';

/** Who is calling, as authentication established it. */
export interface Caller {
  /** The API token's name, or the JWT's `sub`; "anonymous" without credentials. */
  id: string;
  kind: 'jwt' | 'token' | 'anonymous';
  scopes: ReadonlySet<string>;
}

/** What a request may do: `enforced` is false when no auth is configured (sandbox or AUTH=none). */
export interface Access {
  caller: Caller;
  enforced: boolean;
}

export const ANONYMOUS: Caller = { id: 'anonymous', kind: 'anonymous', scopes: new Set() };

/** Every caller may do everything: sandbox without auth, or AUTH=none. */
export const OPEN_ACCESS: Access = { caller: ANONYMOUS, enforced: false };

/** Credentials were sent but are not valid: the request is refused with HTTP 401. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/**
 * `coordinate` is the field whose rule refused; `subject` (default: the coordinate) is what the
 * message says was refused, e.g. an entity representation read as that field.
 */
export function unauthenticated(
  coordinate: string,
  subject = coordinate,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(
    `${subject} needs an authenticated caller: send "Authorization: Bearer <token>" with a JWT or an API token.`,
    { extensions: { code: ErrorCode.UNAUTHENTICATED, field: coordinate, ...extra } },
  );
}

export function forbidden(
  coordinate: string,
  required: readonly (readonly string[])[],
  caller: Caller,
  subject = coordinate,
  extra: Record<string, unknown> = {},
): GraphQLError {
  const needed = required.map((set) => set.join(' and ')).join(', or ');
  return new GraphQLError(
    `${subject} needs the scope ${needed}; caller "${caller.id}" has ${caller.scopes.size > 0 ? [...caller.scopes].join(' ') : 'no scopes'}.`,
    {
      extensions: {
        code: ErrorCode.FORBIDDEN,
        field: coordinate,
        requiredScopes: required.map((set) => [...set]),
        ...extra,
      },
    },
  );
}
