import { type LostRequest } from '../coordination/idempotency';
import { type UpstreamError } from '../upstream/errors';
import { type OwnedNumberRecord } from './numbers.records';

/** Mutation outcomes as plain data named by `__typename`, so an idempotency store can replay them. */

type Refusal = {
  __typename: 'UpstreamRefusal';
  message: string;
  label: string;
  errorCode: string | null;
  traceId: string | null;
};
type NotOwned = { __typename: 'NumberNotOwned'; message: string; msisdn: string };

export type BuyOutcome =
  | {
      __typename: 'NumberPurchased';
      number: OwnedNumberRecord | null;
      warning: string | null;
      reconciled: boolean;
    }
  | { __typename: 'NumberNotAvailable'; message: string; msisdn: string }
  | { __typename: 'NumberAlreadyOwned'; message: string; number: OwnedNumberRecord }
  | { __typename: 'InsufficientBalance'; message: string; balance: string; monthlyCost: string }
  | { __typename: 'CountryRequiresDashboard'; message: string; country: string; label: string }
  | {
      __typename: 'CostLimitExceeded';
      message: string;
      monthlyCost: string | null;
      maxMonthlyCost: string;
    }
  | { __typename: 'PurchaseOutcomeUnknown'; message: string; traceId: string | null }
  | Refusal;

export type CancelOutcome =
  | { __typename: 'NumberCancelled'; msisdn: string; country: string; reconciled: boolean }
  | NotOwned
  | { __typename: 'CancelOutcomeUnknown'; message: string; traceId: string | null }
  | Refusal;

export type UpdateOutcome =
  | { __typename: 'NumberUpdated'; number: OwnedNumberRecord | null; warning: string | null }
  | NotOwned
  | Refusal;

/** A refusal the gateway could not narrow down, in Vonage's own words. */
export function refusal(error: UpstreamError): Refusal {
  const label = error.label ?? `HTTP ${error.status ?? 'error'}`;
  return {
    __typename: 'UpstreamRefusal',
    message: `Vonage refused ${error.operation} ("${label}") for a reason the gateway could not narrow down.`,
    label,
    errorCode: error.errorCode ?? null,
    traceId: error.traceId ?? null,
  };
}

/** The specific refusals, each with what to do about it. */
export const explainRefusal = {
  notAvailable: (msisdn: string) => ({
    __typename: 'NumberNotAvailable' as const,
    message: `${msisdn} is not for sale (any more): search availableNumbers for another.`,
    msisdn,
  }),
  alreadyOwned: (number: OwnedNumberRecord) => ({
    __typename: 'NumberAlreadyOwned' as const,
    message: `The account owns ${number.msisdn} already: nothing was bought.`,
    number,
  }),
  insufficientBalance: (balance: string, monthlyCost: string) => ({
    __typename: 'InsufficientBalance' as const,
    message: `The balance (${balance}) is below the number's monthly cost (${monthlyCost}): top up, then buy again.`,
    balance,
    monthlyCost,
  }),
  dashboard: (country: string, label: string) => ({
    __typename: 'CountryRequiresDashboard' as const,
    message: `Numbers in ${country} need a local address: buy them on the Vonage Dashboard (https://dashboard.nexmo.com/buy-numbers).`,
    country,
    label,
  }),
  costLimit: (monthlyCost: string | null, maxMonthlyCost: string) => ({
    __typename: 'CostLimitExceeded' as const,
    message:
      monthlyCost === null
        ? 'Vonage lists no monthly cost for this number, so maxMonthlyCost cannot be checked: nothing was bought.'
        : `The monthly cost (${monthlyCost}) is above maxMonthlyCost (${maxMonthlyCost}): nothing was bought.`,
    monthlyCost,
    maxMonthlyCost,
  }),
  notOwned: (msisdn: string): NotOwned => ({
    __typename: 'NumberNotOwned',
    message: `The account does not own ${msisdn}: see ownedNumbers.`,
    msisdn,
  }),
};

/** Outcomes of a request whose answer was lost after it was sent. */
export const lostAnswer = {
  purchase: (error: UpstreamError, reread: 'not-listed' | 'unreadable') => ({
    __typename: 'PurchaseOutcomeUnknown' as const,
    message:
      reread === 'not-listed'
        ? "The buy was sent but Vonage's answer was lost, and the account's numbers do not list it: most likely it was not bought. Check ownedNumber before buying again; the gateway never retries a buy."
        : "The buy was sent but Vonage's answer was lost, and the account's numbers could not be read to settle it. Check ownedNumber before buying again; the gateway never retries a buy.",
    traceId: error.traceId ?? null,
  }),
  cancel: (error: UpstreamError) => ({
    __typename: 'CancelOutcomeUnknown' as const,
    message:
      "The cancel was sent but Vonage's answer was lost, and a re-read did not show it took effect. Check ownedNumber before trying again.",
    traceId: error.traceId ?? null,
  }),
};

/** Why an answer is settled by reading, and how long after the request was sent. */
function lostBecause(operation: 'buy' | 'cancel', lost: LostRequest<unknown>) {
  const seconds = Math.max(0, Math.round((Date.now() - lost.sentAt) / 1000));
  const cause =
    lost.cause === 'sender-stopped'
      ? `The gateway that sent this ${operation} stopped before Vonage answered`
      : `Vonage's answer to this ${operation} was lost`;
  return { cause, after: `read ${seconds} s after it was sent` };
}

/**
 * Outcomes of a keyed request settled by reading after its sender stopped or its answer was lost,
 * when the read does not show it took effect. A repeat with the key reads again; it never sends.
 */
export const unsettled = {
  purchase: (
    lost: LostRequest<unknown>,
    reread: 'not-listed' | 'unreadable',
    msisdn: string,
    traceId: string | null,
  ) => {
    const { cause, after } = lostBecause('buy', lost);
    return {
      __typename: 'PurchaseOutcomeUnknown' as const,
      message:
        reread === 'not-listed'
          ? `${cause}; the account's numbers, ${after}, do not list ${msisdn}: the buy did not take, as far as Vonage lists it. This key never buys again (a repeat reads the numbers again); to buy the number, check ownedNumber, then use a new idempotency key.`
          : `${cause}, and the account's numbers could not be read to settle it. Repeat with this key to read them again (it never buys again); check ownedNumber before buying with a new key.`,
      traceId,
    };
  },
  cancel: (
    lost: LostRequest<unknown>,
    reread: 'still-owned' | 'unreadable',
    msisdn: string,
    traceId: string | null,
  ) => {
    const { cause, after } = lostBecause('cancel', lost);
    return {
      __typename: 'CancelOutcomeUnknown' as const,
      message:
        reread === 'still-owned'
          ? `${cause}; the account's numbers, ${after}, still list ${msisdn}: the cancel did not take, as far as Vonage lists it. This key never cancels again (a repeat reads the numbers again); to cancel, use a new idempotency key.`
          : `${cause}, and the account's numbers could not be read to settle it. Repeat with this key to read them again (it never cancels again).`,
      traceId,
    };
  },
};
