import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type ConnectionOf, PagingArgs } from '../kernel/connection';
import { badUserInput } from '../kernel/errors';
import { countryCode } from '../kernel/validation';
import { WriteMutation } from '../kernel/write-mutation';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { OwnedNumberConnection, type OwnedNumberRecord } from '../numbers';
import {
  CreateSubaccountInput,
  TransferNumberInput,
  UpdateSubaccountInput,
} from './subaccounts.args';
import { type SubaccountsContext } from './subaccounts.context';
import {
  type CreateOutcome,
  type NumberTransferOutcome,
  type UpdateOutcome,
} from './subaccounts.manage';
import {
  CreateSubaccountResult,
  TransferNumberResult,
  UpdateSubaccountResult,
} from './subaccounts.manage.results';
import { type SubaccountView } from './subaccounts.outcomes';
import { RequiresScopes } from './subaccounts.scopes';
import { Subaccount } from './subaccounts.type';

@Resolver(() => Subaccount)
export class SubaccountManagementResolver {
  @RequiresScopes('subaccounts:read', 'numbers:read')
  @UpstreamCalls()
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @FieldResolver(() => OwnedNumberConnection, {
    // Nullable: a refusal (no numbers:read) or a failed read leaves the account answered.
    nullable: true,
    description:
      "Its numbers, a page at a time: read with its API key and the primary account's secret, as Vonage allows.",
  })
  numbers(
    @Root() account: SubaccountView,
    @Args() paging: PagingArgs,
    @Ctx() ctx: SubaccountsContext,
  ): Promise<ConnectionOf<OwnedNumberRecord>> {
    return ctx.loaders.numbers.accountNumbers(
      account.isPrimary ? undefined : account.apiKey,
      paging,
    );
  }

  // The create; a lost answer reads the list.
  @RequiresScopes('subaccounts:write')
  @WriteMutation(() => CreateSubaccountResult, {
    description:
      'Creates a sub-account. Its secret is in the first answer only, never stored nor replayed. Never retried; with an idempotencyKey a repeat answers the first outcome, and a lost answer is looked for in the list.',
    keyed: true,
    calls: 2,
  })
  createSubaccount(
    @Arg('input') input: CreateSubaccountInput,
    @Ctx() ctx: SubaccountsContext,
    key: string | undefined,
  ): Promise<CreateOutcome> {
    const account = {
      name: input.name,
      secret: input.secret ?? undefined,
      usesPrimaryBalance: input.usesPrimaryBalance,
    };
    return ctx.services.subaccounts.manage.create(account, key);
  }

  @RequiresScopes('subaccounts:write')
  @WriteMutation(() => UpdateSubaccountResult, {
    description: 'Renames, suspends or reactivates a sub-account, or gives it its own balance.',
    calls: 1,
  })
  updateSubaccount(
    @Arg('input') input: UpdateSubaccountInput,
    @Ctx() ctx: SubaccountsContext,
  ): Promise<UpdateOutcome> {
    if (input.apiKey === ctx.services.subaccounts.primaryKey) {
      throw badUserInput(
        'input.apiKey',
        'must be a sub-account: the primary account is changed in the Vonage Dashboard',
      );
    }
    const change = {
      name: input.name ?? undefined,
      suspended: input.suspended ?? undefined,
      usesPrimaryBalance: input.usesPrimaryBalance ?? undefined,
    };
    if (Object.values(change).every((value) => value === undefined)) {
      throw badUserInput('input', 'give at least one of name, suspended, usesPrimaryBalance');
    }
    return ctx.services.subaccounts.manage.update(input.apiKey, change);
  }

  // The move, and the number read back through its new account.
  @RequiresScopes('subaccounts:write', 'numbers:write')
  @WriteMutation(() => TransferNumberResult, {
    description:
      'Moves a number between the primary account and one of its sub-accounts (or two of them). Never retried; a lost answer is settled by reading the new account’s numbers.',
    keyed: true,
    calls: 2,
  })
  transferNumber(
    @Arg('input') input: TransferNumberInput,
    @Ctx() ctx: SubaccountsContext,
    key: string | undefined,
  ): Promise<NumberTransferOutcome> {
    if (input.from === input.to) throw badUserInput('input.to', 'must differ from input.from');
    const move = {
      from: input.from,
      to: input.to,
      msisdn: input.msisdn,
      country: countryCode(input.country, 'input.country'),
    };
    return ctx.services.subaccounts.manage.transferNumber(move, key);
  }
}
