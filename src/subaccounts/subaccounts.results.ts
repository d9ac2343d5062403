import { Field, ObjectType, createUnionType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { Subaccount, Transfer, TransferKind } from './subaccounts.type';

@ObjectType({ description: 'Vonage made the transfer.' })
export class TransferCompleted {
  @Field(() => Transfer)
  transfer!: Transfer;

  @Field({
    description:
      "True when Vonage's answer was lost and the transfer was found in the transfers list.",
  })
  reconciled!: boolean;

  @Field(() => [Subaccount], {
    description: 'The two accounts, read again after it; empty when that read failed.',
  })
  accounts!: Subaccount[];

  @Field(() => String, {
    nullable: true,
    description: 'Set when something after the transfer failed. Do not transfer again.',
  })
  warning!: string | null;
}

@ObjectType({ description: 'The account is not provisioned for the Subaccounts API.' })
export class SubaccountsNotProvisioned {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId!: string | null;
}

@ObjectType({
  description:
    'The source cannot give that much: an account can transfer |balance − creditLimit| of balance at most, or the credit it has not used.',
})
export class InsufficientFundsForTransfer {
  @Field(() => TransferKind)
  kind!: TransferKind;

  @Field({ description: 'What happened and the rule.' })
  message!: string;

  @Field(() => DecimalScalar)
  requested!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'What the source can transfer, read after the refusal; null when unreadable.',
  })
  available!: string | null;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId!: string | null;
}

@ObjectType({ description: 'A suspended sub-account takes part in no transfer.' })
export class SubaccountSuspended {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId!: string | null;
}

@ObjectType({
  description:
    'Vonage refused the transfer for another reason: a parameter it found invalid, or accounts that are not a primary and its sub-account (or one that spends the primary’s balance).',
})
export class TransferRejected {
  @Field({ description: 'What happened.' })
  message!: string;

  @Field({ description: "Vonage's own words." })
  label!: string;

  @Field(() => String, { nullable: true, description: 'The parameter Vonage named, if any.' })
  parameter!: string | null;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId!: string | null;
}

@ObjectType({
  description:
    "The transfer was sent, Vonage's answer was lost, and the transfers list does not settle it: it may have been made. The gateway never sends it again; the same idempotencyKey looks again.",
})
export class TransferOutcomeUnknown {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId!: string | null;
}

export const TransferResult = createUnionType({
  name: 'TransferResult',
  description: 'The result of transferBalance or transferCredit.',
  types: () =>
    [
      TransferCompleted,
      SubaccountsNotProvisioned,
      InsufficientFundsForTransfer,
      SubaccountSuspended,
      TransferRejected,
      TransferOutcomeUnknown,
    ] as const,
  // Outcomes are plain data (an idempotency store replays them), named by __typename.
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});
