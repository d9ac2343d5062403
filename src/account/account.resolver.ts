import { Arg, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../auth/scopes';
import { UpstreamCalls } from '../limits/cost.directives';
import { RequiresScopes } from './account.scopes';
import { type AccountContext } from './account.context';
import { badUserInput } from '../kernel/errors';
import { type AccountSettingsRecord, type SettingsChange } from './account.client';
import { TopUpInput, UpdateSettingsInput } from './account.inputs';
import { WriteMutation } from '../kernel/write-mutation';
import {
  CallbackUrlNotSaved,
  SettingsUpdated,
  TopUpResult,
  UpdateSettingsResult,
} from './account.results';
import { type TopUpOutcome } from './account.service';
import { Account, AccountSettings, Balance } from './account.type';

const SETTINGS_FIELDS = ['moCallbackUrl', 'drCallbackUrl'] as const;

/** The requested change, with null (leave as is) dropped. */
function settingsChange(input: UpdateSettingsInput): SettingsChange {
  const change: SettingsChange = {};
  for (const field of SETTINGS_FIELDS) {
    const value = input[field];
    if (typeof value === 'string') change[field] = value;
  }
  return change;
}

/** Vonage answers 200 with the old value when a webhook does not answer its check. */
function unsavedFields(change: SettingsChange, settings: AccountSettingsRecord): string[] {
  return SETTINGS_FIELDS.filter((field) => {
    const wanted = change[field];
    return wanted !== undefined && (settings[field] ?? '') !== wanted;
  }).map((field) => `input.${field}`);
}

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
  async topUp(
    @Arg('input') input: TopUpInput,
    @Ctx() ctx: AccountContext,
    key: string | undefined,
  ): Promise<TopUpOutcome> {
    const outcome = await ctx.services.account.topUp(input.trx, key);
    if (outcome.__typename === 'TopUpSucceeded') {
      // The rest of this operation reads the balance the top-up produced.
      if (outcome.balance) ctx.loaders.account.balance.set(outcome.balance);
      else ctx.loaders.account.balance.clear();
    }
    return outcome;
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
    if (Object.keys(change).length === 0) {
      throw badUserInput(
        'input',
        'give moCallbackUrl, drCallbackUrl or both (use "" to unset one)',
      );
    }
    const settings = await ctx.services.account.updateSettings(change);
    ctx.loaders.account.settings.set(settings);
    const unsaved = unsavedFields(change, settings);
    if (unsaved.length === 0) return Object.assign(new SettingsUpdated(), { settings });
    return Object.assign(new CallbackUrlNotSaved(), {
      fields: unsaved,
      message: `Vonage did not save ${unsaved.join(' and ')}: the URL must be reachable and answer 200 to a GET.`,
      settings,
    });
  }
}
