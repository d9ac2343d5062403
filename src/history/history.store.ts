import { compareDecimal } from '../base/decimal';
import { type HistoryDatabase, type Queryable } from './history.db';

/** One network's price in a catalogue, as recorded. */
export interface SnapshotPrice {
  countryCode: string;
  networkCode: string;
  networkName: string | null;
  price: string;
  currency: string | null;
}

export interface RecordOutcome {
  /** False when a catalogue at least as new was already recorded (by this or another replica). */
  recorded: boolean;
  /** Rows added to the change log: first seen, changed and no longer listed. */
  rows: number;
  /** Of those, prices that changed. */
  changed: number;
}

/** One row of the change log. */
export interface ChangeRow {
  id: string;
  pricingType: string;
  countryCode: string;
  networkCode: string;
  networkName: string | null;
  oldPrice: string | null;
  newPrice: string | null;
  changePercent: string | null;
  currency: string | null;
  seenAt: Date;
}

const key = (country: string, network: string) => `${country}\u0000${network}`;

/**
 * Records one catalogue: compares it with the latest known prices of its type and writes what
 * differs. Serialised per type across every replica by an advisory lock held for the transaction,
 * and compare-and-set on `price_snapshots`: a catalogue read before the last recorded one is
 * skipped, so two replicas that read the same change record it once, and a slow replica never
 * records a change back to an older price.
 */
export async function recordSnapshot(
  db: HistoryDatabase,
  type: string,
  prices: readonly SnapshotPrice[],
  seenAt: Date,
): Promise<RecordOutcome> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`price_history:${type}`]);
    const last = await tx.query<{ last_seen_at: Date | string }>(
      'SELECT last_seen_at FROM price_snapshots WHERE pricing_type = $1',
      [type],
    );
    if (last.rows[0] && new Date(last.rows[0].last_seen_at).getTime() >= seenAt.getTime()) {
      return { recorded: false, rows: 0, changed: 0 };
    }
    const latest = await tx.query<{ country_code: string; network_code: string; price: string }>(
      'SELECT country_code, network_code, price::text AS price FROM price_latest WHERE pricing_type = $1',
      [type],
    );
    const known = new Map(
      latest.rows.map((row) => [key(row.country_code, row.network_code), row] as const),
    );
    const log: (string | null)[][] = [[], [], [], [], [], []];
    const upserts: string[][] = [[], [], []];
    let changed = 0;
    const logRow = (row: (string | null)[]) => row.forEach((value, i) => log[i].push(value));
    for (const price of prices) {
      const previous = known.get(key(price.countryCode, price.networkCode));
      known.delete(key(price.countryCode, price.networkCode));
      if (previous && compareDecimal(previous.price, price.price) === 0) continue;
      if (previous) changed += 1;
      const { countryCode, networkCode, networkName, currency } = price;
      logRow([
        countryCode,
        networkCode,
        networkName,
        previous?.price ?? null,
        price.price,
        currency,
      ]);
      [countryCode, networkCode, price.price].forEach((value, i) => upserts[i].push(value));
    }
    // Networks the catalogue no longer lists.
    for (const gone of known.values()) {
      logRow([gone.country_code, gone.network_code, null, gone.price, null, null]);
    }
    await insertChanges(tx, type, seenAt, log);
    if (upserts[0].length > 0) {
      await tx.query(
        `INSERT INTO price_latest (pricing_type, country_code, network_code, price, seen_at)
         SELECT $1, c, n, p::numeric, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS t(c, n, p)
         ON CONFLICT (pricing_type, country_code, network_code)
         DO UPDATE SET price = EXCLUDED.price, seen_at = EXCLUDED.seen_at`,
        [type, seenAt, ...upserts],
      );
    }
    if (known.size > 0) {
      const gone = [...known.values()];
      await tx.query(
        `DELETE FROM price_latest WHERE pricing_type = $1 AND (country_code, network_code) IN
         (SELECT c, n FROM unnest($2::text[], $3::text[]) AS t(c, n))`,
        [type, gone.map((row) => row.country_code), gone.map((row) => row.network_code)],
      );
    }
    await tx.query(
      `INSERT INTO price_snapshots (pricing_type, last_seen_at, snapshots) VALUES ($1, $2, 1)
       ON CONFLICT (pricing_type)
       DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, snapshots = price_snapshots.snapshots + 1`,
      [type, seenAt],
    );
    return { recorded: true, rows: log[0].length, changed };
  });
}

async function insertChanges(
  tx: Queryable,
  type: string,
  seenAt: Date,
  columns: (string | null)[][],
): Promise<void> {
  if (columns[0].length === 0) return;
  // The unique key makes a repeated insert of the same catalogue a no-op, whatever happens above.
  await tx.query(
    `INSERT INTO price_changes
       (pricing_type, country_code, network_code, network_name, old_price, new_price, currency, seen_at)
     SELECT $1, c, n, nn, o::numeric, p::numeric, cur, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS t(c, n, nn, o, p, cur)
     ON CONFLICT (pricing_type, country_code, network_code, seen_at) DO NOTHING`,
    [type, seenAt, ...columns],
  );
}

const SELECT_CHANGES = `
  SELECT id::text AS id, pricing_type, country_code, network_code, network_name,
    old_price::text AS old_price, new_price::text AS new_price, currency, seen_at,
    CASE WHEN old_price IS NULL OR new_price IS NULL OR old_price = 0 THEN NULL
      ELSE round((new_price - old_price) * 100 / old_price, 2)::text END AS change_percent
  FROM price_changes`;

interface RawChange {
  id: string;
  pricing_type: string;
  country_code: string;
  network_code: string;
  network_name: string | null;
  old_price: string | null;
  new_price: string | null;
  currency: string | null;
  seen_at: Date | string;
  change_percent: string | null;
}

function toChange(row: RawChange): ChangeRow {
  return {
    id: String(row.id),
    pricingType: row.pricing_type,
    countryCode: row.country_code,
    networkCode: row.network_code,
    networkName: row.network_name,
    oldPrice: row.old_price,
    newPrice: row.new_price,
    changePercent: row.change_percent,
    currency: row.currency,
    seenAt: new Date(row.seen_at),
  };
}

/** Price changes (old and new price both known) seen at or after `since`, oldest first. */
export async function changesSince(
  db: Queryable,
  query: { type: string; since: Date; countries: string[] | null; afterId: string; limit: number },
): Promise<ChangeRow[]> {
  const { rows } = await db.query<RawChange>(
    `${SELECT_CHANGES}
     WHERE pricing_type = $1 AND seen_at >= $2 AND old_price IS NOT NULL AND new_price IS NOT NULL
       AND ($3::text[] IS NULL OR country_code = ANY($3::text[])) AND id > $4::bigint
     ORDER BY id LIMIT $5`,
    [query.type, query.since, query.countries, query.afterId, query.limit],
  );
  return rows.map(toChange);
}

/** Every recorded price of one network, oldest first: first seen, each change, no longer listed. */
export async function historyOf(
  db: Queryable,
  query: { type: string; country: string; networkCode: string; afterId: string; limit: number },
): Promise<ChangeRow[]> {
  const { rows } = await db.query<RawChange>(
    `${SELECT_CHANGES}
     WHERE pricing_type = $1 AND country_code = $2 AND network_code = $3 AND id > $4::bigint
     ORDER BY id LIMIT $5`,
    [query.type, query.country, query.networkCode, query.afterId, query.limit],
  );
  return rows.map(toChange);
}
