import { type Domain } from '../kernel/domain';
import { type AccountContext } from './account.context';
import { AccountClient } from './account.client';
import { accountReferenceCalls, accountReferences } from './account.reference';
import { type AccountLoaders, createAccountLoaders } from './account.loader';
import { AccountResolver } from './account.resolver';
import { AccountService } from './account.service';

/** The Account domain's entry point. */
export const accountDomain: Domain<AccountService, AccountLoaders, object, AccountContext> = {
  // Account API keys default to about 30 requests per second.
  areas: { account: 30 },
  resolvers: [AccountResolver],
  createService: (deps) =>
    new AccountService(
      new AccountClient(deps.transport),
      deps.readThrough({
        ttlMs: deps.config.account.balanceTtlMs,
        staleWhileRevalidateMs: 0,
        staleIfErrorMs: 0,
      }),
      deps.idempotency,
      deps.logger,
      deps.config.upstream.apiKey,
    ),
  createLoaders: createAccountLoaders,
  references: accountReferences,
  referenceCalls: accountReferenceCalls,
  // A top-up posts and re-reads the balance; settings are one POST that answers them.
  writes: { topUp: { money: true, calls: 2 }, updateSettings: { calls: 1 } },
};

export { type AccountService } from './account.service';
export { type AccountLoaders } from './account.loader';
export { Account } from './account.type';
