import {
  ArrayMaxSize,
  IsOptional,
  Length,
  Matches,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, InputType } from 'type-graphql';
import { PagingArgs } from '../kernel/connection';
import { DecimalScalar } from '../kernel/scalars';

/** Vonage API keys: 8 characters today; letters and digits, 6 to 32 allowed here. */
const API_KEY = /^[A-Za-z0-9]{6,32}$/;
const API_KEY_MESSAGE = 'must be a Vonage API key: 6 to 32 letters and digits';

/** At most 8 decimal places, above zero: what Vonage keeps of an amount. */
const AMOUNT = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,8})?$/;

function IsPositiveAmount(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPositiveAmount',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && AMOUNT.test(value) && /[1-9]/.test(value),
        defaultMessage: () => 'must be above 0, with at most 8 decimal places, like "10.00"',
      },
    },
    options,
  );
}

@ArgsType()
export class SubaccountsArgs extends PagingArgs {}

@ArgsType()
export class SubaccountArgs {
  @Field({ description: 'The API key of the primary account or of one of its sub-accounts.' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  apiKey!: string;
}

@ArgsType()
export class TransfersArgs {
  @Field(() => GraphQLDateTimeISO, { description: 'Transfers made at or after this time.' })
  since!: Date;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'Transfers made before this time; omitted: until now.',
  })
  @IsOptional()
  until?: Date | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only transfers to or from these sub-accounts (API keys, at most 20).',
  })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must list at most 20 sub-accounts' })
  @Matches(API_KEY, { each: true, message: `each ${API_KEY_MESSAGE}` })
  subaccounts?: string[] | null;
}

@InputType({ description: 'A transfer between the primary account and one of its sub-accounts.' })
export class TransferInput {
  @Field({ description: 'API key of the account it comes from.' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  from!: string;

  @Field({ description: 'API key of the account it goes to.' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  to!: string;

  @Field(() => DecimalScalar, { description: 'Above 0, at most 8 decimal places ("10.00").' })
  @IsPositiveAmount()
  amount!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Kept in Vonage's audit log with the transfer (1 to 100 characters). Omitted: the gateway gives one, which is how it finds the transfer again if Vonage's answer is lost.",
  })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  reference?: string | null;
}
