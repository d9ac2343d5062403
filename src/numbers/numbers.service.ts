import { type CallScope } from '../base/call-scope';
import {
  fingerprintOf,
  type IdempotencyStore,
  type SendGuard,
  UNGUARDED,
} from '../coordination/idempotency';
import { type ReadThrough, type Served } from '../cache/read-through';
import { type Logger } from '../base/logger';
import { UpstreamError } from '../upstream/errors';
import {
  type NumberChange,
  type NumbersClient,
  type NumberTarget,
  type OwnedFilter,
  type Paging,
  type SearchFilter,
} from './numbers.client';
import { type AvailableNumberRecord, type OwnedNumberRecord, type Page } from './numbers.records';
import { type BalanceSource, BuyReadBack } from './numbers.buy';
import { CancelReadBack } from './numbers.cancel';
import {
  type BuyOutcome,
  type CancelOutcome,
  type UpdateOutcome,
  explainRefusal,
  refusal,
} from './numbers.outcomes';

/** Keys of cached lists carry this family's generation: buy, cancel and update retire them all. */
const FAMILY = 'numbers';
const LOOKUP: Paging = { page: 1, pageSize: 100 };

export { type Served } from '../cache/read-through';

/** The number of a page that is `msisdn` (a pattern lookup may list longer ones), or null. */
const findOwned = (page: Page<OwnedNumberRecord>, msisdn: string) =>
  page.numbers.find((number) => number.msisdn === msisdn) ?? null;

export interface BuyRequest extends NumberTarget {
  maxMonthlyCost?: string;
}

/**
 * The Numbers domain. Lists and searches are cached briefly (`ReadThrough`) and retired by any
 * change. Buy and cancel spend money: they are never retried, their outcome is read back from
 * the account's numbers when Vonage's answer is lost, and a refusal is explained by reading
 * why (owned already, not in the pool, balance below the cost, a dashboard-only country).
 */
export class NumbersService {
  constructor(
    private readonly client: NumbersClient,
    private readonly cache: ReadThrough,
    private readonly balance: BalanceSource,
    private readonly idempotency: IdempotencyStore,
    private readonly logger: Logger,
  ) {
    this.buys = new BuyReadBack({
      owned: (msisdn, account) => this.readOwned(msisdn, account),
      offer: (target, fresh) => this.offer(target, fresh),
      balance,
      logger,
    });
    this.cancels = new CancelReadBack({
      owned: (msisdn, account) => this.readOwned(msisdn, account),
      logger,
    });
  }

  /** What is read around a buy: its cost limit, why it was refused, whether a lost one took. */
  private readonly buys: BuyReadBack;
  /** What is read after a cancel whose answer was lost. */
  private readonly cancels: CancelReadBack;

  // Each read for a request is served as the cache holds it (with when it was read): the
  // request's loaders record how long it may be reused. `scope` says whom the upstream call is
  // for (src/base/call-scope.ts).

  /** A page of the account's numbers. */
  owned(
    filter: OwnedFilter,
    paging: Paging,
    scope: CallScope = {},
  ): Promise<Served<Page<OwnedNumberRecord>>> {
    return this.cached(
      'owned',
      { filter, paging },
      (shared) => this.client.listOwned(filter, paging, shared),
      scope,
    );
  }

  /** A page of the numbers for sale. */
  search(
    filter: SearchFilter,
    paging: Paging,
    scope: CallScope = {},
  ): Promise<Served<Page<AvailableNumberRecord>>> {
    return this.cached(
      'search',
      { filter, paging },
      (shared) => this.client.search(filter, paging, shared),
      scope,
    );
  }

  /** Until when an answer may be reused by a router or a caller: the end of its TTL. */
  freshUntil(served: Pick<Served<unknown>, 'storedAt'>): number {
    return this.cache.freshUntil(served);
  }

  /** One owned number, in one call (a pattern lookup, not a walk of every page). */
  async ownedNumber(
    msisdn: string,
    scope: CallScope = {},
  ): Promise<Served<OwnedNumberRecord | null>> {
    const page = await this.owned({ pattern: msisdn }, LOOKUP, scope);
    return { ...page, value: findOwned(page.value, msisdn) };
  }

  /**
   * Every owned number: pages of 100 until the count is reached or a page comes back empty;
   * served as old as the oldest of them.
   */
  async allOwned(scope: CallScope = {}): Promise<Served<OwnedNumberRecord[]>> {
    const all: OwnedNumberRecord[] = [];
    let storedAt = Number.POSITIVE_INFINITY;
    let stale = false;
    for (let page = 1; ; page++) {
      const paging = { page, pageSize: 100 };
      const served = await this.owned({}, paging, scope);
      storedAt = Math.min(storedAt, served.storedAt);
      stale ||= served.stale;
      const { count, numbers } = served.value;
      all.push(...numbers);
      if (numbers.length === 0 || all.length >= count) return { value: all, storedAt, stale };
    }
  }

  /**
   * With a key: a buy whose sender stopped, or whose outcome was unknown, is settled by the next
   * call with the key by reading the account's numbers; it is never sent twice.
   */
  buy(request: BuyRequest, idempotencyKey?: string): Promise<BuyOutcome> {
    if (!idempotencyKey) return this.buyOnce(request, UNGUARDED);
    const { maxMonthlyCost: _, ...target } = request;
    return this.idempotency.run({
      scope: 'buyNumber',
      key: idempotencyKey,
      args: request,
      execute: (guard) => this.buyOnce(request, guard),
      // It may have taken effect: cached lists and the balance are retired first.
      settle: async (lost) => {
        await this.retire();
        return this.buys.settle(target, lost);
      },
      isSettled: (outcome) => outcome.__typename !== 'PurchaseOutcomeUnknown',
    });
  }

  cancel(target: NumberTarget, idempotencyKey?: string): Promise<CancelOutcome> {
    if (!idempotencyKey) return this.cancelOnce(target, UNGUARDED);
    return this.idempotency.run({
      scope: 'cancelNumber',
      key: idempotencyKey,
      args: target,
      execute: (guard) => this.cancelOnce(target, guard),
      settle: async (lost) => {
        await this.retire();
        return this.cancels.settle(target, lost);
      },
      isSettled: (outcome) => outcome.__typename !== 'CancelOutcomeUnknown',
    });
  }

  async update(change: NumberChange): Promise<UpdateOutcome> {
    try {
      await this.client.update(change);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.kind !== 'rejected') throw error;
      await this.retire();
      return (await this.notOwned(change)) ?? refusal(error);
    }
    await this.retire();
    try {
      const number = await this.readOwned(change.msisdn);
      const unsaved =
        change.moHttpUrl !== undefined && (number?.moHttpUrl ?? '') !== change.moHttpUrl;
      return {
        __typename: 'NumberUpdated',
        number,
        warning: unsaved
          ? 'Vonage did not save moHttpUrl: the URL must be reachable and answer 200 to a GET.'
          : null,
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'number updated, but the re-read failed');
      return {
        __typename: 'NumberUpdated',
        number: null,
        warning: 'Vonage accepted the change, but reading the number back failed.',
      };
    }
  }

  private async buyOnce(request: BuyRequest, guard: SendGuard): Promise<BuyOutcome> {
    const { maxMonthlyCost, ...target } = request;
    if (maxMonthlyCost !== undefined) {
      const checked = await this.buys.checkCost(target, maxMonthlyCost);
      if (checked) return checked;
    }
    await guard.sending();
    try {
      await this.client.buy(target);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      await this.retire();
      if (error.kind === 'rejected') return this.buys.explain(target, error);
      if (error.outcome === 'unknown') return this.buys.reconcile(target, error);
      throw error;
    }
    await this.retire();
    return this.buys.purchased(target, false);
  }

  private async cancelOnce(target: NumberTarget, guard: SendGuard): Promise<CancelOutcome> {
    await guard.sending();
    try {
      await this.client.cancel(target);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      await this.retire();
      if (error.kind === 'rejected') return (await this.notOwned(target)) ?? refusal(error);
      if (error.outcome !== 'unknown') throw error;
      return this.cancels.reconcile(target, error);
    }
    await this.retire();
    return this.cancels.cancelled(target, false);
  }

  /** NumberNotOwned when a fresh read says so; undefined when it is owned or cannot be told. */
  private async notOwned(target: NumberChange & { targetApiKey?: string }) {
    try {
      if (await this.readOwned(target.msisdn, target.targetApiKey)) return undefined;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read whether the number is owned');
      return undefined;
    }
    return explainRefusal.notOwned(target.msisdn);
  }

  /**
   * The number read fresh from Vonage (around a change) among this account's, or a
   * sub-account's (`account`); null when not owned.
   */
  async readOwned(msisdn: string, account?: string): Promise<OwnedNumberRecord | null> {
    return findOwned(await this.client.listOwned({ pattern: msisdn, account }, LOOKUP), msisdn);
  }

  /** The number as the search endpoint offers it, or null when it is not for sale. */
  private async offer(target: NumberTarget, fresh: boolean) {
    const filter = { country: target.country, pattern: target.msisdn };
    const page = fresh
      ? await this.client.search(filter, LOOKUP)
      : (await this.search(filter, LOOKUP)).value;
    return page.numbers.find((number) => number.msisdn === target.msisdn) ?? null;
  }

  private async cached<T>(
    kind: string,
    args: unknown,
    load: (scope: CallScope) => Promise<T>,
    scope: CallScope,
  ): Promise<Served<T>> {
    const generation = await this.cache.generation(FAMILY);
    const key = `numbers:${kind}:${generation}:${fingerprintOf(args)}`;
    return this.cache.read(key, async (shared) => ({ value: await load(shared) }), scope);
  }

  /** Numbers moved (bought, cancelled, or transferred between accounts): lists are read again. */
  async retire(): Promise<void> {
    await Promise.all([this.cache.bump(FAMILY), this.balance.retireBalance()]);
  }
}
