import { type AccountClient } from './account/account.client';
import { type AccountLoaders, createAccountLoaders } from './account/account.loader';
import { type Logger } from './logger';

/** Long-lived, shared by every request. */
export interface Services {
  account: AccountClient;
  logger: Logger;
}

/** Made anew for each GraphQL request. */
export interface Context {
  services: Services;
  loaders: { account: AccountLoaders };
}

export function createContext(services: Services): Context {
  return { services, loaders: { account: createAccountLoaders(services.account) } };
}
