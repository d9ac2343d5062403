import {
  ArrayMaxSize,
  IsBoolean,
  IsOptional,
  Length,
  Matches,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, InputType } from 'type-graphql';
import { PagingArgs } from '../kernel/connection';
import { IsCountryCode } from '../kernel/validation';
import { DecimalScalar } from '../kernel/scalars';

/** Vonage API keys: 8 characters today; letters and digits, 6 to 32 allowed here. */
export const API_KEY = /^[A-Za-z0-9]{6,32}$/;
export const API_KEY_MESSAGE = 'must be a Vonage API key: 6 to 32 letters and digits';

/** Vonage's rule for an API secret: 8 to 25 characters, a lower case, an upper case, a digit. */
export const SECRET_RULE =
  'must be 8 to 25 characters with at least one lower case letter, one upper case letter and one digit';

export function meetsSecretRule(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 8 &&
    value.length <= 25 &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value)
  );
}

/** Checked before any call; the message never repeats the value. */
export function IsApiSecret(): PropertyDecorator {
  return ValidateBy({
    name: 'isApiSecret',
    validator: { validate: meetsSecretRule, defaultMessage: () => SECRET_RULE },
  });
}

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

@InputType({ description: 'A new sub-account.' })
export class CreateSubaccountInput {
  @Field({ description: '1 to 80 characters.' })
  @Length(1, 80, { message: 'must be 1 to 80 characters' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Its API secret (8 to 25 characters, a lower case letter, an upper case letter and a digit). Omitted: Vonage makes one, shown once in the answer.',
  })
  @IsOptional()
  @IsApiSecret()
  secret?: string | null;

  @Field({
    defaultValue: true,
    description:
      "Whether it spends the primary account's balance (true) or has its own (false; that cannot be undone).",
  })
  @IsBoolean()
  usesPrimaryBalance!: boolean;
}

@InputType({ description: 'What to change of a sub-account; at least one field.' })
export class UpdateSubaccountInput {
  @Field({ description: 'The sub-account (not the primary account).' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  apiKey!: string;

  @Field(() => String, { nullable: true, description: '1 to 80 characters.' })
  @IsOptional()
  @Length(1, 80, { message: 'must be 1 to 80 characters' })
  name?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A suspended sub-account can make no call nor take part in a transfer.',
  })
  @IsOptional()
  suspended?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false gives it its own balance; Vonage refuses turning it back to true.',
  })
  @IsOptional()
  usesPrimaryBalance?: boolean | null;
}

@InputType({ description: 'A number to move between the primary account and a sub-account.' })
export class TransferNumberInput {
  @Field({ description: 'API key of the account that owns it.' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  from!: string;

  @Field({ description: 'API key of the account it goes to.' })
  @Matches(API_KEY, { message: API_KEY_MESSAGE })
  to!: string;

  @Field({ description: 'E.164 digits without +.' })
  @Matches(/^\d{7,15}$/, {
    message: 'must be an E.164 number of 7 to 15 digits, without + or spaces',
  })
  msisdn!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code of the number.' })
  @IsCountryCode()
  country!: string;
}
