import { GraphQLError } from 'graphql';

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

export function unauthenticated(coordinate: string): GraphQLError {
  return new GraphQLError(
    `${coordinate} needs an authenticated caller: send "Authorization: Bearer <token>" with a JWT or an API token.`,
    { extensions: { code: 'UNAUTHENTICATED', field: coordinate } },
  );
}

export function forbidden(
  coordinate: string,
  required: readonly (readonly string[])[],
  caller: Caller,
): GraphQLError {
  const needed = required.map((set) => set.join(' and ')).join(', or ');
  return new GraphQLError(
    `${coordinate} needs the scope ${needed}; caller "${caller.id}" has ${caller.scopes.size > 0 ? [...caller.scopes].join(' ') : 'no scopes'}.`,
    {
      extensions: {
        code: 'FORBIDDEN',
        field: coordinate,
        requiredScopes: required.map((set) => [...set]),
      },
    },
  );
}
