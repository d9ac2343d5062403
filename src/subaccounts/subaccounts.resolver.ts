import { Arg, Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Account } from '../account';
import { type ConnectionOf, connection, pageOf } from '../kernel/connection';
import { badUserInput } from '../kernel/errors';
import { WriteMutation } from '../kernel/write-mutation';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { SubaccountArgs, SubaccountsArgs, TransferInput, TransfersArgs } from './subaccounts.args';
import { type TransferKind as ClientTransferKind } from './subaccounts.client';
import { type SubaccountsContext } from './subaccounts.context';
import {
  type SubaccountView,
  type TransferOutcome,
  type TransferView,
} from './subaccounts.outcomes';
import { TransferResult } from './subaccounts.results';
import { RequiresScopes } from './subaccounts.scopes';
import { Subaccount, Transfer } from './subaccounts.type';

const SubaccountConnection = connection(Subaccount, 'SubaccountConnection');

/** Vonage's dates: seconds, no fraction. */
const vonageTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function transferQuery({ since, until, subaccounts }: TransfersArgs) {
  if (until && until.getTime() <= since.getTime()) {
    throw badUserInput('until', 'must be later than since');
  }
  return {
    start: vonageTime(since),
    end: until ? vonageTime(until) : undefined,
    subaccounts: subaccounts ?? undefined,
  };
}

/** Checked before any call: Vonage moves money only between the primary and a sub-account. */
function transferOrder(
  kind: ClientTransferKind,
  input: TransferInput,
  ctx: SubaccountsContext,
  key: string | undefined,
) {
  const primary = ctx.services.subaccounts.primaryKey;
  if (input.from === input.to) throw badUserInput('input.to', 'must differ from input.from');
  if (input.from !== primary && input.to !== primary) {
    throw badUserInput(
      'input.from',
      `one of from and to must be the primary account (${primary}): Vonage transfers only between it and its sub-accounts`,
    );
  }
  const reference = ctx.services.subaccounts.referenceFor(input.reference, key);
  return { kind, from: input.from, to: input.to, amount: input.amount, reference };
}

const TRANSFER_HELP =
  'Never retried by the gateway. A lost answer is looked for in the transfers list by its reference (the gateway gives one when none is given); if not found, the result is TransferOutcomeUnknown. Repeat with the same idempotencyKey to get the first answer.';

@Resolver(() => Account)
export class SubaccountsResolver {
  @RequiresScopes('subaccounts:read')
  @UpstreamCalls()
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @Query(() => SubaccountConnection, {
    description:
      'The primary account and its sub-accounts with their balances, a page at a time (the primary first). One upstream call for every page.',
  })
  async subaccounts(
    @Args() { page, pageSize }: SubaccountsArgs,
    @Ctx() ctx: SubaccountsContext,
  ): Promise<ConnectionOf<SubaccountView>> {
    return pageOf(await ctx.loaders.subaccounts.accounts(), page, pageSize);
  }

  @RequiresScopes('subaccounts:read')
  @UpstreamCalls()
  @Query(() => Subaccount, {
    nullable: true,
    description: 'The primary account or one of its sub-accounts; null for any other key.',
  })
  subaccount(@Args() { apiKey }: SubaccountArgs, @Ctx() ctx: SubaccountsContext) {
    return ctx.loaders.subaccounts.byKey.load(apiKey);
  }

  @RequiresScopes('subaccounts:read')
  @UpstreamCalls()
  @ListSize({ assumedSize: 100 })
  @Query(() => [Transfer], { description: 'Balance transfers in a time range, oldest first.' })
  balanceTransfers(
    @Args() args: TransfersArgs,
    @Ctx() ctx: SubaccountsContext,
  ): Promise<TransferView[]> {
    return ctx.services.subaccounts.transfers('balance', transferQuery(args), ctx.scope);
  }

  @RequiresScopes('subaccounts:read')
  @UpstreamCalls()
  @ListSize({ assumedSize: 100 })
  @Query(() => [Transfer], { description: 'Credit transfers in a time range, oldest first.' })
  creditTransfers(
    @Args() args: TransfersArgs,
    @Ctx() ctx: SubaccountsContext,
  ): Promise<TransferView[]> {
    return ctx.services.subaccounts.transfers('credit', transferQuery(args), ctx.scope);
  }

  @RequiresScopes('subaccounts:read')
  @UpstreamCalls()
  @FieldResolver(() => [Subaccount], {
    name: 'subaccounts',
    // Nullable: a refusal or a failed read leaves the rest of the account answered.
    nullable: true,
    description:
      "The account's sub-accounts (not the account itself), with their balances; null when refused or unreadable.",
  })
  async subaccountList(@Ctx() ctx: SubaccountsContext): Promise<SubaccountView[]> {
    return (await ctx.loaders.subaccounts.accounts()).filter((account) => !account.isPrimary);
  }

  // The transfer, the accounts re-read, and a transfers-list read when the answer is lost.
  @RequiresScopes('subaccounts:transfer')
  @WriteMutation(() => TransferResult, {
    description: `Moves balance between the primary account and one of its sub-accounts. ${TRANSFER_HELP}`,
    money: true,
    calls: 3,
  })
  transferBalance(
    @Arg('input') input: TransferInput,
    @Ctx() ctx: SubaccountsContext,
    key: string | undefined,
  ): Promise<TransferOutcome> {
    return ctx.loaders.subaccounts.transfer(transferOrder('balance', input, ctx, key), key);
  }

  @RequiresScopes('subaccounts:transfer')
  @WriteMutation(() => TransferResult, {
    description: `Moves credit limit between the primary account and one of its sub-accounts. ${TRANSFER_HELP}`,
    money: true,
    calls: 3,
  })
  transferCredit(
    @Arg('input') input: TransferInput,
    @Ctx() ctx: SubaccountsContext,
    key: string | undefined,
  ): Promise<TransferOutcome> {
    return ctx.loaders.subaccounts.transfer(transferOrder('credit', input, ctx, key), key);
  }
}
