import { type Access, OPEN_ACCESS } from '../auth/caller';
import { type CallScope } from '../base/call-scope';
import { Freshness } from './freshness';

/**
 * Made anew for each GraphQL request. `Services` and `Loaders` are what the domains give it: the
 * gateway's whole context (src/domains.ts) has one of each per domain; a domain's resolvers name
 * only the ones they read (its own, and any other domain's entry point they build on), so the
 * kernel never imports a domain.
 */
export interface Context<Services = unknown, Loaders = unknown> {
  /** Long-lived, shared by every request: one service per domain. */
  services: Services;
  /** Per-request batching loaders, one set per domain. */
  loaders: Loaders;
  /** The caller and whether scopes are enforced (src/auth). */
  access: Access;
  /** The `Idempotency-Key` HTTP header, for the operation's one money mutation. */
  idempotencyKey?: string;
  /** What this request's answer is made of, for reusing it: recorded by its loaders. */
  freshness: Freshness;
  /** Whom this request's upstream calls are for, and when they are no longer wanted. */
  scope: CallScope;
}

/** What the HTTP request tells the context. */
export interface RequestInfo {
  access?: Access;
  idempotencyKey?: string;
  /**
   * Aborted when the client is gone or has been answered. A function is asked only when an
   * upstream call needs it: a warm answer makes no AbortController at all.
   */
  signal?: AbortSignal | (() => AbortSignal);
}

export function createContext<Services, Loaders>(
  services: Services,
  createLoaders: (freshness: Freshness, scope: CallScope) => Loaders,
  request: RequestInfo = {},
): Context<Services, Loaders> {
  const freshness = new Freshness();
  const access = request.access ?? OPEN_ACCESS;
  // Only an authenticated caller has a share of the rate limits' queues (RATE_LIMIT_QUEUE_PER_CALLER).
  const caller =
    access.caller.kind === 'anonymous' ? undefined : `${access.caller.kind}:${access.caller.id}`;
  const { signal } = request;
  const scope: CallScope =
    typeof signal === 'function'
      ? {
          caller,
          get signal() {
            return signal();
          },
        }
      : { signal, caller };
  return {
    services,
    access,
    idempotencyKey: request.idempotencyKey,
    loaders: createLoaders(freshness, scope),
    freshness,
    scope,
  };
}
