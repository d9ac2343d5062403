export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An exact decimal number serialised as a string ("10.17127500"), so money never passes through a float. */
  Decimal: { input: string; output: string; }
};

/** The Vonage account the gateway is configured with. */
export type Account = {
  __typename?: 'Account';
  /** Current balance and auto-reload state. */
  balance: Balance;
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Tops the balance up by the amount of the payment that enabled auto-reload. Never retried by the gateway: a timeout means the outcome is unknown, so read the balance before trying again. */
  topUp: TopUpResult;
  /** Changes the default webhooks. Omit a field to keep it, pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET; otherwise the result is CallbackUrlNotSaved. */
  updateSettings: UpdateSettingsResult;
};


export type MutationTopUpArgs = {
  input: TopUpInput;
};


export type MutationUpdateSettingsArgs = {
  input: UpdateSettingsInput;
};

export type Query = {
  __typename?: 'Query';
  /** The Vonage account the gateway is configured with. */
  account: Account;
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

/** The result of topUp: success, or a refusal the user can act on. */
export type TopUpResult = AutoReloadNotEnabled | TopUpFailed | TopUpSucceeded;

/** The top-up was accepted; the balance is read again after it. */
export type TopUpSucceeded = {
  __typename?: 'TopUpSucceeded';
  /** The balance after the top-up. */
  balance: Balance;
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
