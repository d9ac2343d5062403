import { type Domain } from '../kernel/domain';
import { type AccountContext } from './account.context';
import { AccountClient } from './account.client';
import { accountReferenceCalls, accountReferences } from './account.reference';
import { type AccountLoaders, createAccountLoaders } from './account.loader';
import { AccountResolver } from './account.resolver';
import { AccountService } from './account.service';
import { ACCOUNT_AREAS, type AccountSettings, accountSettings } from './account.settings';
import { ACCOUNT_SCOPES } from './account.scopes';

/** The Account domain's entry point. */
export const accountDomain: Domain<
  AccountService,
  AccountLoaders,
  object,
  AccountContext,
  AccountSettings
> = {
  areas: ACCOUNT_AREAS,
  settings: accountSettings,
  scopes: ACCOUNT_SCOPES,
  resolvers: [AccountResolver],
  createService: (deps) =>
    new AccountService(
      new AccountClient(deps.transport),
      deps.readThrough({
        ttlMs: deps.settings.balanceTtlMs,
        staleWhileRevalidateMs: 0,
        staleIfErrorMs: 0,
      }),
      deps.idempotency,
      deps.logger,
      deps.config.upstream.apiKey,
    ),
  createLoaders: createAccountLoaders,
  references: accountReferences,
  // A balance read asks Vonage itself, not the coalesced balance: the credentials are checked.
  readiness: (service) => (scope) => service.client.getBalance(scope),
  referenceCalls: accountReferenceCalls,
};

export { type AccountService } from './account.service';
export { type AccountLoaders } from './account.loader';
export { Account, AccountSettings } from './account.type';
export { ACCOUNT_SCOPES } from './account.scopes';
