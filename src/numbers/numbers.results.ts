import { Field, ObjectType, createUnionType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { OwnedNumber } from './numbers.type';

/**
 * Mutation outcomes. Refusals a user can act on are data, not errors. Outcomes are plain objects
 * named by `__typename` (an idempotency store replays them), hence `resolveType` below.
 */

const byTypename = (value: unknown) => (value as { __typename: string }).__typename;

@ObjectType()
abstract class Explained {
  @Field({ description: 'What happened and what to do about it.' })
  message!: string;
}

@ObjectType({ description: 'The number is now the account’s.' })
export class NumberPurchased {
  @Field(() => OwnedNumber, {
    nullable: true,
    description: 'The number as Vonage now reports it; null when that re-read failed (warning).',
  })
  number!: OwnedNumber | null;

  @Field(() => String, { nullable: true, description: 'Set when a read after the buy failed.' })
  warning!: string | null;

  @Field({
    description:
      "True when Vonage's answer was lost and a re-read of the account's numbers showed the buy took effect.",
  })
  reconciled!: boolean;
}

@ObjectType({ description: 'The number is not in the pool of numbers for sale (any more).' })
export class NumberNotAvailable extends Explained {
  @Field()
  msisdn!: string;
}

@ObjectType({ description: 'The account owns this number already: nothing was bought.' })
export class NumberAlreadyOwned extends Explained {
  @Field(() => OwnedNumber, { nullable: true })
  number!: OwnedNumber | null;
}

@ObjectType({ description: 'The balance is below the number’s monthly cost: top up first.' })
export class InsufficientBalance extends Explained {
  @Field(() => DecimalScalar)
  balance!: string;

  // Nullable like CostLimitExceeded.monthlyCost, so that one selection can ask for both.
  @Field(() => DecimalScalar, { nullable: true, description: 'The monthly cost Vonage lists.' })
  monthlyCost!: string | null;
}

@ObjectType({
  description:
    'Numbers of this country need a local address and are sold on the Vonage Dashboard only.',
})
export class CountryRequiresDashboard extends Explained {
  @Field()
  country!: string;

  @Field({ description: "Vonage's own words." })
  label!: string;
}

@ObjectType({ description: 'The monthly cost is above maxMonthlyCost: nothing was bought.' })
export class CostLimitExceeded extends Explained {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Null when Vonage lists no cost for the number, so the limit cannot be checked.',
  })
  monthlyCost!: string | null;

  @Field(() => DecimalScalar)
  maxMonthlyCost!: string;
}

@ObjectType({
  description:
    "The buy was sent but Vonage's answer was lost, and re-reading the account's numbers did not " +
    'settle it. Check ownedNumber before trying again; the gateway never retries a buy.',
})
export class PurchaseOutcomeUnknown extends Explained {
  @Field(() => String, { nullable: true })
  traceId!: string | null;
}

@ObjectType({ description: 'Vonage refused, for a reason the gateway could not narrow down.' })
export class UpstreamRefusal extends Explained {
  @Field({ description: "Vonage's own words (its 420 says only 'method failed')." })
  label!: string;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  traceId!: string | null;
}

export const BuyNumberResult = createUnionType({
  name: 'BuyNumberResult',
  types: () =>
    [
      NumberPurchased,
      NumberNotAvailable,
      NumberAlreadyOwned,
      InsufficientBalance,
      CountryRequiresDashboard,
      CostLimitExceeded,
      PurchaseOutcomeUnknown,
      UpstreamRefusal,
    ] as const,
  resolveType: byTypename,
});

@ObjectType({ description: 'The number is no longer the account’s.' })
export class NumberCancelled {
  @Field()
  msisdn!: string;

  @Field()
  country!: string;

  @Field({ description: "True when Vonage's answer was lost and a re-read settled it." })
  reconciled!: boolean;
}

@ObjectType({ description: 'The account does not own this number.' })
export class NumberNotOwned extends Explained {
  @Field()
  msisdn!: string;
}

@ObjectType({
  description:
    "The cancel was sent but Vonage's answer was lost, and a re-read did not settle it. Check " +
    'ownedNumber before trying again.',
})
export class CancelOutcomeUnknown extends Explained {
  @Field(() => String, { nullable: true })
  traceId!: string | null;
}

export const CancelNumberResult = createUnionType({
  name: 'CancelNumberResult',
  types: () => [NumberCancelled, NumberNotOwned, CancelOutcomeUnknown, UpstreamRefusal] as const,
  resolveType: byTypename,
});

@ObjectType({ description: 'The change was accepted.' })
export class NumberUpdated {
  @Field(() => OwnedNumber, {
    nullable: true,
    description: 'The number as Vonage now reports it; null when that re-read failed (warning).',
  })
  number!: OwnedNumber | null;

  @Field(() => String, { nullable: true })
  warning!: string | null;
}

export const UpdateNumberResult = createUnionType({
  name: 'UpdateNumberResult',
  types: () => [NumberUpdated, NumberNotOwned, UpstreamRefusal] as const,
  resolveType: byTypename,
});
