export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: unknown; output: unknown; }
  /** An exact decimal number serialised as a string ("10.17127500"), so money never passes through a float. */
  Decimal: { input: string; output: string; }
};

/** The Vonage account the gateway is configured with. */
export type Account = {
  __typename?: 'Account';
  /** Current balance and auto-reload state. */
  balance: Balance;
  /** The account's billing currency (EUR or USD). The balance endpoint does not say it; prices do. */
  currency?: Maybe<Scalars['String']['output']>;
  /** Default webhooks and throughput limits. */
  settings: AccountSettings;
};

/** Default webhooks and throughput limits of the account. */
export type AccountSettings = {
  __typename?: 'AccountSettings';
  /** Webhook for SMS delivery receipts; null when unset. */
  drCallbackUrl?: Maybe<Scalars['String']['output']>;
  /** Maximum API calls per second. */
  maxCallsPerSecond?: Maybe<Scalars['Int']['output']>;
  /** Maximum inbound messages per second. */
  maxInboundRequestsPerSecond?: Maybe<Scalars['Int']['output']>;
  /** Maximum outbound messages per second. */
  maxOutboundRequestsPerSecond?: Maybe<Scalars['Int']['output']>;
  /** Default webhook for inbound SMS, used by numbers without their own; null when unset. */
  moCallbackUrl?: Maybe<Scalars['String']['output']>;
};

/** Top-up needs auto-reload, which is not enabled: enable it in the dashboard. */
export type AutoReloadNotEnabled = {
  __typename?: 'AutoReloadNotEnabled';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The account's balance. */
export type Balance = {
  __typename?: 'Balance';
  /** Whether auto-reload is enabled (needed for topUp). */
  autoReload: Scalars['Boolean']['output'];
  /** Remaining balance in the billing currency, exact. */
  value: Scalars['Decimal']['output'];
};

/** Vonage did not save some webhook: it saves a URL only if the URL answers 200 to a GET. Make the endpoint reachable and answer 200, then try again. */
export type CallbackUrlNotSaved = {
  __typename?: 'CallbackUrlNotSaved';
  /** The input fields whose URL was not saved. */
  fields: Array<Scalars['String']['output']>;
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** The settings now in force. */
  settings: AccountSettings;
};

/** Outbound prices for one country and one service, in the account's currency. */
export type CountryPricing = {
  __typename?: 'CountryPricing';
  /** When these prices were read from Vonage. */
  asOf: Scalars['DateTimeISO']['output'];
  /** ISO 3166-1 alpha-2 country code. */
  countryCode: Scalars['String']['output'];
  /** The name to show to people. */
  countryDisplayName?: Maybe<Scalars['String']['output']>;
  countryName?: Maybe<Scalars['String']['output']>;
  /** The account's billing currency (EUR or USD). */
  currency?: Maybe<Scalars['String']['output']>;
  /** Vonage's default price. Often the landline price, not what mobiles cost: prefer minPrice and maxPrice. */
  defaultPrice?: Maybe<Scalars['Decimal']['output']>;
  /** International dialling prefix, e.g. 44. */
  dialingPrefix?: Maybe<Scalars['String']['output']>;
  /** The highest network price (or the default). */
  maxPrice?: Maybe<Scalars['Decimal']['output']>;
  /** The lowest network price (or the default). */
  minPrice?: Maybe<Scalars['Decimal']['output']>;
  /** Per-operator prices. */
  networks: Array<Network>;
  /** True when the prices are older than the cache lifetime: being refreshed, or served because Vonage failed. */
  stale: Scalars['Boolean']['output'];
  /** The service these prices are for. */
  type: PricingType;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Tops the balance up by the amount of the payment that enabled auto-reload. Never retried by the gateway: a lost answer is TopUpOutcomeUnknown, so read the balance before trying again, or repeat with the same idempotencyKey to get the first answer. */
  topUp: TopUpResult;
  /** Changes the default webhooks. Omit a field to keep it, pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET; otherwise the result is CallbackUrlNotSaved. */
  updateSettings: UpdateSettingsResult;
};


export type MutationTopUpArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: TopUpInput;
};


export type MutationUpdateSettingsArgs = {
  input: UpdateSettingsInput;
};

/** The price of one service on one operator network. */
export type Network = {
  __typename?: 'Network';
  /** Currency of the price (EUR or USD). */
  currency?: Maybe<Scalars['String']['output']>;
  /** Mobile Country Code. */
  mcc?: Maybe<Scalars['String']['output']>;
  /** Mobile Network Code. */
  mnc?: Maybe<Scalars['String']['output']>;
  /** MCC and MNC together, e.g. 23410. */
  networkCode?: Maybe<Scalars['String']['output']>;
  /** The operator's name. */
  networkName?: Maybe<Scalars['String']['output']>;
  /** Price of one message or minute, exact. */
  price: Scalars['Decimal']['output'];
  /** Number prefixes this network serves, when known. */
  ranges: Array<Scalars['String']['output']>;
  /** Kind of network: mobile, landline, landline_tollfree, pager… (open-ended). */
  type?: Maybe<Scalars['String']['output']>;
};

/** The price on one operator, with the country it belongs to. */
export type NetworkPricing = {
  __typename?: 'NetworkPricing';
  country: CountryPricing;
  network: Network;
};

/** The outbound service a price is for. */
export enum PricingType {
  /** An SMS sent to the country. */
  Sms = 'SMS',
  /** An SMS in transit (sent through the country). */
  SmsTransit = 'SMS_TRANSIT',
  /** A minute of an outbound call. */
  Voice = 'VOICE'
}

export type Query = {
  __typename?: 'Query';
  /** The Vonage account the gateway is configured with. */
  account: Account;
  /** The price on one operator, by its MCC and MNC; null when Vonage does not price it. */
  networkPricing?: Maybe<NetworkPricing>;
  /** The countries a dialling prefix matches (1 → US, CA and the NANP islands). */
  prefixPricing: Array<CountryPricing>;
  /** Outbound prices for one country; null when Vonage does not price it. */
  pricing?: Maybe<CountryPricing>;
  /** Outbound prices for several countries and types (every priced country when countries is omitted). Countries Vonage does not price are left out. Cold, this costs at most one upstream call per type. */
  pricings: Array<CountryPricing>;
};


export type QueryNetworkPricingArgs = {
  mcc: Scalars['String']['input'];
  mnc: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryPrefixPricingArgs = {
  prefix: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryPricingArgs = {
  country: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryPricingsArgs = {
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  types?: Array<PricingType>;
};

/** Every requested change was saved. */
export type SettingsUpdated = {
  __typename?: 'SettingsUpdated';
  /** The settings now in force. */
  settings: AccountSettings;
};

/** Vonage refused the top-up (for example an unknown transaction reference or a declined payment). */
export type TopUpFailed = {
  __typename?: 'TopUpFailed';
  /** Vonage's own words. */
  label: Scalars['String']['output'];
  /** What happened, with the label Vonage gave. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** Top up by the amount of the payment that enabled auto-reload. */
export type TopUpInput = {
  /** Transaction reference of the payment made when auto-reload was enabled (see the dashboard). */
  trx: Scalars['String']['input'];
};

/** The top-up was sent but Vonage's answer was lost (timeout, dropped connection, 5xx): it may have been applied. Read the balance before trying again; the gateway never retries it. */
export type TopUpOutcomeUnknown = {
  __typename?: 'TopUpOutcomeUnknown';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The result of topUp: success, or a refusal the user can act on. */
export type TopUpResult = AutoReloadNotEnabled | TopUpFailed | TopUpOutcomeUnknown | TopUpSucceeded;

/** The top-up was accepted; the balance is read again after it. */
export type TopUpSucceeded = {
  __typename?: 'TopUpSucceeded';
  /** The balance after the top-up; null when Vonage accepted it but the re-read failed (see warning). */
  balance?: Maybe<Balance>;
  /** Set when something after the accepted top-up failed. Do not top up again. */
  warning?: Maybe<Scalars['String']['output']>;
};

/** Webhooks to change. Omit a field (or pass null) to leave it as it is; pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET. */
export type UpdateSettingsInput = {
  /** Webhook for SMS delivery receipts. */
  drCallbackUrl?: InputMaybe<Scalars['String']['input']>;
  /** Default webhook for inbound SMS. */
  moCallbackUrl?: InputMaybe<Scalars['String']['input']>;
};

/** The result of updateSettings. */
export type UpdateSettingsResult = CallbackUrlNotSaved | SettingsUpdated;
