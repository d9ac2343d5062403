import { ArrayMaxSize, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, Int } from 'type-graphql';
import { PricingType } from '../pricing';
import { IsCountryCode } from '../kernel/validation';

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class HistoryPageArgs {
  @Field(() => Int, { defaultValue: 100, description: `Rows per page, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1, { message: `must be from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `must be from 1 to ${MAX_PAGE_SIZE}` })
  pageSize!: number;

  @Field(() => String, {
    nullable: true,
    description: "The previous page's endCursor; omit for the first page.",
  })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: "must be a previous page's endCursor" })
  after?: string | null;
}

@ArgsType()
export class PricingChangesArgs extends HistoryPageArgs {
  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;

  @Field(() => GraphQLDateTimeISO, {
    description: 'Changes seen at or after this time (ISO 8601 with a time zone).',
  })
  since!: Date;

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 codes, any case. Omit for every country.',
  })
  @IsOptional()
  @ArrayMaxSize(300, { message: 'must list at most 300 countries' })
  @IsCountryCode({ each: true })
  countries?: string[] | null;
}

@ArgsType()
export class PriceHistoryArgs extends HistoryPageArgs {
  @Field({ description: 'ISO 3166-1 alpha-2 country code, any case.' })
  @IsCountryCode()
  country!: string;

  @Field(() => PricingType, { defaultValue: PricingType.SMS })
  type!: PricingType;

  @Field({ description: 'The network: MCC and MNC together (23410), or a code like GB-FIXED.' })
  @Matches(/^[A-Za-z0-9-]{1,32}$/, {
    message: 'must be a network code like 23410 or GB-FIXED (letters, digits and -)',
  })
  networkCode!: string;
}
