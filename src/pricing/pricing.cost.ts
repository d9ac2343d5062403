import { type ArgumentCost, type CostArguments } from '../limits/cost.directives';

/**
 * The shape of the upstream catalogue the cost estimate assumes (Vonage's, 2026), declared on
 * the fields as `@listSize(assumedSize:)`.
 */
export const CATALOGUE = {
  /** Countries in a full catalogue of one type. */
  countries: 250,
  /** Countries one dialling prefix can match (1: the NANP countries). */
  prefixCountries: 25,
  /** Networks per country, on average over a catalogue. */
  networksPerCountry: 8,
} as const;

const distinct = (list: unknown): number | undefined =>
  Array.isArray(list) ? new Set(list).size : undefined;

/** The pricing types asked for (at least one): one catalogue call each, cold. */
const typesOf = (args: CostArguments): number => Math.max(1, distinct(args.types) ?? 1);

/**
 * `pricings`: countries × types prices (a full catalogue of each type without `countries`), for
 * one catalogue call per type, whatever the countries.
 */
export const pricingsCost: ArgumentCost = {
  size: (args) => typesOf(args) * (distinct(args.countries) ?? CATALOGUE.countries),
  calls: typesOf,
};
