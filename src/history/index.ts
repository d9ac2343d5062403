import { type Domain } from '../kernel/domain';
import { type HistoryContext } from './history.context';
import { openPostgres } from './history.db';
import { openEmbedded } from './history.embedded';
import { prepareDataDir } from './history.embedded';
import { HistoryResolver } from './history.resolver';
import { HistoryService, HistoryUnavailableError } from './history.service';
import { historyMetrics } from './history.metrics';
import { type HistorySettings, historySettings } from './history.settings';

/**
 * The price history domain's entry point. It calls no upstream area: the pricing service hands
 * it every full catalogue it reads (its `onCatalogue` listener), and it answers from its own
 * database, embedded (PGlite) or a PostgreSQL server (DATABASE_URL).
 */
export const historyDomain: Domain<
  HistoryService,
  Record<string, never>,
  object,
  HistoryContext,
  HistorySettings
> = {
  areas: {},
  settings: historySettings,
  resolvers: [HistoryResolver],
  createService: (deps) => {
    const { enabled, databaseUrl, dataDir } = deps.settings;
    // Checked now, not when the database opens in the background: a directory that cannot be
    // made or written stops the start, naming PRICE_HISTORY_DIR.
    if (enabled && !databaseUrl && dataDir) prepareDataDir(dataDir);
    return new HistoryService(
      {
        enabled,
        open: () => (databaseUrl ? openPostgres(databaseUrl, deps.logger) : openEmbedded(dataDir)),
      },
      deps.logger,
    );
  },
  createLoaders: () => ({}),
  errors: [{ type: HistoryUnavailableError, code: 'HISTORY_UNAVAILABLE' }],
  // The database opens (and migrates) in the background; recordings wait for it.
  start: (service) => service.start(),
  stop: (service) => service.close(),
  metrics: historyMetrics,
};

export { type HistoryService } from './history.service';
