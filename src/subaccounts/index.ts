import { type AccountService } from '../account';
import { type NumbersService } from '../numbers';
import { type Domain } from '../kernel/domain';
import { SecretsClient } from './secrets.client';
import { SecretsResolver } from './secrets.resolver';
import { SecretsService } from './secrets.service';
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
 * The domain's service, with the accounts' API secrets beside it (`secrets`): what another
 * domain building on this one would be given.
 */
export type SubaccountsWithSecrets = SubaccountsService & { readonly secrets: SecretsService };

/**
 * The Subaccounts domain's entry point: a transfer moves the primary's balance (Account's), a
 * sub-account's numbers are Numbers' own, read with its key, and the primary manages its own
 * and its sub-accounts' API secrets here too.
 */
export const subaccountsDomain: Domain<
  SubaccountsWithSecrets,
  SubaccountsLoaders,
  { account: AccountService; numbers: NumbersService },
  SubaccountsContext,
  SubaccountsSettings
> = {
  areas: SUBACCOUNTS_AREAS,
  settings: subaccountsSettings,
  scopes: SUBACCOUNTS_SCOPES,
  resolvers: [SubaccountsResolver, SubaccountManagementResolver, SecretsResolver],
  createService: (deps, { account, numbers }) =>
    Object.assign(
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
      {
        secrets: new SecretsService(new SecretsClient(deps.transport), deps.config.upstream.apiKey),
      },
    ),
  createLoaders: createSubaccountsLoaders,
  references: subaccountsReferences,
  referenceCalls: subaccountsReferenceCalls,
};

export { type SubaccountsLoaders } from './subaccounts.loader';
