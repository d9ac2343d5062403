import { Arg, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../auth/scopes';
import { UpstreamCalls } from '../limits/cost.directives';
import { RequiresScopes } from './account.scopes';
import { type AccountContext } from './account.context';
import { settingsChange, settingsResult } from './account.mapper';
import { TopUpInput, UpdateSettingsInput } from './account.inputs';
import { WriteMutation } from '../kernel/write-mutation';
import { TopUpResult, UpdateSettingsResult } from './account.results';
import { type TopUpOutcome } from './account.service';
import { Account, AccountSettings, Balance } from './account.type';

@Resolver(() => Account)
export class AccountResolver {
  @Authenticated()
  @Query(() => Account, { description: 'The Vonage account the gateway is configured with.' })
  account(@Ctx() ctx: AccountContext): Account {
    return Object.assign(new Account(), { apiKey: ctx.services.account.apiKey });
  }

  @RequiresScopes('account:read')
  @UpstreamCalls()
  @FieldResolver(() => Balance, { description: 'Current balance and auto-reload state.' })
  balance(@Ctx() ctx: AccountContext): Promise<Balance> {
    return ctx.loaders.account.balance.get();
  }

  @RequiresScopes('account:read')
  @UpstreamCalls()
  @FieldResolver(() => AccountSettings, { description: 'Default webhooks and throughput limits.' })
  settings(@Ctx() ctx: AccountContext): Promise<AccountSettings> {
    return ctx.loaders.account.settings.get();
  }

  // Posts the top-up and re-reads the balance.
  @RequiresScopes('billing:write')
  @WriteMutation(() => TopUpResult, {
    description:
      'Tops the balance up by the amount of the payment that enabled auto-reload. Never retried ' +
      'by the gateway: a lost answer is TopUpOutcomeUnknown, so read the balance before trying ' +
      'again, or repeat with the same idempotencyKey to get the first answer.',
    money: true,
    calls: 2,
  })
  topUp(
    @Arg('input') input: TopUpInput,
    @Ctx() ctx: AccountContext,
    key: string | undefined,
  ): Promise<TopUpOutcome> {
    return ctx.loaders.account.topUp(input.trx, key);
  }

  // One POST, which answers with the settings.
  @RequiresScopes('settings:write')
  @WriteMutation(() => UpdateSettingsResult, {
    description:
      'Changes the default webhooks. Omit a field to keep it, pass "" to unset it. Vonage saves a ' +
      'URL only if it answers 200 to a GET; otherwise the result is CallbackUrlNotSaved.',
    calls: 1,
  })
  async updateSettings(
    @Arg('input') input: UpdateSettingsInput,
    @Ctx() ctx: AccountContext,
  ): Promise<typeof UpdateSettingsResult> {
    const change = settingsChange(input);
    return settingsResult(change, await ctx.loaders.account.updateSettings(change));
  }
}
