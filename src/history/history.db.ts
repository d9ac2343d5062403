import { type Logger } from '../base/logger';

/** One connection's (or a transaction's) way to run SQL: the same SQL on PGlite and PostgreSQL. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
}

export interface HistoryDatabase extends Queryable {
  /** `embedded` (PGlite in this process) or `postgres` (a server, DATABASE_URL). */
  readonly kind: 'embedded' | 'postgres';
  /** Runs `work` in one transaction on one connection; rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A PostgreSQL server through a small pool (`pg`); the URL is never logged. */
export async function openPostgres(url: string, logger: Logger): Promise<HistoryDatabase> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A stuck statement must not hold a recording (or a query) for ever.
    statement_timeout: 15_000,
    application_name: 'vonage-graphql-gateway',
  });
  // An idle connection that breaks (a server restart) emits here; without a listener it would
  // crash the process.
  pool.on('error', (error) =>
    logger.warn({ err: error }, 'price history database connection lost'),
  );
  const queryable = (target: {
    query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  }): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => ({
      rows: (await target.query(text, params)).rows as R[],
    }),
    exec: async (sql) => {
      await target.query(sql);
    },
  });
  // Fails here, at start, when the server cannot be reached.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
