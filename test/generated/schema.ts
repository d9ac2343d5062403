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
  /** The account's Vonage API key: names the account, grants nothing (no secret). */
  apiKey: Scalars['String']['output'];
  /** Current balance and auto-reload state. */
  balance: Balance;
  /** The account's billing currency (EUR or USD). The balance endpoint does not say it; prices do. */
  currency?: Maybe<Scalars['String']['output']>;
  /** The account's numbers: the same as the ownedNumbers query. */
  numbers: OwnedNumberConnection;
  /** Default webhooks and throughput limits. */
  settings: AccountSettings;
  /** The account's sub-accounts (not the account itself), with their balances; null when refused or unreadable. */
  subaccounts?: Maybe<Array<Subaccount>>;
};


/** The Vonage account the gateway is configured with. */
export type AccountNumbersArgs = {
  filter?: InputMaybe<OwnedNumbersFilter>;
  page?: Scalars['Int']['input'];
  pageSize?: Scalars['Int']['input'];
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

/** An API secret of an account: its id and age only; Vonage shows the secret to nobody. */
export type ApiSecret = {
  __typename?: 'ApiSecret';
  /** When it was created (ISO 8601, as Vonage gives it). */
  createdAt: Scalars['String']['output'];
  /** What revokeApiSecret takes. */
  id: Scalars['String']['output'];
};

/** Vonage created the secret: it signs in from now on. */
export type ApiSecretCreated = {
  __typename?: 'ApiSecretCreated';
  /** The new secret: its id, never its value. */
  secret: ApiSecret;
};

/** The account already holds the most secrets Vonage allows (2): revoke one first, once nothing uses it. */
export type ApiSecretLimitReached = {
  __typename?: 'ApiSecretLimitReached';
  /** What to do about it. */
  message: Scalars['String']['output'];
};

/** The account has no secret with that id. */
export type ApiSecretNotFound = {
  __typename?: 'ApiSecretNotFound';
  /** What happened. */
  message: Scalars['String']['output'];
};

/** Vonage refused the secret for a parameter it names. */
export type ApiSecretRejected = {
  __typename?: 'ApiSecretRejected';
  /** What happened. */
  message: Scalars['String']['output'];
  /** The parameter Vonage named, if any. */
  parameter?: Maybe<Scalars['String']['output']>;
  /** Vonage's reason, if it gave one. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** Vonage revoked the secret: it no longer signs in. */
export type ApiSecretRevoked = {
  __typename?: 'ApiSecretRevoked';
  secretId: Scalars['String']['output'];
};

/** Top-up needs auto-reload, which is not enabled: enable it in the dashboard. */
export type AutoReloadNotEnabled = {
  __typename?: 'AutoReloadNotEnabled';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** A number that can be bought. */
export type AvailableNumber = PhoneNumber & {
  __typename?: 'AvailableNumber';
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  features: Array<NumberFeature>;
  /** Monthly rental, exact, in the billing currency (charged when bought). */
  monthlyCost?: Maybe<Scalars['Decimal']['output']>;
  /** E.164 digits without +, e.g. 447700900000. */
  msisdn: Scalars['String']['output'];
  /** Outbound prices from this number's country, through the request's price loader: a page of numbers in many countries costs at most one pricing call per type. */
  pricing?: Maybe<CountryPricing>;
  type: NumberType;
  /** The upstream's own word for the type (mobile-lvn, landline…). */
  upstreamType: Scalars['String']['output'];
};


/** A number that can be bought. */
export type AvailableNumberPricingArgs = {
  type?: PricingType;
};

/** A page of AvailableNumber results. */
export type AvailableNumberConnection = {
  __typename?: 'AvailableNumberConnection';
  hasNextPage: Scalars['Boolean']['output'];
  nodes: Array<AvailableNumber>;
  /** This page, from 1. */
  page: Scalars['Int']['output'];
  pageSize: Scalars['Int']['output'];
  /** Matches across every page. */
  totalCount: Scalars['Int']['output'];
};

/** The account's balance. */
export type Balance = {
  __typename?: 'Balance';
  /** When it was read from Vonage. Concurrent reads share one call, and a read stays fresh for about a second (BALANCE_TTL_MS) unless money moved. */
  asOf: Scalars['DateTimeISO']['output'];
  /** Whether auto-reload is enabled (needed for topUp). */
  autoReload: Scalars['Boolean']['output'];
  /** Remaining balance in the billing currency, exact. */
  value: Scalars['Decimal']['output'];
};

/** The number to buy. */
export type BuyNumberInput = {
  /** ISO 3166-1 alpha-2, any case. */
  country: Scalars['String']['input'];
  /** Refuse (CostLimitExceeded) before buying if the monthly cost in the search data is above this. */
  maxMonthlyCost?: InputMaybe<Scalars['Decimal']['input']>;
  /** E.164 digits without +. */
  msisdn: Scalars['String']['input'];
  /** A sub-account's API key, to act on its numbers instead of this account's. */
  targetApiKey?: InputMaybe<Scalars['String']['input']>;
};

export type BuyNumberResult = CostLimitExceeded | CountryRequiresDashboard | InsufficientBalance | NumberAlreadyOwned | NumberNotAvailable | NumberPurchased | PurchaseOutcomeUnknown | UpstreamRefusal;

/** Where a number sends calls or messages. */
export type Callback = {
  __typename?: 'Callback';
  /** sip, tel or app. */
  type: Scalars['String']['output'];
  /** A SIP URI, a phone number or an Application ID. */
  value: Scalars['String']['output'];
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

/** The number to cancel. */
export type CancelNumberInput = {
  /** ISO 3166-1 alpha-2, any case. */
  country: Scalars['String']['input'];
  /** E.164 digits without +. */
  msisdn: Scalars['String']['input'];
  /** A sub-account's API key, to act on its numbers instead of this account's. */
  targetApiKey?: InputMaybe<Scalars['String']['input']>;
};

export type CancelNumberResult = CancelOutcomeUnknown | NumberCancelled | NumberNotOwned | UpstreamRefusal;

/** The cancel was sent but Vonage's answer was lost, and a re-read did not settle it. Check ownedNumber before trying again. */
export type CancelOutcomeUnknown = {
  __typename?: 'CancelOutcomeUnknown';
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  traceId?: Maybe<Scalars['String']['output']>;
};

export type ConnectLiveEventsResult = LiveEventsConnected | LiveEventsNotConnected;

/** The monthly cost is above maxMonthlyCost: nothing was bought. */
export type CostLimitExceeded = {
  __typename?: 'CostLimitExceeded';
  maxMonthlyCost: Scalars['Decimal']['output'];
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  /** Null when Vonage lists no cost for the number, so the limit cannot be checked. */
  monthlyCost?: Maybe<Scalars['Decimal']['output']>;
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

/** Numbers of this country need a local address and are sold on the Vonage Dashboard only. */
export type CountryRequiresDashboard = {
  __typename?: 'CountryRequiresDashboard';
  country: Scalars['String']['output'];
  /** Vonage's own words. */
  label: Scalars['String']['output'];
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
};

/** A new API secret for the primary account or one of its sub-accounts. */
export type CreateApiSecretInput = {
  /** The API key of one of the primary account's sub-accounts; omitted: the primary account (the gateway's own). */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** The new secret: 8 to 25 characters with at least one lower case letter, one upper case letter and one digit. Pass it as a variable: the gateway logs, caches and returns nothing of it. */
  secret: Scalars['String']['input'];
};

/** The result of createApiSecret. */
export type CreateApiSecretResult = ApiSecretCreated | ApiSecretLimitReached | ApiSecretRejected;

/** A new sub-account. */
export type CreateSubaccountInput = {
  /** 1 to 80 characters. */
  name: Scalars['String']['input'];
  /** Its API secret (8 to 25 characters, a lower case letter, an upper case letter and a digit). Omitted: Vonage makes one, shown once in the answer. */
  secret?: InputMaybe<Scalars['String']['input']>;
  /** Whether it spends the primary account's balance (true) or has its own (false; that cannot be undone). */
  usesPrimaryBalance?: Scalars['Boolean']['input'];
};

export type CreateSubaccountResult = SubaccountCreated | SubaccountOutcomeUnknown | SubaccountRejected | SubaccountsNotProvisioned;

/** A delivery receipt of an SMS the account sent, as Vonage’s webhook told the gateway. */
export type DeliveryReceipt = {
  __typename?: 'DeliveryReceipt';
  /** When the carrier reported it. */
  deliveredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Vonage's err-code: 0 when delivered. */
  errorCode?: Maybe<Scalars['Int']['output']>;
  /** Its place in the event stream: subscribe again with `after` set to it to resume. */
  eventId: Scalars['String']['output'];
  /** The sender id it was sent from. */
  from: Scalars['String']['output'];
  /** Vonage's id of the message sent (from its send answer). */
  messageId: Scalars['String']['output'];
  /** The recipient's network (MCCMNC). */
  networkCode?: Maybe<Scalars['String']['output']>;
  /** What the message cost. */
  price?: Maybe<Scalars['Decimal']['output']>;
  /** When Vonage began sending the receipt. */
  receivedAt: Scalars['DateTimeISO']['output'];
  status: DeliveryStatus;
  /** The recipient's number. */
  to: Scalars['String']['output'];
};

/** The carrier's word on a message: DELIVERED, or why not (yet). */
export enum DeliveryStatus {
  Accepted = 'ACCEPTED',
  Buffered = 'BUFFERED',
  Delivered = 'DELIVERED',
  Expired = 'EXPIRED',
  Failed = 'FAILED',
  Rejected = 'REJECTED',
  Unknown = 'UNKNOWN'
}

/** An SMS to one of the account's numbers, as Vonage's webhook told the gateway. */
export type InboundSms = {
  __typename?: 'InboundSms';
  /** False when parts were still missing after WEBHOOK_CONCAT_TIMEOUT_MS. */
  complete: Scalars['Boolean']['output'];
  /** Its place in the event stream: subscribe again with `after` set to it to resume. */
  eventId: Scalars['String']['output'];
  /** The sender's number. */
  from: Scalars['String']['output'];
  /** The first word, in capitals. */
  keyword?: Maybe<Scalars['String']['output']>;
  /** Vonage's id of the message (of its first part, for one sent in parts). */
  messageId: Scalars['String']['output'];
  /** Every part's id, in order. */
  messageIds: Array<Scalars['String']['output']>;
  /** The parts that never came; empty when complete. */
  missingParts: Array<Scalars['Int']['output']>;
  /** When Vonage began sending it. */
  receivedAt: Scalars['DateTimeISO']['output'];
  /** The text (parts joined); null for binary. */
  text?: Maybe<Scalars['String']['output']>;
  /** The account's number it was sent to. */
  to: Scalars['String']['output'];
  type: MessageType;
};

/** The balance is below the number’s monthly cost: top up first. */
export type InsufficientBalance = {
  __typename?: 'InsufficientBalance';
  balance: Scalars['Decimal']['output'];
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  /** The monthly cost Vonage lists. */
  monthlyCost?: Maybe<Scalars['Decimal']['output']>;
};

/** The source cannot give that much: an account can transfer |balance − creditLimit| of balance at most, or the credit it has not used. */
export type InsufficientFundsForTransfer = {
  __typename?: 'InsufficientFundsForTransfer';
  /** What the source can transfer, read after the refusal; null when unreadable. */
  available?: Maybe<Scalars['Decimal']['output']>;
  kind: TransferKind;
  /** What happened and the rule. */
  message: Scalars['String']['output'];
  requested: Scalars['Decimal']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The only secret left was not revoked: an account always keeps one. Create another first. */
export type LastApiSecret = {
  __typename?: 'LastApiSecret';
  /** What to do about it. */
  message: Scalars['String']['output'];
};

/** The account's webhooks now point at this gateway: live events flow. */
export type LiveEventsConnected = {
  __typename?: 'LiveEventsConnected';
  endpoints: WebhookEndpoints;
  /** The settings Vonage answered with. */
  settings: AccountSettings;
};

/** The account’s webhooks could not be pointed at this gateway. */
export type LiveEventsNotConnected = {
  __typename?: 'LiveEventsNotConnected';
  /** Why, and what to do. */
  message: Scalars['String']['output'];
  /** The settings Vonage answered with; null when nothing was sent. */
  settings?: Maybe<AccountSettings>;
};

/** How the SMS was encoded. */
export enum MessageType {
  Binary = 'BINARY',
  Text = 'TEXT',
  Unicode = 'UNICODE'
}

export type Mutation = {
  __typename?: 'Mutation';
  /** Buys a number; its first month is charged. Never retried by the gateway. A refusal says why (owned already, not for sale, balance too low, dashboard-only country); a lost answer is settled by re-reading the account's numbers. */
  buyNumber: BuyNumberResult;
  /** Cancels a number the account rents. Never retried by the gateway. */
  cancelNumber: CancelNumberResult;
  /** Points the account's inbound SMS and delivery receipt webhooks at this gateway, so inboundSms and deliveryReceipts see them. Numbers with a moHttpUrl of their own keep it (updateNumber changes it). */
  connectLiveEvents: ConnectLiveEventsResult;
  /** Creates an API secret for the primary account or one of its sub-accounts (at most 2 each): the way to rotate a secret without downtime. Checked against the rule before any call. The answer holds the new secret’s id only; the gateway logs, caches and returns nothing of the secret. Never retried. */
  createApiSecret: CreateApiSecretResult;
  /** Creates a sub-account. Its secret is in the first answer only, never stored nor replayed. Never retried; with an idempotencyKey a repeat answers the first outcome, and a lost answer is looked for in the list. */
  createSubaccount: CreateSubaccountResult;
  /** Revokes an API secret of the primary account or one of its sub-accounts. The last one is never revoked (LastApiSecret, nothing sent): create another first. Revoking the secret the gateway itself signs in with (VONAGE_API_SECRET) locks the gateway out of the account until it is configured with another. Never retried. */
  revokeApiSecret: RevokeApiSecretResult;
  /** Tops the balance up by the amount of the payment that enabled auto-reload. Never retried by the gateway: a lost answer is TopUpOutcomeUnknown, so read the balance before trying again, or repeat with the same idempotencyKey to get the first answer. */
  topUp: TopUpResult;
  /** Moves balance between the primary account and one of its sub-accounts. Never retried by the gateway. A lost answer is looked for in the transfers list by its reference (the gateway gives one when none is given); if not found, the result is TransferOutcomeUnknown. Repeat with the same idempotencyKey to get the first answer. */
  transferBalance: TransferResult;
  /** Moves credit limit between the primary account and one of its sub-accounts. Never retried by the gateway. A lost answer is looked for in the transfers list by its reference (the gateway gives one when none is given); if not found, the result is TransferOutcomeUnknown. Repeat with the same idempotencyKey to get the first answer. */
  transferCredit: TransferResult;
  /** Moves a number between the primary account and one of its sub-accounts (or two of them). Never retried; a lost answer is settled by reading the new account’s numbers. */
  transferNumber: TransferNumberResult;
  /** Changes a number's Application or webhooks. Omit a field to keep it; "" removes a webhook. */
  updateNumber: UpdateNumberResult;
  /** Changes the default webhooks. Omit a field to keep it, pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET; otherwise the result is CallbackUrlNotSaved. */
  updateSettings: UpdateSettingsResult;
  /** Renames, suspends or reactivates a sub-account, or gives it its own balance. */
  updateSubaccount: UpdateSubaccountResult;
};


export type MutationBuyNumberArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: BuyNumberInput;
};


export type MutationCancelNumberArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: CancelNumberInput;
};


export type MutationCreateApiSecretArgs = {
  input: CreateApiSecretInput;
};


export type MutationCreateSubaccountArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: CreateSubaccountInput;
};


export type MutationRevokeApiSecretArgs = {
  input: RevokeApiSecretInput;
};


export type MutationTopUpArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: TopUpInput;
};


export type MutationTransferBalanceArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: TransferInput;
};


export type MutationTransferCreditArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: TransferInput;
};


export type MutationTransferNumberArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: TransferNumberInput;
};


export type MutationUpdateNumberArgs = {
  input: UpdateNumberInput;
};


export type MutationUpdateSettingsArgs = {
  input: UpdateSettingsInput;
};


export type MutationUpdateSubaccountArgs = {
  input: UpdateSubaccountInput;
};

/** The price of one service on one operator network of one country. */
export type Network = {
  __typename?: 'Network';
  /** ISO 3166-1 alpha-2 code of the country this price is for. */
  countryCode: Scalars['String']['output'];
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
  /** The service this price is for. */
  pricingType: PricingType;
  /** Number prefixes Vonage lists for this network, in international digits (447700); empty when Vonage lists none. A prefix says where a number was allocated: a ported number may be on another network now. */
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

/** The account owns this number already: nothing was bought. */
export type NumberAlreadyOwned = {
  __typename?: 'NumberAlreadyOwned';
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  number?: Maybe<OwnedNumber>;
};

/** The number is no longer the account’s. */
export type NumberCancelled = {
  __typename?: 'NumberCancelled';
  country: Scalars['String']['output'];
  msisdn: Scalars['String']['output'];
  /** True when Vonage's answer was lost and a re-read settled it. */
  reconciled: Scalars['Boolean']['output'];
};

/** What a number can do. */
export enum NumberFeature {
  Mms = 'MMS',
  Sms = 'SMS',
  Voice = 'VOICE'
}

/** The number is not in the pool of numbers for sale (any more). */
export type NumberNotAvailable = {
  __typename?: 'NumberNotAvailable';
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  msisdn: Scalars['String']['output'];
};

/** The account does not own this number. */
export type NumberNotOwned = {
  __typename?: 'NumberNotOwned';
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  msisdn: Scalars['String']['output'];
};

/** The price of one service to one phone number, with how it was found (match). The network is found by its number range, which says where the number was allocated: porting can move a number to another network, so a NETWORK match names the original network, and the price actually charged can be that of the network the number was ported to. */
export type NumberPricing = {
  __typename?: 'NumberPricing';
  /** The country's prices, as the pricing query gives them. */
  country: CountryPricing;
  /** ISO 3166-1 alpha-2 code of the number's country (its dialling prefix). */
  countryCode: Scalars['String']['output'];
  /** Currency of the prices (EUR or USD). */
  currency?: Maybe<Scalars['String']['output']>;
  /** NETWORK: a range matched; COUNTRY: only the country. */
  match: PriceMatch;
  /** The price on NETWORK; the country's highest network price on COUNTRY. */
  maxPrice: Scalars['Decimal']['output'];
  /** The price on NETWORK; the country's lowest network price on COUNTRY. */
  minPrice: Scalars['Decimal']['output'];
  /** The number as E.164 digits without the +, as Vonage spells it. */
  msisdn: Scalars['String']['output'];
  /** The network whose range matched (NETWORK); null on COUNTRY. */
  network?: Maybe<Network>;
  /** The network's price (NETWORK); null on COUNTRY, where only a range is known. */
  price?: Maybe<Scalars['Decimal']['output']>;
  /** The number range that matched (NETWORK); null on COUNTRY. */
  range?: Maybe<Scalars['String']['output']>;
  /** The service this price is for. */
  type: PricingType;
};

/** The number is now the account’s. */
export type NumberPurchased = {
  __typename?: 'NumberPurchased';
  /** The number as Vonage now reports it; null when that re-read failed (warning). */
  number?: Maybe<OwnedNumber>;
  /** True when Vonage's answer was lost and a re-read of the account's numbers showed the buy took effect. */
  reconciled: Scalars['Boolean']['output'];
  /** Set when a read after the buy failed. */
  warning?: Maybe<Scalars['String']['output']>;
};

/** The number transfer was sent, Vonage's answer was lost, and the new account does not list the number: it may still move. */
export type NumberTransferOutcomeUnknown = {
  __typename?: 'NumberTransferOutcomeUnknown';
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** NOT_OWNED: `from` does not own it; NOT_FOUND: no such number; ALREADY_OWNED: `to` owns it already; INVALID: another refusal. */
export enum NumberTransferRefusal {
  AlreadyOwned = 'ALREADY_OWNED',
  Invalid = 'INVALID',
  NotFound = 'NOT_FOUND',
  NotOwned = 'NOT_OWNED'
}

/** Vonage refused to move the number. */
export type NumberTransferRefused = {
  __typename?: 'NumberTransferRefused';
  message: Scalars['String']['output'];
  parameter?: Maybe<Scalars['String']['output']>;
  reason: NumberTransferRefusal;
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The number moved to its new account. */
export type NumberTransferred = {
  __typename?: 'NumberTransferred';
  country: Scalars['String']['output'];
  from: Scalars['String']['output'];
  msisdn: Scalars['String']['output'];
  /** The number as its new account lists it; null when that read failed. */
  number?: Maybe<OwnedNumber>;
  /** True when Vonage's answer was lost and the new account lists it. */
  reconciled: Scalars['Boolean']['output'];
  to: Scalars['String']['output'];
  warning?: Maybe<Scalars['String']['output']>;
};

/** The kind of a virtual number. */
export enum NumberType {
  /** A landline number (upstream `landline`). */
  Landline = 'LANDLINE',
  /** A toll-free number (upstream `landline-toll-free`). */
  LandlineTollFree = 'LANDLINE_TOLL_FREE',
  /** A mobile long virtual number (upstream `mobile-lvn`). */
  MobileLvn = 'MOBILE_LVN',
  /** A type this gateway does not know yet: see upstreamType. */
  Other = 'OTHER'
}

/** The change was accepted. */
export type NumberUpdated = {
  __typename?: 'NumberUpdated';
  /** The number as Vonage now reports it; null when that re-read failed (warning). */
  number?: Maybe<OwnedNumber>;
  warning?: Maybe<Scalars['String']['output']>;
};

/** A number the account rents. */
export type OwnedNumber = PhoneNumber & {
  __typename?: 'OwnedNumber';
  /** The Application that handles inbound traffic. */
  applicationId?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  features: Array<NumberFeature>;
  /** Where inbound messages go (app). */
  messagesCallback?: Maybe<Callback>;
  /** Webhook for inbound SMS to this number. */
  moHttpUrl?: Maybe<Scalars['String']['output']>;
  /** E.164 digits without +, e.g. 447700900000. */
  msisdn: Scalars['String']['output'];
  /** Outbound prices from this number's country, through the request's price loader: a page of numbers in many countries costs at most one pricing call per type. */
  pricing?: Maybe<CountryPricing>;
  type: NumberType;
  /** The upstream's own word for the type (mobile-lvn, landline…). */
  upstreamType: Scalars['String']['output'];
  /** Where inbound calls go. */
  voiceCallback?: Maybe<Callback>;
  /** Webhook called when a call ends. */
  voiceStatusCallback?: Maybe<Scalars['String']['output']>;
};


/** A number the account rents. */
export type OwnedNumberPricingArgs = {
  type?: PricingType;
};

/** A page of OwnedNumber results. */
export type OwnedNumberConnection = {
  __typename?: 'OwnedNumberConnection';
  hasNextPage: Scalars['Boolean']['output'];
  nodes: Array<OwnedNumber>;
  /** This page, from 1. */
  page: Scalars['Int']['output'];
  pageSize: Scalars['Int']['output'];
  /** Matches across every page. */
  totalCount: Scalars['Int']['output'];
};

/** Which owned numbers to list; every field is optional. */
export type OwnedNumbersFilter = {
  /** Only numbers linked to this Application. */
  applicationId?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2, any case. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** true: only numbers linked to an Application; false: only those that are not. */
  hasApplication?: InputMaybe<Scalars['Boolean']['input']>;
  /** Digits of the number, E.164. */
  pattern?: InputMaybe<Scalars['String']['input']>;
  /** Default STARTS_WITH. */
  patternMatch?: InputMaybe<PatternMatch>;
};

/** How `pattern` matches a number (E.164 digits, country code included). */
export enum PatternMatch {
  Contains = 'CONTAINS',
  EndsWith = 'ENDS_WITH',
  StartsWith = 'STARTS_WITH'
}

/** What every phone number has, owned or for sale. */
export type PhoneNumber = {
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  features: Array<NumberFeature>;
  /** E.164 digits without +, e.g. 447700900000. */
  msisdn: Scalars['String']['output'];
  /** Outbound prices from this number's country, through the request's price loader: a page of numbers in many countries costs at most one pricing call per type. */
  pricing?: Maybe<CountryPricing>;
  type: NumberType;
  /** The upstream's own word for the type (mobile-lvn, landline…). */
  upstreamType: Scalars['String']['output'];
};


/** What every phone number has, owned or for sale. */
export type PhoneNumberPricingArgs = {
  type?: PricingType;
};

/** One network price as a catalogue read from Vonage showed it, against the one before. */
export type PriceChange = {
  __typename?: 'PriceChange';
  /** (new - old) / old × 100, rounded to 2 places (12.50, -3.10); null unless both prices are known and the old one is not 0. */
  changePercent?: Maybe<Scalars['Decimal']['output']>;
  /** ISO 3166-1 alpha-2 country code. */
  countryCode: Scalars['String']['output'];
  /** Currency of the prices (EUR or USD). */
  currency?: Maybe<Scalars['String']['output']>;
  kind: PriceChangeKind;
  /** MCC and MNC together (23410), or a code like GB-FIXED. */
  networkCode: Scalars['String']['output'];
  /** The operator's name, when listed. */
  networkName?: Maybe<Scalars['String']['output']>;
  /** The price this catalogue showed, exact; null when no longer listed. */
  newPrice?: Maybe<Scalars['Decimal']['output']>;
  /** The price recorded before, exact; null when first seen. */
  oldPrice?: Maybe<Scalars['Decimal']['output']>;
  pricingType: PricingType;
  /** When the catalogue that showed it was read from Vonage. */
  seenAt: Scalars['DateTimeISO']['output'];
};

/** A page of recorded price changes, oldest first. */
export type PriceChangeConnection = {
  __typename?: 'PriceChangeConnection';
  /** The cursor of the last row of this page (null when it is empty). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more rows follow: ask again with after: endCursor. */
  hasNextPage: Scalars['Boolean']['output'];
  nodes: Array<PriceChange>;
  pageSize: Scalars['Int']['output'];
};

/** What a catalogue read showed about one network price. */
export enum PriceChangeKind {
  /** The price differs from the one recorded before. */
  Changed = 'CHANGED',
  /** The first price recorded for the network (the first catalogue read, or a network new to it). */
  FirstSeen = 'FIRST_SEEN',
  /** The catalogue no longer lists the network. */
  NoLongerListed = 'NO_LONGER_LISTED'
}

/** How a number's price was found in the catalogue. */
export enum PriceMatch {
  /** No network's range matches (or two networks list the same longest range): only the country is known, and the price is between the country's lowest and highest network price. */
  Country = 'COUNTRY',
  /** A network of the number's country lists the longest range the number starts with: the price is that network's. A range is where the number was allocated; a ported number may now be on another network. */
  Network = 'NETWORK'
}

/** The outbound service a price is for. */
export enum PricingType {
  /** An SMS sent to the country. */
  Sms = 'SMS',
  /** An SMS in transit (sent through the country). */
  SmsTransit = 'SMS_TRANSIT',
  /** A minute of an outbound call. */
  Voice = 'VOICE'
}

/** The buy was sent but Vonage's answer was lost, and re-reading the account's numbers did not settle it. Check ownedNumber before trying again; the gateway never retries a buy. */
export type PurchaseOutcomeUnknown = {
  __typename?: 'PurchaseOutcomeUnknown';
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  traceId?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The Vonage account the gateway is configured with. */
  account: Account;
  /** The API secrets (ids and dates, never the secrets) of the primary account, or of one of its sub-accounts. Read live every time: never cached. At most 2 (Vonage's limit). */
  apiSecrets: Array<ApiSecret>;
  /** Numbers for sale in a country, with their monthly cost. */
  availableNumbers: AvailableNumberConnection;
  /** Balance transfers in a time range, oldest first. */
  balanceTransfers: Array<Transfer>;
  /** Credit transfers in a time range, oldest first. */
  creditTransfers: Array<Transfer>;
  /** What sending one text to each of a list of recipients would cost: its encoding and segments (Twilio's sms-segments-calculator), and per recipient its country, network (when a range matches; see numberPricing about porting), unit price and cost. Totals are exact decimals; recipients that cannot be priced are listed in unpriced with the reason. Up to 10000 recipients; reads the cached catalogue: at most one upstream call cold, none warm. */
  estimateSmsCost: SmsCostEstimate;
  /** The price on one operator, by its MCC and MNC; null when Vonage does not price it. */
  networkPricing?: Maybe<NetworkPricing>;
  /** The price of one service to one phone number. The country comes from the number's dialling prefix; the network from the longest number range one of that country's networks lists (match NETWORK), else only the country is known (match COUNTRY, with its lowest and highest price). Porting can move a number to another network: a range names the network the number was allocated to, which may not be the one it is on now. Null when Vonage does not price the number's country, or for a non-geographic number (+800…). An invalid number is BAD_USER_INPUT. Reads the cached catalogue: at most one upstream call cold, none warm. */
  numberPricing?: Maybe<NumberPricing>;
  /** One number of the account, or null when it does not own it. One upstream call. */
  ownedNumber?: Maybe<OwnedNumber>;
  /** The account's numbers, a page at a time (pages from 1, 1 to 100 a page). */
  ownedNumbers: OwnedNumberConnection;
  /** The countries a dialling prefix matches (1 → US, CA and the NANP islands). */
  prefixPricing: Array<CountryPricing>;
  /** Every recorded price of one network, oldest first: when first seen, each change, and when no longer listed. */
  priceHistory: PriceChangeConnection;
  /** Outbound prices for one country; null when Vonage does not price it. */
  pricing?: Maybe<CountryPricing>;
  /** Network prices that changed since a time, by type, oldest first, with the old and new price. Recorded each time the gateway reads a full catalogue from Vonage (see README, Price history); networks first seen or no longer listed are not changes (see priceHistory). */
  pricingChanges: PriceChangeConnection;
  /** Outbound prices for several countries and types (every priced country when countries is omitted). Countries Vonage does not price are left out. Cold, this costs at most one upstream call per type. */
  pricings: Array<CountryPricing>;
  /** The primary account or one of its sub-accounts; null for any other key. */
  subaccount?: Maybe<Subaccount>;
  /** The primary account and its sub-accounts with their balances, a page at a time (the primary first). One upstream call for every page. */
  subaccounts: SubaccountConnection;
  /** The URLs to give Vonage for live events (under PUBLIC_BASE_URL; in the sandbox, where the gateway listens); null when PUBLIC_BASE_URL is not set. Point a number's moHttpUrl at inboundSms with updateNumber. */
  webhookEndpoints?: Maybe<WebhookEndpoints>;
};


export type QueryApiSecretsArgs = {
  apiKey?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAvailableNumbersArgs = {
  country: Scalars['String']['input'];
  features?: InputMaybe<Array<NumberFeature>>;
  page?: Scalars['Int']['input'];
  pageSize?: Scalars['Int']['input'];
  pattern?: InputMaybe<Scalars['String']['input']>;
  patternMatch?: InputMaybe<PatternMatch>;
  type?: InputMaybe<NumberType>;
};


export type QueryBalanceTransfersArgs = {
  since: Scalars['DateTimeISO']['input'];
  subaccounts?: InputMaybe<Array<Scalars['String']['input']>>;
  until?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


export type QueryCreditTransfersArgs = {
  since: Scalars['DateTimeISO']['input'];
  subaccounts?: InputMaybe<Array<Scalars['String']['input']>>;
  until?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


export type QueryEstimateSmsCostArgs = {
  text: Scalars['String']['input'];
  to: Array<Scalars['String']['input']>;
  type?: PricingType;
};


export type QueryNetworkPricingArgs = {
  mcc: Scalars['String']['input'];
  mnc: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryNumberPricingArgs = {
  msisdn: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryOwnedNumberArgs = {
  msisdn: Scalars['String']['input'];
};


export type QueryOwnedNumbersArgs = {
  filter?: InputMaybe<OwnedNumbersFilter>;
  page?: Scalars['Int']['input'];
  pageSize?: Scalars['Int']['input'];
};


export type QueryPrefixPricingArgs = {
  prefix: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryPriceHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  country: Scalars['String']['input'];
  networkCode: Scalars['String']['input'];
  pageSize?: Scalars['Int']['input'];
  type?: PricingType;
};


export type QueryPricingArgs = {
  country: Scalars['String']['input'];
  type?: PricingType;
};


export type QueryPricingChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  pageSize?: Scalars['Int']['input'];
  since: Scalars['DateTimeISO']['input'];
  type?: PricingType;
};


export type QueryPricingsArgs = {
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  types?: Array<PricingType>;
};


export type QuerySubaccountArgs = {
  apiKey: Scalars['String']['input'];
};


export type QuerySubaccountsArgs = {
  page?: Scalars['Int']['input'];
  pageSize?: Scalars['Int']['input'];
};

/** The API secret to revoke. */
export type RevokeApiSecretInput = {
  /** The API key of one of the primary account's sub-accounts; omitted: the primary account (the gateway's own). */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** The id of the secret, as apiSecrets lists it. */
  secretId: Scalars['String']['input'];
};

/** The result of revokeApiSecret. */
export type RevokeApiSecretResult = ApiSecretNotFound | ApiSecretRevoked | LastApiSecret;

/** Every requested change was saved. */
export type SettingsUpdated = {
  __typename?: 'SettingsUpdated';
  /** The settings now in force. */
  settings: AccountSettings;
};

/** What sending one text to a list of recipients would cost, from the cached price catalogue (no upstream call per number). Each recipient is priced as numberPricing prices a number (porting can move a number off the network its range names), times the segments the text takes. */
export type SmsCostEstimate = {
  __typename?: 'SmsCostEstimate';
  /** When the prices were read from Vonage. */
  asOf: Scalars['DateTimeISO']['output'];
  /** Characters as the segments count them: GSM-7 septets (an extension-table character such as € counts 2), or UCS-2 characters. */
  characters: Scalars['Int']['output'];
  /** Currency of the costs (EUR or USD). */
  currency?: Maybe<Scalars['String']['output']>;
  /** GSM_7, or UCS_2 when a character needs it. */
  encoding: SmsEncoding;
  /** The highest possible total over the priced recipients (equal to total when known). */
  maxTotal: Scalars['Decimal']['output'];
  /** The lowest possible total over the priced recipients (equal to total when known). */
  minTotal: Scalars['Decimal']['output'];
  /** The priced recipients, in the order of `to`. */
  recipients: Array<SmsRecipientCost>;
  /** Segments the text takes: each is billed as one message, to each recipient. */
  segments: Scalars['Int']['output'];
  /** True when the prices are older than the cache lifetime. */
  stale: Scalars['Boolean']['output'];
  /** The exact total over the priced recipients when every one matched a network; null when some are priced only by country (then the cost is between minTotal and maxTotal). */
  total?: Maybe<Scalars['Decimal']['output']>;
  /** The service priced: SMS or SMS_TRANSIT. */
  type: PricingType;
  /** The characters that forced UCS-2, each once, in order; empty for GSM-7. */
  unicodeCharacters: Array<Scalars['String']['output']>;
  /** Recipients that could not be priced, in the order of `to`, with the reason. They count in no total. */
  unpriced: Array<UnpricedSmsRecipient>;
};

/** How an SMS text is encoded. */
export enum SmsEncoding {
  /** The GSM 03.38 alphabet: 160 characters in one segment, 153 per segment when concatenated; characters of its extension table (€ [ ] { } ^ ~ | \ and the form feed) take two. */
  Gsm_7 = 'GSM_7',
  /** UTF-16, needed as soon as one character is outside GSM-7 (emoji, most non-Latin scripts, combining marks): 70 per segment alone, 67 when concatenated. */
  Ucs_2 = 'UCS_2'
}

/** What the message costs to one recipient. */
export type SmsRecipientCost = {
  __typename?: 'SmsRecipientCost';
  /** unitPrice × segments, exact (NETWORK); null on COUNTRY: see minCost and maxCost. */
  cost?: Maybe<Scalars['Decimal']['output']>;
  /** ISO 3166-1 alpha-2 code of the number's country. */
  countryCode: Scalars['String']['output'];
  match: PriceMatch;
  /** The cost on NETWORK; on COUNTRY, the country's highest price × segments. */
  maxCost: Scalars['Decimal']['output'];
  /** The cost on NETWORK; on COUNTRY, the country's lowest price × segments. */
  minCost: Scalars['Decimal']['output'];
  /** The number as E.164 digits without the +. */
  msisdn: Scalars['String']['output'];
  /** The network whose range matched (NETWORK, the original network); null on COUNTRY. */
  network?: Maybe<Network>;
  /** Price of one segment on the network (NETWORK); null on COUNTRY. */
  unitPrice?: Maybe<Scalars['Decimal']['output']>;
};

/** The primary account or one of its sub-accounts, as the Subaccounts API lists it. */
export type Subaccount = {
  __typename?: 'Subaccount';
  /** Its Vonage API key: names the account, grants nothing (no secret). */
  apiKey: Scalars['String']['output'];
  /** What it can transfer away now: |balance − creditLimit| (Vonage’s rule). Null when it uses the primary account’s balance. */
  availableForTransfer?: Maybe<Scalars['Decimal']['output']>;
  /** Its own balance, exact; null when it uses the primary account’s. */
  balance?: Maybe<Scalars['Decimal']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** How far below zero its balance may go (0 or negative); null when it uses the primary account’s. */
  creditLimit?: Maybe<Scalars['Decimal']['output']>;
  /** Whether it is the primary account (the one the gateway calls with). */
  isPrimary: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Its numbers, a page at a time: read with its API key and the primary account's secret, as Vonage allows. */
  numbers?: Maybe<OwnedNumberConnection>;
  /** The API key of the primary account it belongs to. */
  primaryApiKey: Scalars['String']['output'];
  /** A suspended sub-account can make no API call nor take part in a transfer. */
  suspended: Scalars['Boolean']['output'];
  /** Whether it spends the primary account's balance; then balance and creditLimit are null. */
  usesPrimaryBalance: Scalars['Boolean']['output'];
};


/** The primary account or one of its sub-accounts, as the Subaccounts API lists it. */
export type SubaccountNumbersArgs = {
  page?: Scalars['Int']['input'];
  pageSize?: Scalars['Int']['input'];
};

/** A page of Subaccount results. */
export type SubaccountConnection = {
  __typename?: 'SubaccountConnection';
  hasNextPage: Scalars['Boolean']['output'];
  nodes: Array<Subaccount>;
  /** This page, from 1. */
  page: Scalars['Int']['output'];
  pageSize: Scalars['Int']['output'];
  /** Matches across every page. */
  totalCount: Scalars['Int']['output'];
};

/** Vonage made the sub-account. */
export type SubaccountCreated = {
  __typename?: 'SubaccountCreated';
  /** True when Vonage's answer was lost and the list showed the account. */
  reconciled: Scalars['Boolean']['output'];
  /** Its API secret, in this answer only: never stored, logged nor replayed (a repeat with the same idempotencyKey answers null). Keep it now. */
  secret?: Maybe<Scalars['String']['output']>;
  subaccount: Subaccount;
  warning?: Maybe<Scalars['String']['output']>;
};

/** The key is not one of this account's sub-accounts. */
export type SubaccountNotFound = {
  __typename?: 'SubaccountNotFound';
  apiKey: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** The sub-account was sent but Vonage's answer was lost and the list does not show it: it may have been made. The same idempotencyKey looks again. */
export type SubaccountOutcomeUnknown = {
  __typename?: 'SubaccountOutcomeUnknown';
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** Vonage refused it: a parameter it found invalid, named when it did. */
export type SubaccountRejected = {
  __typename?: 'SubaccountRejected';
  /** Vonage's own words. */
  label: Scalars['String']['output'];
  /** What happened. */
  message: Scalars['String']['output'];
  /** The parameter Vonage named, if any. */
  parameter?: Maybe<Scalars['String']['output']>;
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** A suspended sub-account takes part in no transfer. */
export type SubaccountSuspended = {
  __typename?: 'SubaccountSuspended';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The change was made. */
export type SubaccountUpdated = {
  __typename?: 'SubaccountUpdated';
  /** As Vonage answered after the change. */
  subaccount: Subaccount;
};

/** The account is not provisioned for the Subaccounts API. */
export type SubaccountsNotProvisioned = {
  __typename?: 'SubaccountsNotProvisioned';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Delivery receipts of the account's SMS as Vonage's webhooks bring them (POST /webhooks/delivery-receipt), signed and de-duplicated. Resume with `after` (the last eventId seen). */
  deliveryReceipts: DeliveryReceipt;
  /** SMS to the account's numbers as Vonage's webhooks bring them (POST /webhooks/inbound-sms), signed, de-duplicated and joined. Resume with `after` (the last eventId seen). */
  inboundSms: InboundSms;
};


export type SubscriptionDeliveryReceiptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  messageIds?: InputMaybe<Array<Scalars['String']['input']>>;
  to?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type SubscriptionInboundSmsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Array<Scalars['String']['input']>>;
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

/** A balance or credit transfer Vonage recorded. */
export type Transfer = {
  __typename?: 'Transfer';
  amount: Scalars['Decimal']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** API key of the account it came from. */
  from: Scalars['String']['output'];
  /** Vonage's id of the transfer. */
  id: Scalars['String']['output'];
  kind: TransferKind;
  /** The reference given with it (audit log). */
  reference?: Maybe<Scalars['String']['output']>;
  /** API key of the account it went to. */
  to: Scalars['String']['output'];
};

/** Vonage made the transfer. */
export type TransferCompleted = {
  __typename?: 'TransferCompleted';
  /** The two accounts, read again after it; empty when that read failed. */
  accounts: Array<Subaccount>;
  /** True when Vonage's answer was lost and the transfer was found in the transfers list. */
  reconciled: Scalars['Boolean']['output'];
  transfer: Transfer;
  /** Set when something after the transfer failed. Do not transfer again. */
  warning?: Maybe<Scalars['String']['output']>;
};

/** A transfer between the primary account and one of its sub-accounts. */
export type TransferInput = {
  /** Above 0, at most 8 decimal places ("10.00"). */
  amount: Scalars['Decimal']['input'];
  /** API key of the account it comes from. */
  from: Scalars['String']['input'];
  /** Kept in Vonage's audit log with the transfer (1 to 100 characters). Omitted: the gateway gives one, which is how it finds the transfer again if Vonage's answer is lost. */
  reference?: InputMaybe<Scalars['String']['input']>;
  /** API key of the account it goes to. */
  to: Scalars['String']['input'];
};

/** Balance (money) or credit (how far below zero an account may go). */
export enum TransferKind {
  Balance = 'BALANCE',
  Credit = 'CREDIT'
}

/** A number to move between the primary account and a sub-account. */
export type TransferNumberInput = {
  /** ISO 3166-1 alpha-2 country code of the number. */
  country: Scalars['String']['input'];
  /** API key of the account that owns it. */
  from: Scalars['String']['input'];
  /** E.164 digits without +. */
  msisdn: Scalars['String']['input'];
  /** API key of the account it goes to. */
  to: Scalars['String']['input'];
};

export type TransferNumberResult = NumberTransferOutcomeUnknown | NumberTransferRefused | NumberTransferred | SubaccountsNotProvisioned;

/** The transfer was sent, Vonage's answer was lost, and the transfers list does not settle it: it may have been made. The gateway never sends it again; the same idempotencyKey looks again. */
export type TransferOutcomeUnknown = {
  __typename?: 'TransferOutcomeUnknown';
  /** What to do about it. */
  message: Scalars['String']['output'];
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** Vonage refused the transfer for another reason: a parameter it found invalid, or accounts that are not a primary and its sub-account (or one that spends the primary’s balance). */
export type TransferRejected = {
  __typename?: 'TransferRejected';
  /** Vonage's own words. */
  label: Scalars['String']['output'];
  /** What happened. */
  message: Scalars['String']['output'];
  /** The parameter Vonage named, if any. */
  parameter?: Maybe<Scalars['String']['output']>;
  /** Vonage's trace id, for support. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** The result of transferBalance or transferCredit. */
export type TransferResult = InsufficientFundsForTransfer | SubaccountSuspended | SubaccountsNotProvisioned | TransferCompleted | TransferOutcomeUnknown | TransferRejected;

/** Why a recipient could not be priced. */
export enum UnpricedReason {
  /** Vonage does not price the number's country. */
  CountryNotPriced = 'COUNTRY_NOT_PRICED',
  /** Not a valid phone number: not in a range its country allocates. */
  InvalidNumber = 'INVALID_NUMBER',
  /** A non-geographic number (+800, +882…): Vonage prices countries only. */
  NoCountry = 'NO_COUNTRY'
}

/** A recipient that could not be priced. */
export type UnpricedSmsRecipient = {
  __typename?: 'UnpricedSmsRecipient';
  /** The number as it was given in `to`. */
  msisdn: Scalars['String']['output'];
  reason: UnpricedReason;
};

/** What to change on a number you own. Omit a field to keep it; "" removes a webhook. Vonage saves a webhook only if it answers 200. */
export type UpdateNumberInput = {
  /** The Application to link. */
  applicationId?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2, any case. */
  country: Scalars['String']['input'];
  /** Webhook for inbound SMS. */
  moHttpUrl?: InputMaybe<Scalars['String']['input']>;
  /** E.164 digits without +. */
  msisdn: Scalars['String']['input'];
  voiceCallback?: InputMaybe<VoiceCallbackInput>;
  /** Webhook called when a call ends. */
  voiceStatusCallback?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateNumberResult = NumberNotOwned | NumberUpdated | UpstreamRefusal;

/** Webhooks to change. Omit a field (or pass null) to leave it as it is; pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET. */
export type UpdateSettingsInput = {
  /** Webhook for SMS delivery receipts. */
  drCallbackUrl?: InputMaybe<Scalars['String']['input']>;
  /** Default webhook for inbound SMS. */
  moCallbackUrl?: InputMaybe<Scalars['String']['input']>;
};

/** The result of updateSettings. */
export type UpdateSettingsResult = CallbackUrlNotSaved | SettingsUpdated;

/** What to change of a sub-account; at least one field. */
export type UpdateSubaccountInput = {
  /** The sub-account (not the primary account). */
  apiKey: Scalars['String']['input'];
  /** 1 to 80 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A suspended sub-account can make no call nor take part in a transfer. */
  suspended?: InputMaybe<Scalars['Boolean']['input']>;
  /** false gives it its own balance; Vonage refuses turning it back to true. */
  usesPrimaryBalance?: InputMaybe<Scalars['Boolean']['input']>;
};

export type UpdateSubaccountResult = SubaccountNotFound | SubaccountRejected | SubaccountUpdated | SubaccountsNotProvisioned;

/** Vonage refused, for a reason the gateway could not narrow down. */
export type UpstreamRefusal = {
  __typename?: 'UpstreamRefusal';
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Vonage's own words (its 420 says only 'method failed'). */
  label: Scalars['String']['output'];
  /** What happened and what to do about it. */
  message: Scalars['String']['output'];
  traceId?: Maybe<Scalars['String']['output']>;
};

/** Where inbound calls go: type and value together. */
export type VoiceCallbackInput = {
  type: VoiceCallbackType;
  /** A SIP URI (sip), a phone number (tel) or an Application ID (app). */
  value: Scalars['String']['input'];
};

/** Where inbound calls are forwarded: a SIP URI, a phone number, or an Application. */
export enum VoiceCallbackType {
  App = 'APP',
  Sip = 'SIP',
  Tel = 'TEL'
}

/** Where Vonage's webhooks reach this gateway. */
export type WebhookEndpoints = {
  __typename?: 'WebhookEndpoints';
  /** For delivery receipts: the account’s drCallbackUrl. */
  deliveryReceipt: Scalars['String']['output'];
  /** For inbound SMS: the account’s moCallbackUrl, or a number’s moHttpUrl. */
  inboundSms: Scalars['String']['output'];
  /** The signature method webhooks must be signed with; null when unsigned ones are taken. */
  signatureMethod?: Maybe<Scalars['String']['output']>;
};
