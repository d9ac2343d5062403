import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the history tests use: TEST_POSTGRES_URL, else the machine's own on
 * 127.0.0.1:5432. Each test file gets a database of its own, made here and dropped afterwards,
 * so a run never reads or disturbs anyone's data.
 */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const POSTGRES_MISSING =
  `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@/]*@/, '//')}: the price ` +
  'history tests need it. Start it (Debian: pg_ctlcluster --skip-systemctl-redirect ' +
  '$(ls /etc/postgresql) main start; .ci/run does this), or set TEST_POSTGRES_URL to a server ' +
  'where the tests may create and drop databases.';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${POSTGRES_MISSING} (${(error as Error).message})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file; `drop` removes it (open connections included). */
export async function createTestDatabase(prefix = 'history'): Promise<TestDatabase> {
  const name = `test_${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin(async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
