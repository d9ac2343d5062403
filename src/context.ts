import { type AccountLoaders, type AccountService, accountDomain } from './account';
import { type Logger } from './logger';
import { type NumbersLoaders, type NumbersService, numbersDomain } from './numbers';
import { type PricingLoader, type PricingService, pricingDomain } from './pricing';

/** Long-lived, shared by every request: one service per domain. */
export interface Services {
  account: AccountService;
  pricing: PricingService;
  numbers: NumbersService;
  logger: Logger;
}

/** Made anew for each GraphQL request. */
export interface Context {
  services: Services;
  loaders: { account: AccountLoaders; pricing: PricingLoader; numbers: NumbersLoaders };
  /** The `Idempotency-Key` HTTP header, for the operation's one money mutation. */
  idempotencyKey?: string;
}

/** What the HTTP request tells the context. */
export interface RequestInfo {
  idempotencyKey?: string;
}

export function createContext(services: Services, request: RequestInfo = {}): Context {
  return {
    services,
    idempotencyKey: request.idempotencyKey,
    loaders: {
      account: accountDomain.createLoaders(services.account),
      pricing: pricingDomain.createLoaders(services.pricing),
      numbers: numbersDomain.createLoaders(services.numbers),
    },
  };
}
