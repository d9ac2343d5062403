import { type Registry } from 'prom-client';
import { mirroredCounter } from '../metrics/mirrored';
import { type HistoryService } from './history.service';

/** Price history's counters, read from its service at each scrape. */
export function historyMetrics(registry: Registry, service: HistoryService): void {
  const history = service.stats;
  mirroredCounter(
    registry,
    'gateway_price_history_catalogues_total',
    'Full catalogues handed to price history, by result (recorded; skipped: already recorded by a replica; superseded: replaced by a newer one before written; failed: logged).',
    ['result'],
    () =>
      (['recorded', 'skipped', 'superseded', 'failed'] as const).map((result) => ({
        labels: { result },
        value: history[result],
      })),
  );
  mirroredCounter(
    registry,
    'gateway_price_history_changes_total',
    'Network price changes recorded in the price history.',
    [],
    () => [{ value: history.changes }],
  );
}
