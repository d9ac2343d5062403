import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';

// The API key names the sub-account (other subgraphs can hold it); it grants nothing.
@Directive('@key(fields: "apiKey")')
@ObjectType({
  simpleResolvers: true,
  description: 'The primary account or one of its sub-accounts, as the Subaccounts API lists it.',
})
export class Subaccount {
  @Field({ description: 'Its Vonage API key: names the account, grants nothing (no secret).' })
  apiKey!: string;

  @Field()
  name!: string;

  @Field({ description: 'The API key of the primary account it belongs to.' })
  primaryApiKey!: string;

  @Field({ description: 'Whether it is the primary account (the one the gateway calls with).' })
  isPrimary!: boolean;

  @Field({
    description:
      "Whether it spends the primary account's balance; then balance and creditLimit are null.",
  })
  usesPrimaryBalance!: boolean;

  @Field({
    description: 'A suspended sub-account can make no API call nor take part in a transfer.',
  })
  suspended!: boolean;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Its own balance, exact; null when it uses the primary account’s.',
  })
  balance!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'How far below zero its balance may go (0 or negative); null when it uses the primary account’s.',
  })
  creditLimit!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'What it can transfer away now: |balance − creditLimit| (Vonage’s rule). Null when it uses the primary account’s balance.',
  })
  availableForTransfer!: string | null;
}

export enum TransferKind {
  BALANCE = 'balance',
  CREDIT = 'credit',
}

registerEnumType(TransferKind, {
  name: 'TransferKind',
  description: 'Balance (money) or credit (how far below zero an account may go).',
});

@ObjectType({ simpleResolvers: true, description: 'A balance or credit transfer Vonage recorded.' })
export class Transfer {
  @Field({ description: "Vonage's id of the transfer." })
  id!: string;

  @Field(() => TransferKind)
  kind!: TransferKind;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field({ description: 'API key of the account it came from.' })
  from!: string;

  @Field({ description: 'API key of the account it went to.' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'The reference given with it (audit log).' })
  reference!: string | null;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: string;
}
