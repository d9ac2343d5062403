import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../account';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { RequiresScopes } from './numbers.scopes';
import { type NumbersContext } from './numbers.context';
import { type ConnectionOf } from '../kernel/connection';
import { WriteMutation } from '../kernel/write-mutation';
import { CountryPricing, PricingType, pricingKey } from '../pricing';
import { buyRequest, numberChange, numberTarget } from './numbers.mapper';
import {
  AvailableNumbersArgs,
  BuyNumberInput,
  CancelNumberInput,
  OwnedNumberArgs,
  OwnedNumbersArgs,
  UpdateNumberInput,
} from './numbers.args';
import { type BuyOutcome, type CancelOutcome, type UpdateOutcome } from './numbers.outcomes';
import { BuyNumberResult, CancelNumberResult, UpdateNumberResult } from './numbers.results';
import {
  AvailableNumber,
  AvailableNumberConnection,
  OwnedNumber,
  OwnedNumberConnection,
  PhoneNumber,
} from './numbers.type';

@Resolver()
export class NumbersResolver {
  @RequiresScopes('numbers:read')
  @UpstreamCalls()
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @Query(() => OwnedNumberConnection, {
    description: "The account's numbers, a page at a time (pages from 1, 1 to 100 a page).",
  })
  ownedNumbers(
    @Args() args: OwnedNumbersArgs,
    @Ctx() ctx: NumbersContext,
  ): Promise<ConnectionOf<OwnedNumber>> {
    return ctx.loaders.numbers.ownedNumbers(args);
  }

  @RequiresScopes('numbers:read')
  @UpstreamCalls()
  @Query(() => OwnedNumber, {
    nullable: true,
    description: 'One number of the account, or null when it does not own it. One upstream call.',
  })
  ownedNumber(@Args() { msisdn }: OwnedNumberArgs, @Ctx() ctx: NumbersContext) {
    return ctx.loaders.numbers.owned.load(msisdn);
  }

  @RequiresScopes('numbers:read')
  @UpstreamCalls()
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @Query(() => AvailableNumberConnection, {
    description: 'Numbers for sale in a country, with their monthly cost.',
  })
  availableNumbers(
    @Args() args: AvailableNumbersArgs,
    @Ctx() ctx: NumbersContext,
  ): Promise<ConnectionOf<AvailableNumber>> {
    return ctx.loaders.numbers.availableNumbers(args);
  }

  // Buy and cancel return no record: the number is re-read (a lost answer: reconciled).
  @RequiresScopes('numbers:write')
  @WriteMutation(() => BuyNumberResult, {
    description:
      'Buys a number; its first month is charged. Never retried by the gateway. A refusal says ' +
      'why (owned already, not for sale, balance too low, dashboard-only country); a lost answer ' +
      "is settled by re-reading the account's numbers.",
    money: true,
    calls: 3,
  })
  buyNumber(
    @Arg('input') input: BuyNumberInput,
    @Ctx() ctx: NumbersContext,
    key: string | undefined,
  ): Promise<BuyOutcome> {
    return ctx.services.numbers.buy(buyRequest(input), key);
  }

  @RequiresScopes('numbers:write')
  @WriteMutation(() => CancelNumberResult, {
    description: 'Cancels a number the account rents. Never retried by the gateway.',
    money: true,
    calls: 3,
  })
  cancelNumber(
    @Arg('input') input: CancelNumberInput,
    @Ctx() ctx: NumbersContext,
    key: string | undefined,
  ): Promise<CancelOutcome> {
    return ctx.services.numbers.cancel(numberTarget(input), key);
  }

  // Re-reads the number it changed.
  @RequiresScopes('numbers:write')
  @WriteMutation(() => UpdateNumberResult, {
    description:
      'Changes a number\'s Application or webhooks. Omit a field to keep it; "" removes a webhook.',
    calls: 2,
  })
  updateNumber(
    @Arg('input') input: UpdateNumberInput,
    @Ctx() ctx: NumbersContext,
  ): Promise<UpdateOutcome> {
    return ctx.services.numbers.update(numberChange(input));
  }
}

/**
 * A number's prices, through the request's (country, type) loader. Resolved by this plain
 * function (numbersDomain.fieldResolvers), once per number of a page: the method below declares
 * the field for the schema.
 */
export function phoneNumberPricing(
  number: PhoneNumber,
  args: { type: PricingType },
  ctx: NumbersContext,
): Promise<CountryPricing | null> {
  return ctx.loaders.pricing.load(pricingKey(number.country, args.type));
}

@Resolver(() => PhoneNumber)
export class PhoneNumberPricingResolver {
  @RequiresScopes('pricing:read')
  // One call per type for the whole page: the price loader batches the numbers' countries.
  @UpstreamCalls()
  @FieldResolver(() => CountryPricing, {
    nullable: true,
    description:
      "Outbound prices from this number's country, through the request's price loader: a page " +
      'of numbers in many countries costs at most one pricing call per type.',
  })
  pricing(
    @Root() number: PhoneNumber,
    @Arg('type', () => PricingType, { defaultValue: PricingType.SMS }) type: PricingType,
    @Ctx() ctx: NumbersContext,
  ) {
    return phoneNumberPricing(number, { type }, ctx);
  }
}

@Resolver(() => Account)
export class AccountNumbersResolver {
  @RequiresScopes('numbers:read')
  @UpstreamCalls()
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @FieldResolver(() => OwnedNumberConnection, {
    description: "The account's numbers: the same as the ownedNumbers query.",
  })
  numbers(@Args() args: OwnedNumbersArgs, @Ctx() ctx: NumbersContext) {
    return ctx.loaders.numbers.ownedNumbers(args);
  }
}
