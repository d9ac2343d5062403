import { type LostRequest } from '../coordination/idempotency';
import { type UpstreamError } from '../upstream/errors';
import { type Logger } from '../base/logger';
import { type NumberTarget } from './numbers.client';
import { type OwnedNumberRecord } from './numbers.records';
import { type CancelOutcome, lostAnswer, unsettled } from './numbers.outcomes';

/** The read a cancel's investigation makes, given by the service that owns the caches. */
export interface CancelReads {
  /** The number, read fresh among the account's (or sub-account `account`'s); null when not owned. */
  owned(msisdn: string, account?: string): Promise<OwnedNumberRecord | null>;
  logger: Logger;
}

/**
 * What is read after a cancel whose answer was lost, because Vonage returns no record: whether
 * the account still lists the number. Never cancels, never retries one.
 */
export class CancelReadBack {
  constructor(private readonly reads: CancelReads) {}

  cancelled(target: NumberTarget, reconciled: boolean): CancelOutcome {
    const { msisdn, country } = target;
    return { __typename: 'NumberCancelled', msisdn, country, reconciled };
  }

  /** The answer was lost after sending: no longer listed, it took effect. */
  async reconcile(target: NumberTarget, error: UpstreamError): Promise<CancelOutcome> {
    const listed = await this.listed(target);
    return listed === false ? this.cancelled(target, true) : lostAnswer.cancel(error);
  }

  /** A keyed cancel whose sender stopped, or whose outcome was unknown: still owned, it did not take. */
  async settle(target: NumberTarget, lost: LostRequest<CancelOutcome>): Promise<CancelOutcome> {
    const { previous } = lost;
    const traceId = previous?.__typename === 'CancelOutcomeUnknown' ? previous.traceId : null;
    const listed = await this.listed(target, 'could not settle a cancel whose answer was lost');
    if (listed === false) return this.cancelled(target, true);
    return unsettled.cancel(lost, listed ? 'still-owned' : 'unreadable', target.msisdn, traceId);
  }

  /**
   * Whether the account (or the sub-account it was cancelled for) lists the number, read fresh;
   * undefined when a read failed (logged when `warning` says what failed).
   */
  private async listed(target: NumberTarget, warning?: string): Promise<boolean | undefined> {
    try {
      return (await this.reads.owned(target.msisdn, target.targetApiKey)) !== null;
    } catch (error) {
      if (warning) this.reads.logger.warn({ err: error }, warning);
      return undefined;
    }
  }
}
