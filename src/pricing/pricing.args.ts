import { ArrayMaxSize, ArrayNotEmpty, IsOptional, Matches } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { IsCountryCode } from '../kernel/validation';
import { PricingType } from './pricing.type';

@ArgsType()
export class PricingArgs {
  @Field({ description: 'ISO 3166-1 alpha-2 country code, any case.' })
  @IsCountryCode()
  country!: string;

  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;
}

@ArgsType()
export class PricingsArgs {
  @Field(() => [String], {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 codes, any case. Omit for every priced country.',
  })
  @IsOptional()
  @ArrayMaxSize(300, { message: 'must list at most 300 countries' })
  @IsCountryCode({ each: true })
  countries?: string[] | null;

  @Field(() => [PricingType], { defaultValue: [PricingType.SMS] })
  @ArrayNotEmpty({ message: 'must list at least one of SMS, SMS_TRANSIT, VOICE' })
  types!: PricingType[];
}

@ArgsType()
export class PrefixPricingArgs {
  @Field({
    description: 'International dialling prefix, digits only (a leading + is allowed): 44, 1.',
  })
  @Matches(/^\+?[0-9]{1,4}$/, {
    message: 'must be a dialling prefix of 1 to 4 digits, like 44 or 1',
  })
  prefix!: string;

  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;
}

@ArgsType()
export class NetworkPricingArgs {
  @Field({ description: 'Mobile Country Code: 3 digits, e.g. 234.' })
  @Matches(/^[0-9]{3}$/, { message: 'must be a Mobile Country Code of 3 digits, like 234' })
  mcc!: string;

  @Field({ description: 'Mobile Network Code: 2 or 3 digits, e.g. 15.' })
  @Matches(/^[0-9]{2,3}$/, { message: 'must be a Mobile Network Code of 2 or 3 digits, like 15' })
  mnc!: string;

  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;
}
