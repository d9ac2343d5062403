import { type AccountService } from '../account';
import { type NumbersService } from '../numbers';
import { type Domain } from '../kernel/domain';
import { SubaccountsClient } from './subaccounts.client';
import { type SubaccountsContext } from './subaccounts.context';
import { type SubaccountsLoaders, createSubaccountsLoaders } from './subaccounts.loader';
import { subaccountsReferenceCalls, subaccountsReferences } from './subaccounts.reference';
import { SubaccountsResolver } from './subaccounts.resolver';
import { SubaccountManagementResolver } from './subaccounts.manage.resolver';
import { SUBACCOUNTS_SCOPES } from './subaccounts.scopes';
import { SubaccountsService } from './subaccounts.service';
import {
  SUBACCOUNTS_AREAS,
  type SubaccountsSettings,
  subaccountsSettings,
} from './subaccounts.settings';

/**
 * The Subaccounts domain's entry point: a transfer moves the primary's balance (Account's), and a
 * sub-account's numbers are Numbers' own, read with its key.
 */
export const subaccountsDomain: Domain<
  SubaccountsService,
  SubaccountsLoaders,
  { account: AccountService; numbers: NumbersService },
  SubaccountsContext,
  SubaccountsSettings
> = {
  areas: SUBACCOUNTS_AREAS,
  settings: subaccountsSettings,
  scopes: SUBACCOUNTS_SCOPES,
  resolvers: [SubaccountsResolver, SubaccountManagementResolver],
  createService: (deps, { account, numbers }) =>
    new SubaccountsService(
      new SubaccountsClient(deps.transport, deps.config.upstream.apiKey),
      deps.readThrough({
        ttlMs: deps.settings.listTtlMs,
        staleWhileRevalidateMs: 0,
        staleIfErrorMs: 0,
      }),
      deps.idempotency,
      account,
      numbers,
      deps.logger,
      deps.config.upstream.apiKey,
    ),
  createLoaders: createSubaccountsLoaders,
  references: subaccountsReferences,
  referenceCalls: subaccountsReferenceCalls,
};

export { type SubaccountsService } from './subaccounts.service';
export { type SubaccountsLoaders } from './subaccounts.loader';
