/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** The number to buy. */
export type BuyNumberInput = {
  /** ISO 3166-1 alpha-2, any case. */
  country: string;
  /** Refuse (CostLimitExceeded) before buying if the monthly cost in the search data is above this. */
  maxMonthlyCost?: string | null | undefined;
  /** E.164 digits without +. */
  msisdn: string;
  /** A sub-account's API key, to act on its numbers instead of this account's. */
  targetApiKey?: string | null | undefined;
};

/** What a number can do. */
export type NumberFeature =
  | 'MMS'
  | 'SMS'
  | 'VOICE';

/** The kind of a virtual number. */
export type NumberType =
  /** A landline number (upstream `landline`). */
  | 'LANDLINE'
  /** A toll-free number (upstream `landline-toll-free`). */
  | 'LANDLINE_TOLL_FREE'
  /** A mobile long virtual number (upstream `mobile-lvn`). */
  | 'MOBILE_LVN'
  /** A type this gateway does not know yet: see upstreamType. */
  | 'OTHER';

/** Which owned numbers to list; every field is optional. */
export type OwnedNumbersFilter = {
  /** Only numbers linked to this Application. */
  applicationId?: string | null | undefined;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string | null | undefined;
  /** true: only numbers linked to an Application; false: only those that are not. */
  hasApplication?: boolean | null | undefined;
  /** Digits of the number, E.164. */
  pattern?: string | null | undefined;
  /** Default STARTS_WITH. */
  patternMatch?: PatternMatch | null | undefined;
};

/** How `pattern` matches a number (E.164 digits, country code included). */
export type PatternMatch =
  | 'CONTAINS'
  | 'ENDS_WITH'
  | 'STARTS_WITH';

/** What a catalogue read showed about one network price. */
export type PriceChangeKind =
  /** The price differs from the one recorded before. */
  | 'CHANGED'
  /** The first price recorded for the network (the first catalogue read, or a network new to it). */
  | 'FIRST_SEEN'
  /** The catalogue no longer lists the network. */
  | 'NO_LONGER_LISTED';

/** How a number's price was found in the catalogue. */
export type PriceMatch =
  /** No network's range matches (or two networks list the same longest range): only the country is known, and the price is between the country's lowest and highest network price. */
  | 'COUNTRY'
  /** A network of the number's country lists the longest range the number starts with: the price is that network's. A range is where the number was allocated; a ported number may now be on another network. */
  | 'NETWORK';

/** The outbound service a price is for. */
export type PricingType =
  /** An SMS sent to the country. */
  | 'SMS'
  /** An SMS in transit (sent through the country). */
  | 'SMS_TRANSIT'
  /** A minute of an outbound call. */
  | 'VOICE';

/** How an SMS text is encoded. */
export type SmsEncoding =
  /** The GSM 03.38 alphabet: 160 characters in one segment, 153 per segment when concatenated; characters of its extension table (€ [ ] { } ^ ~ | \ and the form feed) take two. */
  | 'GSM_7'
  /** UTF-16, needed as soon as one character is outside GSM-7 (emoji, most non-Latin scripts, combining marks): 70 per segment alone, 67 when concatenated. */
  | 'UCS_2';

/** Why a recipient could not be priced. */
export type UnpricedReason =
  /** Vonage does not price the number's country. */
  | 'COUNTRY_NOT_PRICED'
  /** Not a valid phone number: not in a range its country allocates. */
  | 'INVALID_NUMBER'
  /** A non-geographic number (+800, +882…): Vonage prices countries only. */
  | 'NO_COUNTRY';

/** Webhooks to change. Omit a field (or pass null) to leave it as it is; pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET. */
export type UpdateSettingsInput = {
  /** Webhook for SMS delivery receipts. */
  drCallbackUrl?: string | null | undefined;
  /** Default webhook for inbound SMS. */
  moCallbackUrl?: string | null | undefined;
};

export type AccountOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountOverviewQuery = { account: { balance: { value: string, autoReload: boolean }, settings: { moCallbackUrl: string | null, drCallbackUrl: string | null, maxOutboundRequestsPerSecond: number | null, maxInboundRequestsPerSecond: number | null, maxCallsPerSecond: number | null } } };

export type BuyNumberMutationVariables = Exact<{
  input: BuyNumberInput;
  idempotencyKey?: string | null | undefined;
}>;


export type BuyNumberMutation = { buyNumber:
    | { __typename: 'CostLimitExceeded' }
    | { __typename: 'CountryRequiresDashboard' }
    | { __typename: 'InsufficientBalance', balance: string, monthlyCost: string | null, message: string }
    | { __typename: 'NumberAlreadyOwned' }
    | { __typename: 'NumberNotAvailable' }
    | { __typename: 'NumberPurchased', reconciled: boolean, warning: string | null, number: { msisdn: string, country: string, type: NumberType, features: Array<NumberFeature> } | null }
    | { __typename: 'PurchaseOutcomeUnknown' }
    | { __typename: 'UpstreamRefusal', label: string, message: string }
   };

export type EstimateSmsCostQueryVariables = Exact<{
  text: string;
  to: Array<string> | string;
  type?: PricingType;
}>;


export type EstimateSmsCostQuery = { estimateSmsCost: { type: PricingType, encoding: SmsEncoding, segments: number, characters: number, unicodeCharacters: Array<string>, currency: string | null, total: string | null, minTotal: string, maxTotal: string, asOf: unknown, stale: boolean, recipients: Array<{ msisdn: string, countryCode: string, match: PriceMatch, unitPrice: string | null, cost: string | null, minCost: string, maxCost: string, network: { networkCode: string | null } | null }>, unpriced: Array<{ msisdn: string, reason: UnpricedReason }> } };

export type NumberPricingQueryVariables = Exact<{
  msisdn: string;
  type?: PricingType;
}>;


export type NumberPricingQuery = { numberPricing: { msisdn: string, countryCode: string, type: PricingType, match: PriceMatch, range: string | null, price: string | null, minPrice: string, maxPrice: string, currency: string | null, network: { networkCode: string | null, networkName: string | null, price: string, ranges: Array<string> } | null, country: { countryCode: string, minPrice: string | null, maxPrice: string | null, asOf: unknown } } | null };

export type OwnedNumbersQueryVariables = Exact<{
  filter?: OwnedNumbersFilter | null | undefined;
  page?: number | null | undefined;
  pageSize?: number | null | undefined;
}>;


export type OwnedNumbersQuery = { ownedNumbers: { totalCount: number, page: number, pageSize: number, hasNextPage: boolean, nodes: Array<{ msisdn: string, country: string, type: NumberType, upstreamType: string, features: Array<NumberFeature>, pricing: { minPrice: string | null, maxPrice: string | null } | null }> } };

export type PricingChangesQueryVariables = Exact<{
  since: unknown;
  countries?: Array<string> | string | null | undefined;
  after?: string | null | undefined;
}>;


export type PricingChangesQuery = { pricingChanges: { hasNextPage: boolean, endCursor: string | null, nodes: Array<{ countryCode: string, networkCode: string, kind: PriceChangeKind, oldPrice: string | null, newPrice: string | null, changePercent: string | null, seenAt: unknown }> } };

export type PricingsQueryVariables = Exact<{
  countries?: Array<string> | string | null | undefined;
  types: Array<PricingType> | PricingType;
}>;


export type PricingsQuery = { pricings: Array<{ countryCode: string, type: PricingType, currency: string | null, minPrice: string | null, maxPrice: string | null, networks: Array<{ networkName: string | null, price: string }> }> };

export type TopUpMutationVariables = Exact<{
  trx: string;
}>;


export type TopUpMutation = { topUp:
    | { __typename: 'AutoReloadNotEnabled', message: string, traceId: string | null }
    | { __typename: 'TopUpFailed', message: string, label: string, traceId: string | null }
    | { __typename: 'TopUpOutcomeUnknown' }
    | { __typename: 'TopUpSucceeded', balance: { value: string, autoReload: boolean } | null }
   };

export type UpdateSettingsMutationVariables = Exact<{
  input: UpdateSettingsInput;
}>;


export type UpdateSettingsMutation = { updateSettings:
    | { __typename: 'CallbackUrlNotSaved', fields: Array<string>, message: string, settings: { moCallbackUrl: string | null, drCallbackUrl: string | null } }
    | { __typename: 'SettingsUpdated', settings: { moCallbackUrl: string | null, drCallbackUrl: string | null } }
   };
