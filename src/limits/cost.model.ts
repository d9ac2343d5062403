// The cost estimate's model of the upstream and of the domains' loaders: src/limits/cost.ts
// walks an operation with it.

/** The shape of the upstream data the estimate assumes (Vonage's catalogue, 2026). */
export const COST_MODEL = {
  /** Countries in a full catalogue of one type. */
  catalogueCountries: 250,
  /** Countries one dialling prefix can match (1: the NANP countries). */
  prefixCountries: 25,
  /** Networks per country, on average over a catalogue. */
  networksPerCountry: 8,
  /** Entries of a scalar list (a network's number ranges). */
  scalarListItems: 5,
  /** Weight of one upstream call, in answer values. */
  callWeight: 100,
} as const;

/** Upstream calls of a root query field, cold, per occurrence (mutations: their @WriteMutation declarations). */
export const ROOT_CALLS: Record<string, number> = {
  account: 0,
  pricing: 1,
  networkPricing: 1,
  prefixPricing: 1,
  // Both read one full catalogue, whatever the numbers.
  numberPricing: 1,
  estimateSmsCost: 1,
  ownedNumbers: 1,
  ownedNumber: 1,
  availableNumbers: 1,
  // Price history answers from its database, never the upstream: its cost is its page of
  // values (pageSize, at most 500, counted on `nodes` below).
  pricingChanges: 0,
  priceHistory: 0,
};

/** Upstream calls of fields below the root: one each (loaders batch nested prices per type). */
export const NESTED_CALLS: Record<string, number> = {
  'Account.balance': 1,
  'Account.settings': 1,
  'Account.currency': 1,
  'Account.numbers': 1,
  'OwnedNumber.pricing': 1,
  'AvailableNumber.pricing': 1,
};

/**
 * Upstream calls of N representations of each entity, cold, as its reference resolver's loader
 * batches them. A representation of a type missing here is counted as null (no calls).
 */
export const REFERENCE_CALLS: Record<
  string,
  (representations: Record<string, unknown>[]) => number
> = {
  // Up to 3 numbers are looked up one call each; more cost one walk of the owned pages (at
  // least one page of 100 per 100 numbers asked).
  OwnedNumber: (refs) => (refs.length <= 3 ? refs.length : Math.ceil(refs.length / 100)),
  // One catalogue call per pricing type, whatever the countries.
  CountryPricing: (refs) => new Set(refs.map((ref) => ref.type)).size,
  Network: (refs) => new Set(refs.map((ref) => ref.pricingType)).size,
  // The account's key is the gateway's own: its fields' calls are counted below it.
  Account: () => 0,
};
