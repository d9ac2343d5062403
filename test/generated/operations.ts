/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** The outbound service a price is for. */
export type PricingType =
  /** An SMS sent to the country. */
  | 'SMS'
  /** An SMS in transit (sent through the country). */
  | 'SMS_TRANSIT'
  /** A minute of an outbound call. */
  | 'VOICE';

/** Webhooks to change. Omit a field (or pass null) to leave it as it is; pass "" to unset it. Vonage saves a URL only if it answers 200 to a GET. */
export type UpdateSettingsInput = {
  /** Webhook for SMS delivery receipts. */
  drCallbackUrl?: string | null | undefined;
  /** Default webhook for inbound SMS. */
  moCallbackUrl?: string | null | undefined;
};

export type AccountOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountOverviewQuery = { account: { balance: { value: string, autoReload: boolean }, settings: { moCallbackUrl: string | null, drCallbackUrl: string | null, maxOutboundRequestsPerSecond: number | null, maxInboundRequestsPerSecond: number | null, maxCallsPerSecond: number | null } } };

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
