import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { PagingArgs } from '../kernel/connection';
import { IsCountryCode, IsWebhookUrl } from '../kernel/validation';
import { NumberFeature, NumberType, PatternMatch } from './numbers.type';

const PATTERN_MESSAGE = 'must be 1 to 15 digits (E.164, country code included, no +)';
const MSISDN_MESSAGE = 'must be an E.164 number of 7 to 15 digits, without + or spaces';
const URL_MESSAGE = 'must be an absolute http(s) URL, or "" to remove it';

export enum VoiceCallbackType {
  SIP = 'sip',
  TEL = 'tel',
  APP = 'app',
}

registerEnumType(VoiceCallbackType, {
  name: 'VoiceCallbackType',
  description: 'Where inbound calls are forwarded: a SIP URI, a phone number, or an Application.',
});

@InputType({ description: 'Which owned numbers to list; every field is optional.' })
export class OwnedNumbersFilter {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, any case.' })
  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits of the number, E.164.' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: PATTERN_MESSAGE })
  pattern?: string | null;

  @Field(() => PatternMatch, { nullable: true, description: 'Default STARTS_WITH.' })
  @IsOptional()
  patternMatch?: PatternMatch | null;

  @Field(() => String, { nullable: true, description: 'Only numbers linked to this Application.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an Application ID (a UUID)' })
  applicationId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only numbers linked to an Application; false: only those that are not.',
  })
  @IsOptional()
  @IsBoolean()
  hasApplication?: boolean | null;
}

@ArgsType()
export class OwnedNumbersArgs extends PagingArgs {
  @Field(() => OwnedNumbersFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: OwnedNumbersFilter | null;
}

@ArgsType()
export class OwnedNumberArgs {
  @Field({ description: 'E.164 digits without +.' })
  @Matches(/^\d{7,15}$/, { message: MSISDN_MESSAGE })
  msisdn!: string;
}

@ArgsType()
export class AvailableNumbersArgs extends PagingArgs {
  @Field({ description: 'ISO 3166-1 alpha-2, any case.' })
  @IsCountryCode()
  country!: string;

  @Field(() => NumberType, { nullable: true })
  @IsOptional()
  @IsIn([NumberType.LANDLINE, NumberType.MOBILE_LVN, NumberType.LANDLINE_TOLL_FREE], {
    message: 'must be LANDLINE, MOBILE_LVN or LANDLINE_TOLL_FREE',
  })
  type?: NumberType | null;

  @Field(() => [NumberFeature], {
    nullable: true,
    description: 'Numbers that have all of these, in any order.',
  })
  @IsOptional()
  @ArrayMaxSize(3)
  features?: NumberFeature[] | null;

  @Field(() => String, { nullable: true, description: 'Digits, E.164.' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: PATTERN_MESSAGE })
  pattern?: string | null;

  @Field(() => PatternMatch, { nullable: true, description: 'Default STARTS_WITH.' })
  @IsOptional()
  patternMatch?: PatternMatch | null;
}

@InputType({ description: 'A number, and the (sub-)account it belongs to.' })
export class NumberTargetInput {
  @Field({ description: 'ISO 3166-1 alpha-2, any case.' })
  @IsCountryCode()
  country!: string;

  @Field({ description: 'E.164 digits without +.' })
  @Matches(/^\d{7,15}$/, { message: MSISDN_MESSAGE })
  msisdn!: string;

  @Field(() => String, {
    nullable: true,
    description: "A sub-account's API key, to act on its numbers instead of this account's.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'must be an API key: 1 to 32 letters or digits' })
  targetApiKey?: string | null;
}

@InputType({ description: 'The number to buy.' })
export class BuyNumberInput extends NumberTargetInput {
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Refuse (CostLimitExceeded) before buying if the monthly cost in the search data is above this.',
  })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?$/, { message: 'must be a decimal of 0 or more, like "1.50"' })
  maxMonthlyCost?: string | null;
}

@InputType({ description: 'The number to cancel.' })
export class CancelNumberInput extends NumberTargetInput {}

@InputType({ description: 'Where inbound calls go: type and value together.' })
export class VoiceCallbackInput {
  @Field(() => VoiceCallbackType)
  type!: VoiceCallbackType;

  @Field({ description: 'A SIP URI (sip), a phone number (tel) or an Application ID (app).' })
  @Matches(/^\S{1,2048}$/, { message: 'must be 1 to 2048 characters without spaces' })
  value!: string;
}

@InputType({
  description:
    'What to change on a number you own. Omit a field to keep it; "" removes a webhook. Vonage ' +
    'saves a webhook only if it answers 200.',
})
export class UpdateNumberInput {
  @Field({ description: 'ISO 3166-1 alpha-2, any case.' })
  @IsCountryCode()
  country!: string;

  @Field({ description: 'E.164 digits without +.' })
  @Matches(/^\d{7,15}$/, { message: MSISDN_MESSAGE })
  msisdn!: string;

  @Field(() => String, { nullable: true, description: 'The Application to link.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an Application ID (a UUID)' })
  applicationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Webhook for inbound SMS.' })
  @IsOptional()
  @IsWebhookUrl(URL_MESSAGE)
  moHttpUrl?: string | null;

  @Field(() => VoiceCallbackInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  voiceCallback?: VoiceCallbackInput | null;

  @Field(() => String, { nullable: true, description: 'Webhook called when a call ends.' })
  @IsOptional()
  @IsWebhookUrl(URL_MESSAGE)
  @MaxLength(2048)
  voiceStatusCallback?: string | null;
}
