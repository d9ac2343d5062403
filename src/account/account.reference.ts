import { type ReferenceCalls } from '../limits/cost.directives';
import { type AccountContext } from './account.context';
import { Account } from './account.type';

/** Federation entities of the Account domain. */
export const accountReferences = {
  /** The gateway serves one account: a reference to any other API key is null. */
  Account: (reference: { apiKey?: unknown }, ctx: AccountContext): Account | null =>
    reference.apiKey === ctx.services.account.apiKey
      ? Object.assign(new Account(), { apiKey: ctx.services.account.apiKey })
      : null,
};

/** The account's key is the gateway's own: no call to resolve it; its fields declare theirs. */
export const accountReferenceCalls: Record<string, ReferenceCalls> = { Account: () => 0 };
