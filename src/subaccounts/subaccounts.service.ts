import { createHash, randomBytes } from 'node:crypto';
import { type CallScope } from '../base/call-scope';
import { compareDecimal } from '../base/decimal';
import { type Logger } from '../base/logger';
import { type ReadThrough } from '../cache/read-through';
import { type IdempotencyStore, type SendGuard, UNGUARDED } from '../coordination/idempotency';
import { UpstreamError } from '../upstream/errors';
import {
  type SubaccountsClient,
  type TransferKind,
  type TransferQuery,
  type TransferRecord,
  type TransferRequest,
} from './subaccounts.client';
import {
  type SubaccountView,
  type TransferOutcome,
  type TransferView,
  refusalOf,
  unknownOutcome,
  view,
} from './subaccounts.outcomes';
import { type ManagementDeps, SubaccountManagement } from './subaccounts.manage';

/** Keys of the cached list carry this family's generation: a transfer retires it. */
const LIST = 'subaccounts';

/** A transfer made this long before its send is still its own (clocks differ by this much). */
const CLOCK_SKEW_MS = 60_000;

/** What the service needs of the Account domain: a transfer moves the primary's balance. */
export interface BalanceRetirer {
  retireBalance(): Promise<void>;
}

/** A transfer, with the reference it is sent under (the gateway's when the caller gave none). */
export interface TransferOrder extends TransferRequest {
  kind: TransferKind;
}

/**
 * The Subaccounts domain: the primary account and its sub-accounts (read as one list, coalesced
 * and kept `SUBACCOUNTS_TTL_MS`), the transfers between them, and transfers of balance and
 * credit, which move money: never retried, one per idempotency key, and a lost answer looked for
 * in the transfers list by its reference before it is called unknown.
 */
export class SubaccountsService {
  /** Creating and changing sub-accounts, and moving numbers between them. */
  readonly manage: SubaccountManagement;

  constructor(
    private readonly client: SubaccountsClient,
    private readonly lists: ReadThrough,
    private readonly idempotency: IdempotencyStore,
    private readonly balance: BalanceRetirer,
    numbers: ManagementDeps['numbers'],
    private readonly logger: Logger,
    readonly primaryKey: string,
  ) {
    this.manage = new SubaccountManagement({
      client,
      idempotency,
      numbers,
      accounts: () => this.accounts(),
      retireList: () => this.lists.bump(LIST),
      logger,
      primaryKey,
    });
  }

  /** The primary account first, then its sub-accounts. */
  async accounts(scope: CallScope = {}): Promise<SubaccountView[]> {
    const generation = await this.lists.generation(LIST);
    const served = await this.lists.read(
      `subaccounts:list:${generation}`,
      async (shared) => ({ value: await this.client.list(shared) }),
      scope,
    );
    const { primary, subaccounts } = served.value;
    return [primary, ...subaccounts].map((record) => view(record, this.primaryKey));
  }

  async transfers(kind: TransferKind, query: TransferQuery, scope: CallScope = {}) {
    const records = await this.client.transfers(kind, query, scope);
    return records.map((record): TransferView => ({ ...record, kind }));
  }

  /** The reference a transfer goes under: the caller's, or one the key always gives the same. */
  referenceFor(given: string | null | undefined, idempotencyKey?: string): string {
    if (given) return given;
    const seed = idempotencyKey
      ? createHash('sha256').update(idempotencyKey).digest('hex')
      : randomBytes(8).toString('hex');
    return `gateway-${seed.slice(0, 16)}`;
  }

  transfer(order: TransferOrder, idempotencyKey?: string): Promise<TransferOutcome> {
    if (!idempotencyKey) return this.transferOnce(order, UNGUARDED);
    return this.idempotency.run({
      scope: `${order.kind}Transfer`,
      key: idempotencyKey,
      args: order,
      execute: (guard) => this.transferOnce(order, guard),
      settle: async (lost) => {
        await this.retire();
        return this.reconcile(order, lost.sentAt, null);
      },
      isSettled: (outcome) => outcome.__typename !== 'TransferOutcomeUnknown',
    });
  }

  private async transferOnce(order: TransferOrder, guard: SendGuard): Promise<TransferOutcome> {
    const { kind, ...request } = order;
    await guard.sending();
    const sentAt = Date.now();
    let record: TransferRecord;
    try {
      record = await this.client.transfer(kind, request);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.outcome === 'unknown') {
        await this.retire();
        return this.reconcile(order, sentAt, error.traceId ?? null);
      }
      if (error.kind !== 'rejected') throw error;
      return refusalOf(kind, order.amount, error, await this.available(order.from));
    }
    await this.retire();
    return this.completed({ ...record, kind }, false);
  }

  /** Vonage accepted it: that is the answer, whatever the read after it does. */
  private async completed(transfer: TransferView, reconciled: boolean): Promise<TransferOutcome> {
    try {
      const parties = new Set([transfer.from, transfer.to]);
      const accounts = (await this.accounts()).filter((account) => parties.has(account.apiKey));
      return { __typename: 'TransferCompleted', transfer, reconciled, accounts, warning: null };
    } catch (error) {
      this.logger.warn({ err: error }, 'transfer made, but the accounts re-read failed');
      const warning =
        'Vonage made the transfer, but reading the accounts again failed: query subaccounts later. Do not transfer again.';
      return { __typename: 'TransferCompleted', transfer, reconciled, accounts: [], warning };
    }
  }

  /**
   * A transfer whose answer was lost: the transfers list says whether it was made, found by its
   * parties, amount and reference, made no earlier than its send (less clock skew). One match is
   * the answer; none or several leave it unknown.
   */
  private async reconcile(
    order: TransferOrder,
    sentAt: number,
    traceId: string | null,
  ): Promise<TransferOutcome> {
    const sub = order.from === this.primaryKey ? order.to : order.from;
    try {
      const since = new Date(sentAt - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const listed = await this.transfers(order.kind, { start: since, subaccounts: [sub] });
      const matches = listed.filter(
        (transfer) =>
          transfer.from === order.from &&
          transfer.to === order.to &&
          transfer.reference === order.reference &&
          compareDecimal(transfer.amount, order.amount) === 0,
      );
      if (matches.length === 1) return this.completed(matches[0], true);
      const why =
        matches.length === 0 ? 'the transfers list does not show it' : 'several transfers match it';
      return unknownOutcome(traceId, why);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reconcile a transfer whose answer was lost');
      return unknownOutcome(traceId, 'the transfers list could not be read');
    }
  }

  /** What `apiKey` can transfer, to explain a refusal; null when it cannot be read. */
  private async available(apiKey: string): Promise<string | null> {
    try {
      await this.lists.bump(LIST);
      const account = (await this.accounts()).find((item) => item.apiKey === apiKey);
      return account?.availableForTransfer ?? null;
    } catch {
      return null;
    }
  }

  /** Money moved: the next reads of the list and of the balance ask Vonage. */
  private async retire(): Promise<void> {
    await Promise.all([this.lists.bump(LIST), this.balance.retireBalance()]);
  }
}
