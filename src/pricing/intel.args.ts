import { ArrayMaxSize, ArrayNotEmpty, IsIn, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { type ArgumentCost } from '../limits/cost.directives';
import { IsMsisdn, LooksLikeMsisdn } from './msisdn';
import { PricingType } from './pricing.type';

/** Recipients one estimate may price: a bulk list, read from the cached catalogue. */
export const MAX_RECIPIENTS = 10_000;
/**
 * `estimateSmsCost`'s `recipients` and `unpriced` are each counted as long as `to` (a bound:
 * every recipient is in one of them). Past MAX_RECIPIENTS, argument validation refuses `to` by
 * name, so the cost estimate stops counting there and the refusal is that one.
 */
export const estimateSmsCostSize: ArgumentCost = {
  size: ({ to }) => (Array.isArray(to) ? Math.min(to.length, MAX_RECIPIENTS) : undefined),
};

/** UTF-16 code units of one text: bounds the segment counter's work (about 13 segments of GSM-7). */
export const MAX_TEXT_LENGTH = 2_000;

@ArgsType()
export class NumberPricingArgs {
  @Field({
    description:
      'A phone number in international format with its country code: +447400123456 (spaces, dots, hyphens and parentheses are allowed; the + is optional).',
  })
  @IsMsisdn()
  msisdn!: string;

  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;
}

@ArgsType()
export class EstimateSmsCostArgs {
  @Field({ description: `The message, as it will be sent: 1 to ${MAX_TEXT_LENGTH} characters.` })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_TEXT_LENGTH, {
    message: `must be at most ${MAX_TEXT_LENGTH} characters (UTF-16 code units)`,
  })
  text!: string;

  @Field(() => [String], {
    description: `Recipients in international format, 1 to ${MAX_RECIPIENTS}; a number listed twice is counted twice. Pass them as a variable: a long literal list is over the operation's token limit.`,
  })
  @ArrayNotEmpty({ message: 'must list at least one recipient' })
  @ArrayMaxSize(MAX_RECIPIENTS, {
    message: `must list at most ${MAX_RECIPIENTS} recipients: split the list into several estimates`,
  })
  @LooksLikeMsisdn({ each: true })
  to!: string[];

  @Field(() => PricingType, {
    defaultValue: PricingType.SMS,
    description: 'SMS or SMS_TRANSIT (VOICE has no segments).',
  })
  @IsIn([PricingType.SMS, PricingType.SMS_TRANSIT], { message: 'must be SMS or SMS_TRANSIT' })
  type!: PricingType;
}
