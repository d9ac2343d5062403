import { compareDecimal } from '../base/decimal';
import { type Logger } from '../base/logger';
import { type UpstreamError } from '../upstream/errors';
import { type NumberTarget } from './numbers.client';
import { type AvailableNumberRecord, type OwnedNumberRecord } from './numbers.records';
import { type LostRequest } from '../coordination/idempotency';
import {
  type BuyOutcome,
  explainRefusal,
  lostAnswer,
  refusal,
  unsettled,
} from './numbers.outcomes';

/** What the service needs of the Account domain: the balance, to explain a refused buy. */
export interface BalanceSource {
  getBalance(): Promise<{ value: string }>;
  /** A buy or a cancel moved money: the next balance read asks Vonage. */
  retireBalance(): Promise<void>;
}

/** The reads a buy's investigation makes, given by the service that owns the caches. */
export interface BuyReads {
  /** The number, read fresh among the account's (or sub-account `account`'s); null when not owned. */
  owned(msisdn: string, account?: string): Promise<OwnedNumberRecord | null>;
  /** The number as the search endpoint offers it (fresh, or from the short cache). */
  offer(target: NumberTarget, fresh: boolean): Promise<AvailableNumberRecord | null>;
  balance: BalanceSource;
  logger: Logger;
}

/**
 * What is read around a buy, because Vonage says little: whether the offer is within
 * maxMonthlyCost before buying, why a 420 "method failed" refused it, whether a buy whose answer
 * was lost took effect, and the number as bought. Never buys, never retries one.
 */
export class BuyReadBack {
  constructor(private readonly reads: BuyReads) {}

  /** maxMonthlyCost is checked against the search data before anything is bought. */
  async checkCost(target: NumberTarget, max: string): Promise<BuyOutcome | undefined> {
    const offer = await this.reads.offer(target, false);
    if (!offer) {
      const owned = await this.reads.owned(target.msisdn, target.targetApiKey);
      return owned
        ? explainRefusal.alreadyOwned(owned)
        : explainRefusal.notAvailable(target.msisdn);
    }
    if (offer.monthlyCost === null || compareDecimal(offer.monthlyCost, max) > 0) {
      return explainRefusal.costLimit(offer.monthlyCost, max);
    }
    return undefined;
  }

  /** Vonage's 420 says only "method failed": read why before answering. */
  async explain(target: NumberTarget, error: UpstreamError): Promise<BuyOutcome> {
    const label = error.label ?? 'method failed';
    if (/dashboard/i.test(label)) return explainRefusal.dashboard(target.country, label);
    try {
      const owned = await this.reads.owned(target.msisdn, target.targetApiKey);
      if (owned) return explainRefusal.alreadyOwned(owned);
      const offer = await this.reads.offer(target, true);
      if (!offer) return explainRefusal.notAvailable(target.msisdn);
      if (offer.monthlyCost !== null) {
        const { value } = await this.reads.balance.getBalance();
        if (compareDecimal(value, offer.monthlyCost) < 0) {
          return explainRefusal.insufficientBalance(value, offer.monthlyCost);
        }
      }
    } catch (readError) {
      this.reads.logger.warn({ err: readError }, 'could not read why Vonage refused a buy');
    }
    return refusal(error);
  }

  /** The answer was lost after sending: the account's numbers say whether the buy took effect. */
  async reconcile(target: NumberTarget, error: UpstreamError): Promise<BuyOutcome> {
    try {
      const owned = await this.reads.owned(target.msisdn, target.targetApiKey);
      if (owned) return this.purchased(target, true, owned);
      return lostAnswer.purchase(error, 'not-listed');
    } catch (readError) {
      this.reads.logger.warn({ err: readError }, 'could not reconcile a buy whose answer was lost');
      return lostAnswer.purchase(error, 'unreadable');
    }
  }

  /**
   * A keyed buy whose sender stopped, or whose outcome was unknown: the account's numbers say
   * whether it took effect. Reads only; the caller never sends the buy again.
   */
  async settle(target: NumberTarget, lost: LostRequest<BuyOutcome>): Promise<BuyOutcome> {
    const { previous } = lost;
    const traceId = previous?.__typename === 'PurchaseOutcomeUnknown' ? previous.traceId : null;
    const unknown = (reread: 'not-listed' | 'unreadable') =>
      unsettled.purchase(lost, reread, target.msisdn, traceId);
    try {
      const owned = await this.reads.owned(target.msisdn, target.targetApiKey);
      return owned ? this.purchased(target, true, owned) : unknown('not-listed');
    } catch (readError) {
      this.reads.logger.warn({ err: readError }, 'could not settle a buy whose answer was lost');
      return unknown('unreadable');
    }
  }

  /** Vonage accepted the buy: that is the answer, whatever the read after it does. */
  async purchased(
    target: NumberTarget,
    reconciled: boolean,
    known?: OwnedNumberRecord,
  ): Promise<BuyOutcome> {
    const base = { __typename: 'NumberPurchased' as const, reconciled };
    try {
      // A sub-account's number is read back through that account (its key, this secret).
      const number = known ?? (await this.reads.owned(target.msisdn, target.targetApiKey));
      const warning = number ? null : 'Vonage accepted the buy; the number is not listed yet.';
      return { ...base, number, warning };
    } catch (error) {
      this.reads.logger.warn({ err: error }, 'number bought, but the re-read failed');
      const warning =
        'Vonage accepted the buy, but reading the number back failed: query ownedNumber later. Do not buy it again.';
      return { ...base, number: null, warning };
    }
  }
}
