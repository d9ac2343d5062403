import { type Logger } from '../base/logger';
import { type UpstreamError } from './errors';

/**
 * A 401/403 from Vonage usually means the gateway's own credentials are wrong or revoked: an
 * operator must act, so it is logged at error level, at most once a minute (with the count of
 * the ones not logged), so a burst of callers does not flood the log.
 */
export class UnauthorizedLog {
  private lastAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  report(error: UpstreamError): void {
    const now = performance.now();
    if (now - this.lastAt < this.intervalMs) {
      this.suppressed++;
      return;
    }
    this.logger.error(
      {
        operation: error.operation,
        status: error.status ?? null,
        traceId: error.traceId ?? null,
        suppressed: this.suppressed,
      },
      'Vonage refused the gateway credentials (check VONAGE_API_KEY and VONAGE_API_SECRET)',
    );
    this.lastAt = now;
    this.suppressed = 0;
  }
}
