import { type AccountClient } from './account/account.client';
import { type AccountLoaders, createAccountLoaders } from './account/account.loader';
import { type Logger } from './logger';
import { type PricingLoader, createPricingLoader } from './pricing/pricing.loader';
import { type PricingService } from './pricing/pricing.service';

/** Long-lived, shared by every request. */
export interface Services {
  account: AccountClient;
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
      account: createAccountLoaders(services.account),
      pricing: createPricingLoader(services.pricing),
    },
  };
}
