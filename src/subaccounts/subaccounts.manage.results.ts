import { Field, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { OwnedNumber } from '../numbers';
import { SubaccountsNotProvisioned } from './subaccounts.results';
import { Subaccount } from './subaccounts.type';

// Outcomes are plain data (an idempotency store replays them), named by __typename.
const byTypename = (value: unknown) => (value as { __typename: string }).__typename;

const TRACE = { nullable: true, description: "Vonage's trace id, for support." } as const;

@ObjectType({ description: 'Vonage made the sub-account.' })
export class SubaccountCreated {
  @Field(() => Subaccount)
  subaccount!: Subaccount;

  @Field(() => String, {
    nullable: true,
    description:
      'Its API secret, in this answer only: never stored, logged nor replayed (a repeat with the same idempotencyKey answers null). Keep it now.',
  })
  secret!: string | null;

  @Field({ description: "True when Vonage's answer was lost and the list showed the account." })
  reconciled!: boolean;

  @Field(() => String, { nullable: true })
  warning!: string | null;
}

@ObjectType({ description: 'Vonage refused it: a parameter it found invalid, named when it did.' })
export class SubaccountRejected {
  @Field({ description: 'What happened.' })
  message!: string;

  @Field({ description: "Vonage's own words." })
  label!: string;

  @Field(() => String, { nullable: true, description: 'The parameter Vonage named, if any.' })
  parameter!: string | null;

  @Field(() => String, TRACE)
  traceId!: string | null;
}

@ObjectType({
  description:
    "The sub-account was sent but Vonage's answer was lost and the list does not show it: it may have been made. The same idempotencyKey looks again.",
})
export class SubaccountOutcomeUnknown {
  @Field()
  message!: string;

  @Field(() => String, TRACE)
  traceId!: string | null;
}

@ObjectType({ description: 'The change was made.' })
export class SubaccountUpdated {
  @Field(() => Subaccount, { description: 'As Vonage answered after the change.' })
  subaccount!: Subaccount;
}

@ObjectType({ description: "The key is not one of this account's sub-accounts." })
export class SubaccountNotFound {
  @Field()
  apiKey!: string;

  @Field()
  message!: string;
}

export enum NumberTransferRefusal {
  NOT_OWNED = 'NOT_OWNED',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_OWNED = 'ALREADY_OWNED',
  INVALID = 'INVALID',
}

registerEnumType(NumberTransferRefusal, {
  name: 'NumberTransferRefusal',
  description:
    'NOT_OWNED: `from` does not own it; NOT_FOUND: no such number; ALREADY_OWNED: `to` owns it already; INVALID: another refusal.',
});

@ObjectType({ description: 'The number moved to its new account.' })
export class NumberTransferred {
  @Field()
  msisdn!: string;

  @Field()
  country!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field({ description: "True when Vonage's answer was lost and the new account lists it." })
  reconciled!: boolean;

  @Field(() => OwnedNumber, {
    nullable: true,
    description: 'The number as its new account lists it; null when that read failed.',
  })
  number!: OwnedNumber | null;

  @Field(() => String, { nullable: true })
  warning!: string | null;
}

@ObjectType({ description: 'Vonage refused to move the number.' })
export class NumberTransferRefused {
  @Field(() => NumberTransferRefusal)
  reason!: NumberTransferRefusal;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  parameter!: string | null;

  @Field(() => String, TRACE)
  traceId!: string | null;
}

@ObjectType({
  description:
    "The number transfer was sent, Vonage's answer was lost, and the new account does not list the number: it may still move.",
})
export class NumberTransferOutcomeUnknown {
  @Field()
  message!: string;

  @Field(() => String, TRACE)
  traceId!: string | null;
}

export const CreateSubaccountResult = createUnionType({
  name: 'CreateSubaccountResult',
  types: () =>
    [
      SubaccountCreated,
      SubaccountsNotProvisioned,
      SubaccountRejected,
      SubaccountOutcomeUnknown,
    ] as const,
  resolveType: byTypename,
});

export const UpdateSubaccountResult = createUnionType({
  name: 'UpdateSubaccountResult',
  types: () =>
    [SubaccountUpdated, SubaccountNotFound, SubaccountsNotProvisioned, SubaccountRejected] as const,
  resolveType: byTypename,
});

export const TransferNumberResult = createUnionType({
  name: 'TransferNumberResult',
  types: () =>
    [
      NumberTransferred,
      NumberTransferRefused,
      SubaccountsNotProvisioned,
      NumberTransferOutcomeUnknown,
    ] as const,
  resolveType: byTypename,
});
