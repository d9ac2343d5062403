import { type HistoryDatabase } from './history.db';

/**
 * Plain versioned SQL, applied in order at start and recorded in `schema_migrations`. Never edit
 * an applied migration: add the next version. The same SQL runs on PGlite and PostgreSQL 15+.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'price history',
    sql: `
      -- The last catalogue of each type that was recorded: older snapshots arriving later (from
      -- a slower replica) are ignored rather than recorded as changes back.
      CREATE TABLE price_snapshots (
        pricing_type text PRIMARY KEY,
        last_seen_at timestamptz NOT NULL,
        snapshots bigint NOT NULL
      );
      -- The latest known price of every network: what a new catalogue is compared with.
      CREATE TABLE price_latest (
        pricing_type text NOT NULL,
        country_code text NOT NULL,
        network_code text NOT NULL,
        price numeric NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (pricing_type, country_code, network_code)
      );
      -- What changed, when it was seen: old_price NULL when first seen (the first catalogue of a
      -- type, or a network new to it), new_price NULL when a network is no longer listed.
      CREATE TABLE price_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pricing_type text NOT NULL,
        country_code text NOT NULL,
        network_code text NOT NULL,
        network_name text,
        old_price numeric,
        new_price numeric,
        currency text,
        seen_at timestamptz NOT NULL,
        -- One row per network and catalogue, however many replicas record that catalogue.
        UNIQUE (pricing_type, country_code, network_code, seen_at)
      );
      CREATE INDEX price_changes_by_time ON price_changes (pricing_type, seen_at);
    `,
  },
];

/** One key for every gateway: two replicas starting at once migrate one after the other. */
const MIGRATION_LOCK = 1_515_004;

/**
 * Brings the schema up to date in one transaction under an advisory lock, so concurrent starts
 * are safe: the second waits, then finds nothing left to apply. A database migrated by a newer
 * gateway is refused rather than written to.
 */
export async function migrate(db: HistoryDatabase): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const known = Math.max(...MIGRATIONS.map((migration) => migration.version));
    const newer = [...applied].filter((version) => version > known);
    if (newer.length > 0) {
      throw new Error(
        `the price history database has schema version ${Math.max(...newer)}, newer than this gateway knows (${known}): upgrade the gateway or use another database`,
      );
    }
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
