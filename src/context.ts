import { type AccountLoaders, type AccountService, accountDomain } from './account';
import { type Logger } from './logger';
import { type PricingLoader, type PricingService, pricingDomain } from './pricing';

/** Long-lived, shared by every request: one service per domain. */
export interface Services {
  account: AccountService;
  pricing: PricingService;
  logger: Logger;
}

/** Made anew for each GraphQL request. */
export interface Context {
  services: Services;
  loaders: { account: AccountLoaders; pricing: PricingLoader };
}

export function createContext(services: Services): Context {
  return {
    services,
    loaders: {
      account: accountDomain.createLoaders(services.account),
      pricing: pricingDomain.createLoaders(services.pricing),
    },
  };
}
