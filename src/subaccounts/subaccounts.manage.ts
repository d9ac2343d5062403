import { type Logger } from '../base/logger';
import { type IdempotencyStore, type SendGuard, UNGUARDED } from '../coordination/idempotency';
import { type NumbersService, type OwnedNumberRecord } from '../numbers';
import { UpstreamError } from '../upstream/errors';
import {
  type NewSubaccount,
  type NumberMove,
  type SubaccountChange,
  type SubaccountsClient,
} from './subaccounts.client';
import { type SubaccountView, notProvisioned, problemType, view } from './subaccounts.outcomes';

/** A created sub-account made before its send is still its own (clocks differ by this much). */
const CLOCK_SKEW_MS = 60_000;

const SHOWN_ONCE =
  'The secret is shown to the first answer only, never stored nor replayed: if it was lost, create another with createApiSecret.';

export type CreateOutcome =
  | {
      __typename: 'SubaccountCreated';
      subaccount: SubaccountView;
      /** The new secret: in the first answer only, never stored, logged nor replayed. */
      secret: string | null;
      reconciled: boolean;
      warning: string | null;
    }
  | { __typename: 'SubaccountsNotProvisioned'; message: string; traceId: string | null }
  | ({ __typename: 'SubaccountRejected' } & Rejection)
  | { __typename: 'SubaccountOutcomeUnknown'; message: string; traceId: string | null };

export type UpdateOutcome =
  | { __typename: 'SubaccountUpdated'; subaccount: SubaccountView }
  | { __typename: 'SubaccountNotFound'; apiKey: string; message: string }
  | { __typename: 'SubaccountsNotProvisioned'; message: string; traceId: string | null }
  | ({ __typename: 'SubaccountRejected' } & Rejection);

export type NumberTransferOutcome =
  | {
      __typename: 'NumberTransferred';
      msisdn: string;
      country: string;
      from: string;
      to: string;
      reconciled: boolean;
      /** The number as its new account lists it; null when that read failed (see warning). */
      number: OwnedNumberRecord | null;
      warning: string | null;
    }
  | {
      __typename: 'NumberTransferRefused';
      reason: 'NOT_OWNED' | 'NOT_FOUND' | 'ALREADY_OWNED' | 'INVALID';
      message: string;
      parameter: string | null;
      traceId: string | null;
    }
  | { __typename: 'SubaccountsNotProvisioned'; message: string; traceId: string | null }
  | { __typename: 'NumberTransferOutcomeUnknown'; message: string; traceId: string | null };

interface Rejection {
  message: string;
  label: string;
  parameter: string | null;
  traceId: string | null;
}

function rejection(error: UpstreamError, what: string): Rejection {
  const parameter = error.invalidParameters?.[0]?.name || null;
  const reason = error.invalidParameters?.[0]?.reason;
  const label = error.label ?? `${what} refused`;
  return {
    message: parameter
      ? `Vonage refused the ${what}: ${parameter} ${reason ?? 'is invalid'}.`
      : `Vonage refused the ${what} ("${label}").`,
    label,
    parameter,
    traceId: error.traceId ?? null,
  };
}

/** The reads and retirements a change needs of the rest of the domain and of Numbers. */
export interface ManagementDeps {
  client: SubaccountsClient;
  idempotency: IdempotencyStore;
  numbers: Pick<NumbersService, 'readOwned' | 'retire'>;
  /** The list read fresh (retired first). */
  accounts(): Promise<SubaccountView[]>;
  retireList(): Promise<void>;
  logger: Logger;
  primaryKey: string;
}

/**
 * Creating, changing and moving numbers between sub-accounts. None is retried. A create or a
 * number transfer takes an idempotency key, and a lost answer is looked for (the new account in
 * the list, the number in its new account's numbers) before it is called unknown.
 */
export class SubaccountManagement {
  constructor(private readonly deps: ManagementDeps) {}

  create(account: NewSubaccount, idempotencyKey?: string): Promise<CreateOutcome> {
    if (!idempotencyKey) return this.createOnce(account, UNGUARDED);
    return this.deps.idempotency.run({
      scope: 'createSubaccount',
      key: idempotencyKey,
      // The secret is not part of what is stored: only whether one was given.
      args: { ...account, secret: account.secret !== undefined },
      execute: (guard) => this.createOnce(account, guard),
      settle: (lost) => this.findCreated(account, lost.sentAt, null),
      isSettled: (outcome) => outcome.__typename !== 'SubaccountOutcomeUnknown',
      kept: (outcome) =>
        outcome.__typename === 'SubaccountCreated' && outcome.secret !== null
          ? { ...outcome, secret: null, warning: SHOWN_ONCE }
          : outcome,
    });
  }

  private async createOnce(account: NewSubaccount, guard: SendGuard): Promise<CreateOutcome> {
    await guard.sending();
    const sentAt = Date.now();
    try {
      const { record, secret } = await this.deps.client.create(account);
      await this.deps.retireList();
      const subaccount = view(record, this.deps.primaryKey);
      return {
        __typename: 'SubaccountCreated',
        subaccount,
        secret,
        reconciled: false,
        warning: null,
      };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.outcome === 'unknown')
        return this.findCreated(account, sentAt, error.traceId ?? null);
      if (error.kind !== 'rejected') throw error;
      if (problemType(error).endsWith('#unprovisioned')) return notProvisioned(error);
      return { __typename: 'SubaccountRejected', ...rejection(error, 'new sub-account') };
    }
  }

  /** The new account in the list: one of its name, made since the send. */
  private async findCreated(
    account: NewSubaccount,
    sentAt: number,
    traceId: string | null,
  ): Promise<CreateOutcome> {
    const unknown = (why: string): CreateOutcome => ({
      __typename: 'SubaccountOutcomeUnknown',
      message: `The sub-account was sent but Vonage's answer was lost, and ${why}: it may have been made. Read subaccounts before trying again; this key never sends it again.`,
      traceId,
    });
    try {
      await this.deps.retireList();
      const made = (await this.deps.accounts()).filter(
        (item) =>
          !item.isPrimary &&
          item.name === account.name &&
          Date.parse(item.createdAt) >= sentAt - CLOCK_SKEW_MS,
      );
      if (made.length !== 1)
        return unknown(made.length ? 'several match it' : 'the list does not show it');
      const warning = `Found in the sub-accounts list after Vonage's answer was lost. ${SHOWN_ONCE}`;
      return {
        __typename: 'SubaccountCreated',
        subaccount: made[0],
        secret: null,
        reconciled: true,
        warning,
      };
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not find a sub-account whose answer was lost');
      return unknown('the list could not be read');
    }
  }

  /** A PATCH sets values: a lost answer is read back, and a repeat is harmless. */
  async update(apiKey: string, change: SubaccountChange): Promise<UpdateOutcome> {
    try {
      const record = await this.deps.client.modify(apiKey, change);
      await this.deps.retireList();
      return { __typename: 'SubaccountUpdated', subaccount: view(record, this.deps.primaryKey) };
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.kind !== 'rejected') throw error;
      if (problemType(error).endsWith('#unprovisioned')) return notProvisioned(error);
      if (error.status === 404) {
        return {
          __typename: 'SubaccountNotFound',
          apiKey,
          message: `${apiKey} is not one of this account's sub-accounts.`,
        };
      }
      return { __typename: 'SubaccountRejected', ...rejection(error, 'change') };
    }
  }

  transferNumber(move: NumberMove, idempotencyKey?: string): Promise<NumberTransferOutcome> {
    if (!idempotencyKey) return this.moveOnce(move, UNGUARDED);
    return this.deps.idempotency.run({
      scope: 'transferNumber',
      key: idempotencyKey,
      args: move,
      execute: (guard) => this.moveOnce(move, guard),
      settle: (lost) => this.findMoved(move, null, lost.previous !== undefined),
      isSettled: (outcome) => outcome.__typename !== 'NumberTransferOutcomeUnknown',
    });
  }

  private async moveOnce(move: NumberMove, guard: SendGuard): Promise<NumberTransferOutcome> {
    await guard.sending();
    try {
      await this.deps.client.transferNumber(move);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.outcome === 'unknown') {
        await this.deps.numbers.retire();
        return this.findMoved(move, error.traceId ?? null, false);
      }
      if (error.kind !== 'rejected') throw error;
      return this.numberRefusal(error);
    }
    await this.deps.numbers.retire();
    return this.moved(move, false);
  }

  private numberRefusal(error: UpstreamError): NumberTransferOutcome {
    const type = problemType(error);
    if (type.endsWith('#unprovisioned')) return notProvisioned(error);
    const reason = type.endsWith('#invalid-number-transfer')
      ? 'NOT_OWNED'
      : type.endsWith('#missing-number-transfer')
        ? 'NOT_FOUND'
        : type.endsWith('#transfer-conflict')
          ? 'ALREADY_OWNED'
          : 'INVALID';
    const { message, parameter, traceId } = rejection(error, 'number transfer');
    return { __typename: 'NumberTransferRefused', reason, message, parameter, traceId };
  }

  /** Vonage moved it: the answer, with the number read back through its new account. */
  private async moved(move: NumberMove, reconciled: boolean): Promise<NumberTransferOutcome> {
    const base = { __typename: 'NumberTransferred' as const, ...move, reconciled };
    try {
      const number = await this.readIn(move);
      const warning = number
        ? null
        : 'Vonage moved the number; its new account does not list it yet.';
      return { ...base, number, warning };
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'number moved, but the read back failed');
      const warning =
        'Vonage moved the number, but reading it back failed. Do not transfer it again.';
      return { ...base, number: null, warning };
    }
  }

  /** A lost answer: the number listed in its new account says the move was made. */
  private async findMoved(
    move: NumberMove,
    traceId: string | null,
    again: boolean,
  ): Promise<NumberTransferOutcome> {
    try {
      if (await this.readIn(move)) return this.moved(move, true);
    } catch (error) {
      this.deps.logger.warn(
        { err: error },
        'could not read whether a lost number transfer was made',
      );
    }
    return {
      __typename: 'NumberTransferOutcomeUnknown',
      message: `The number transfer was sent but Vonage's answer was lost, and ${move.to} does not list it${again ? ' yet' : ''}: it may still move. Read the account's numbers before trying again; this key never sends it again.`,
      traceId,
    };
  }

  private readIn(move: NumberMove): Promise<OwnedNumberRecord | null> {
    const account = move.to === this.deps.primaryKey ? undefined : move.to;
    return this.deps.numbers.readOwned(move.msisdn, account);
  }
}
