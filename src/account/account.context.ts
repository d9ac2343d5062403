import { type Context } from '../kernel/context';
import { type AccountLoaders } from './account.loader';
import { type AccountService } from './account.service';

/** What the Account domain's resolvers read of the request context. */
export type AccountContext = Context<{ account: AccountService }, { account: AccountLoaders }>;
