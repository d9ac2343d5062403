import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Logger } from '../base/logger';
import { type CountryPricingRecord, type PricingType } from '../pricing';
import { type HistoryDatabase } from './history.db';
import { migrate } from './history.migrations';
import {
  type ChangeRow,
  type SnapshotPrice,
  changesSince,
  historyOf,
  recordSnapshot,
} from './history.store';
import { PriceChangeKind, type PriceChange, type PriceChangeConnection } from './history.type';

/** History cannot answer: turned off, or its database cannot be reached. */
export class HistoryUnavailableError extends Error {
  override name = 'HistoryUnavailableError';
}

/** Running totals, read by /metrics. */
export interface HistoryStats {
  /** Catalogues written (their changes, if any, recorded). */
  recorded: number;
  /** Catalogues another replica (or this one) had already recorded, or older than that. */
  skipped: number;
  /** Catalogues replaced by a newer one of their type before they were written. */
  superseded: number;
  /** Catalogues that could not be recorded (logged). */
  failed: number;
  /** Change-log rows written: first seen, changed and no longer listed. */
  rows: number;
  /** Of those, price changes. */
  changes: number;
}

export interface HistoryOptions {
  enabled: boolean;
  /** Opens the database (embedded or a server); migrations run once it is open. */
  open(): Promise<HistoryDatabase>;
  /** How long shutdown waits for a write under way. */
  closeTimeoutMs?: number;
}

interface Page {
  pageSize: number;
  after?: string | null;
}

/** One network price of a catalogue, keyed so a network listed twice counts once. */
export function snapshotPrices(records: readonly CountryPricingRecord[]): SnapshotPrice[] {
  const prices = new Map<string, SnapshotPrice>();
  for (const country of records) {
    for (const network of country.networks) {
      // A network without a code cannot be told from the next catalogue's networks.
      if (!network.networkCode) continue;
      prices.set(`${country.countryCode}:${network.networkCode}`, {
        countryCode: country.countryCode,
        networkCode: network.networkCode,
        networkName: network.networkName,
        price: network.price,
        currency: network.currency ?? country.currency,
      });
    }
  }
  return [...prices.values()];
}

function kindOf(row: ChangeRow): PriceChangeKind {
  if (row.oldPrice === null) return PriceChangeKind.FIRST_SEEN;
  if (row.newPrice === null) return PriceChangeKind.NO_LONGER_LISTED;
  return PriceChangeKind.CHANGED;
}

function connection(rows: ChangeRow[], pageSize: number): PriceChangeConnection {
  const page = rows.slice(0, pageSize);
  return {
    nodes: page.map((row): PriceChange => ({
      pricingType: row.pricingType as PricingType,
      countryCode: row.countryCode,
      networkCode: row.networkCode,
      networkName: row.networkName,
      kind: kindOf(row),
      oldPrice: row.oldPrice,
      newPrice: row.newPrice,
      changePercent: row.changePercent,
      currency: row.currency,
      seenAt: row.seenAt,
    })),
    pageSize,
    hasNextPage: rows.length > pageSize,
    endCursor: page.length > 0 ? page[page.length - 1].id : null,
  };
}

/**
 * Price history: records what each full catalogue read from Vonage changed, and answers
 * pricingChanges and priceHistory. Recording never fails or slows the read that handed the
 * catalogue over: `onCatalogue` only copies the prices and returns; the write runs later, one at
 * a time, with at most one catalogue per type waiting (a newer one replaces it). Failures are
 * logged and counted, never thrown.
 */
export class HistoryService {
  readonly stats: HistoryStats = {
    recorded: 0,
    skipped: 0,
    superseded: 0,
    failed: 0,
    rows: 0,
    changes: 0,
  };
  private db?: Promise<HistoryDatabase>;
  private readonly waiting = new Map<PricingType, { prices: SnapshotPrice[]; seenAt: Date }>();
  private writing?: Promise<void>;
  private closed = false;

  constructor(
    private readonly options: HistoryOptions,
    private readonly logger: Logger,
  ) {}

  /** Opens the database and runs its migrations now, in the background (logged either way). */
  start(): void {
    if (!this.options.enabled) return;
    this.database().catch(() => undefined);
  }

  /** The pricing service's listener for every full catalogue read from the upstream. */
  readonly onCatalogue = (
    type: PricingType,
    records: readonly CountryPricingRecord[],
    fetchedAt: number,
  ): void => {
    if (!this.options.enabled || this.closed) return;
    try {
      if (this.waiting.has(type)) this.stats.superseded += 1;
      this.waiting.set(type, { prices: snapshotPrices(records), seenAt: new Date(fetchedAt) });
      this.writing ??= this.drain();
    } catch (error) {
      this.failed(error, type);
    }
  };

  /** Resolves once every catalogue handed over so far is written (or failed): for tests. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async changes(
    query: { type: PricingType; since: Date; countries: string[] | null } & Page,
  ): Promise<PriceChangeConnection> {
    const db = await this.available();
    const rows = await changesSince(db, {
      type: query.type,
      since: query.since,
      countries: query.countries,
      afterId: query.after ?? '0',
      limit: query.pageSize + 1,
    });
    return connection(rows, query.pageSize);
  }

  async history(
    query: { type: PricingType; country: string; networkCode: string } & Page,
  ): Promise<PriceChangeConnection> {
    const db = await this.available();
    const rows = await historyOf(db, {
      type: query.type,
      country: query.country,
      networkCode: query.networkCode,
      afterId: query.after ?? '0',
      limit: query.pageSize + 1,
    });
    return connection(rows, query.pageSize);
  }

  /** Lets a write under way finish (within closeTimeoutMs), then closes the database. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.clear();
    const timeout = new Promise((resolve) =>
      setTimeout(resolve, this.options.closeTimeoutMs ?? 5_000).unref(),
    );
    await Promise.race([this.idle(), timeout]);
    const db = this.db;
    this.db = undefined;
    if (!db) return;
    try {
      const open = await db;
      await open.close();
      this.logger.info({ database: open.kind }, 'price history database closed');
    } catch (error) {
      if (!(error instanceof HistoryUnavailableError)) {
        this.logger.warn({ err: error }, 'price history database did not close cleanly');
      }
    }
  }

  private async available(): Promise<HistoryDatabase> {
    if (!this.options.enabled) {
      throw new HistoryUnavailableError(
        'Price history is turned off (PRICE_HISTORY=off): unset PRICE_HISTORY to record it',
      );
    }
    try {
      return await this.database();
    } catch {
      throw new HistoryUnavailableError(
        'The price history database cannot be reached; the gateway logs why. Try again later',
      );
    }
  }

  /** Opened once; a failed open is forgotten, so the next use tries again. */
  private database(): Promise<HistoryDatabase> {
    if (this.closed) return Promise.reject(new HistoryUnavailableError('the gateway is stopping'));
    if (!this.db) {
      const opening = (async () => {
        const started = Date.now();
        const db = await this.options.open();
        try {
          const applied = await migrate(db);
          this.logger.info(
            { database: db.kind, migrationsApplied: applied, ms: Date.now() - started },
            'price history database ready',
          );
          return db;
        } catch (error) {
          await db.close().catch(() => undefined);
          throw error;
        }
      })();
      this.db = opening;
      opening.catch((error: unknown) => {
        this.logger.error({ err: error }, 'price history database unavailable');
        if (this.db === opening) this.db = undefined;
      });
    }
    return this.db;
  }

  private async drain(): Promise<void> {
    // After the read that handed the catalogue over has answered its callers.
    await nextTurn();
    try {
      while (this.waiting.size > 0) {
        const [type, snapshot] = this.waiting.entries().next().value!;
        this.waiting.delete(type);
        try {
          const outcome = await recordSnapshot(
            await this.database(),
            type,
            snapshot.prices,
            snapshot.seenAt,
          );
          if (outcome.recorded) {
            this.stats.recorded += 1;
            this.stats.rows += outcome.rows;
            this.stats.changes += outcome.changed;
          } else {
            this.stats.skipped += 1;
          }
          this.logger.debug({ type, ...outcome }, 'price catalogue recorded in the history');
        } catch (error) {
          this.failed(error, type);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private failed(error: unknown, type: PricingType): void {
    this.stats.failed += 1;
    this.logger.warn({ err: error, type }, 'could not record a price catalogue in the history');
  }
}
