import { type CallScope } from './call-scope';
import { Freshness } from './cache-hints';
import { type AccountLoaders, type AccountService, accountDomain } from './account';
import { type Access, OPEN_ACCESS } from './auth/caller';
import { type HistoryService } from './history';
import { type Logger } from './logger';
import { type NumbersLoaders, type NumbersService, numbersDomain } from './numbers';
import { type PricingLoader, type PricingService, pricingDomain } from './pricing';

/** Long-lived, shared by every request: one service per domain. */
export interface Services {
  account: AccountService;
  pricing: PricingService;
  numbers: NumbersService;
  history: HistoryService;
  logger: Logger;
}

/** Made anew for each GraphQL request. */
export interface Context {
  services: Services;
  loaders: { account: AccountLoaders; pricing: PricingLoader; numbers: NumbersLoaders };
  /** The caller and whether scopes are enforced (src/auth). */
  access: Access;
  /** The `Idempotency-Key` HTTP header, for the operation's one money mutation. */
  idempotencyKey?: string;
  /** How long this request's answer may be cached (the Cache-Control hint). */
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

export function createContext(services: Services, request: RequestInfo = {}): Context {
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
    loaders: {
      account: accountDomain.createLoaders(services.account, freshness, scope),
      pricing: pricingDomain.createLoaders(services.pricing, freshness, scope),
      numbers: numbersDomain.createLoaders(services.numbers, freshness, scope),
    },
    freshness,
    scope,
  };
}
