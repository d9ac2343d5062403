import { subtractDecimal } from '../base/decimal';
import { type UpstreamError } from '../upstream/errors';
import {
  type SubaccountRecord,
  type TransferKind,
  type TransferRecord,
} from './subaccounts.client';

/** A sub-account as the schema shows it: plain data, so that a stored answer replays it. */
export interface SubaccountView extends SubaccountRecord {
  isPrimary: boolean;
  availableForTransfer: string | null;
}

export interface TransferView extends TransferRecord {
  kind: TransferKind;
}

/** What a transfer came to: plain data, so that an idempotency store can replay it. */
export type TransferOutcome =
  | {
      __typename: 'TransferCompleted';
      transfer: TransferView;
      /** True when it was found in the transfers list after Vonage's answer was lost. */
      reconciled: boolean;
      /** The two accounts read again after it; empty when that read failed (see warning). */
      accounts: SubaccountView[];
      warning: string | null;
    }
  | { __typename: 'SubaccountsNotProvisioned'; message: string; traceId: string | null }
  | {
      __typename: 'InsufficientFundsForTransfer';
      kind: TransferKind;
      message: string;
      requested: string;
      /** What the source could transfer, read after the refusal; null when unreadable. */
      available: string | null;
      traceId: string | null;
    }
  | { __typename: 'SubaccountSuspended'; message: string; traceId: string | null }
  | {
      __typename: 'TransferRejected';
      message: string;
      label: string;
      /** The request parameter Vonage named (`amount`, `to`…), when it named one. */
      parameter: string | null;
      traceId: string | null;
    }
  | { __typename: 'TransferOutcomeUnknown'; message: string; traceId: string | null };

export function view(record: SubaccountRecord, primaryKey: string): SubaccountView {
  const own = record.balance !== null && record.creditLimit !== null;
  const difference = own ? subtractDecimal(record.balance!, record.creditLimit!) : null;
  return {
    ...record,
    isPrimary: record.apiKey === primaryKey,
    // Vonage's rule: |balance − credit_limit| of the source account.
    availableForTransfer: difference === null ? null : difference.replace(/^-/, ''),
  };
}

/** The problem's `type` (RFC 7807), which tells Vonage's refusals apart. */
export const problemType = (error: UpstreamError) => error.errorCode ?? '';

export function notProvisioned(error: UpstreamError) {
  return {
    __typename: 'SubaccountsNotProvisioned' as const,
    message:
      'This Vonage account is not provisioned for the Subaccounts API: ask Vonage support to enable it.',
    traceId: error.traceId ?? null,
  };
}

/** A refusal Vonage answered, told apart by its problem type and words. */
export function refusalOf(
  kind: TransferKind,
  amount: string,
  error: UpstreamError,
  available: string | null,
): TransferOutcome {
  const traceId = error.traceId ?? null;
  const label = error.label ?? 'transfer refused';
  if (problemType(error).endsWith('#unprovisioned')) return notProvisioned(error);
  if (/insufficient/i.test(label)) {
    const rule =
      kind === 'balance'
        ? 'An account can transfer |balance − creditLimit| at most (its balance, plus how far below zero its credit limit lets it go).'
        : 'An account can transfer the credit it has not used.';
    return {
      __typename: 'InsufficientFundsForTransfer',
      kind,
      message: `Vonage refused the ${kind} transfer of ${amount}: not enough available (${label}). ${rule}`,
      requested: amount,
      available,
      traceId,
    };
  }
  if (/suspended/i.test(label)) {
    return {
      __typename: 'SubaccountSuspended',
      message: `Vonage refused the transfer: a suspended sub-account takes part in none (${label}). Reactivate it with updateSubaccount first.`,
      traceId,
    };
  }
  const parameter = error.invalidParameters?.[0]?.name || null;
  const reason = error.invalidParameters?.[0]?.reason;
  return {
    __typename: 'TransferRejected',
    message: parameter
      ? `Vonage refused the transfer: ${parameter} ${reason ?? 'is invalid'}.`
      : `Vonage refused the transfer ("${label}").`,
    label,
    parameter,
    traceId,
  };
}

export function unknownOutcome(traceId: string | null, why: string): TransferOutcome {
  return {
    __typename: 'TransferOutcomeUnknown',
    message: `The transfer was sent but Vonage's answer was lost, and ${why}: it may still have been made. Read balanceTransfers or creditTransfers before trying again; the gateway never sends it again.`,
    traceId,
  };
}
