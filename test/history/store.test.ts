import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type HistoryDatabase, openPostgres } from '../../src/history/history.db';
import { openEmbedded } from '../../src/history/history.embedded';
import { MIGRATIONS, migrate } from '../../src/history/history.migrations';
import { SCRATCH_PREFIX, removeAbandoned } from '../../src/history/history.scratch';
import {
  type SnapshotPrice,
  changesSince,
  historyOf,
  recordSnapshot,
} from '../../src/history/history.store';
import { createLogger } from '../../src/base/logger';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres';

const logger = createLogger({ level: 'silent', secrets: [] });

/** The latest prices the history holds, one row per network and type. */
async function latestRows(db: Pick<HistoryDatabase, 'query'>): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM price_latest');
  return Number(rows[0].n);
}

function price(countryCode: string, networkCode: string, value: string): SnapshotPrice {
  return {
    countryCode,
    networkCode,
    networkName: `${networkCode} net`,
    price: value,
    currency: 'EUR',
  };
}

const BASELINE = [
  price('GB', '23410', '0.03330000'),
  price('GB', '23415', '0.04000000'),
  price('DE', '26201', '0.07000000'),
  price('FR', '20801', '0.05000000'),
];

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds));
const page = { afterId: '0', limit: 100 };

describe.each([
  ['the embedded database (PGlite)', 'embedded'],
  ['a PostgreSQL server', 'postgres'],
] as const)('price history in %s', (_name, kind) => {
  let db: HistoryDatabase;
  let server: TestDatabase | undefined;

  beforeAll(async () => {
    if (kind === 'postgres') {
      server = await createTestDatabase('store');
      db = await openPostgres(server.url, logger);
    } else {
      db = await openEmbedded();
    }
    expect(await migrate(db)).toEqual(MIGRATIONS.map((migration) => migration.version));
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await server?.drop();
  });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('stores the first catalogue as first seen rows, which are not changes', async () => {
    const outcome = await recordSnapshot(db, 'SMS', BASELINE, at(0));
    expect(outcome).toEqual({ recorded: true, rows: 4, changed: 0 });
    expect(await changesSince(db, { type: 'SMS', since: at(0), countries: null, ...page })).toEqual(
      [],
    );
    const gb = await historyOf(db, { type: 'SMS', country: 'GB', networkCode: '23410', ...page });
    expect(gb).toEqual([
      expect.objectContaining({ oldPrice: null, newPrice: '0.03330000', seenAt: at(0) }),
    ]);
  });

  it('records only what changed, with the exact old and new price and the change in percent', async () => {
    const next = [
      price('GB', '23410', '0.03663000'), // +10%
      price('GB', '23415', '0.04'), // the same price written differently: no change
      price('DE', '26201', '0.06300000'), // -10%
      // FR 20801 is no longer listed; IT 22201 is new.
      price('IT', '22201', '0.06000000'),
    ];
    expect(await recordSnapshot(db, 'SMS', next, at(10))).toEqual({
      recorded: true,
      rows: 4,
      changed: 2,
    });
    const changes = await changesSince(db, { type: 'SMS', since: at(5), countries: null, ...page });
    expect(
      changes.map(({ countryCode, networkCode, oldPrice, newPrice, changePercent, seenAt }) => ({
        countryCode,
        networkCode,
        oldPrice,
        newPrice,
        changePercent,
        seenAt,
      })),
    ).toEqual([
      {
        countryCode: 'GB',
        networkCode: '23410',
        oldPrice: '0.03330000',
        newPrice: '0.03663000',
        changePercent: '10.00',
        seenAt: at(10),
      },
      {
        countryCode: 'DE',
        networkCode: '26201',
        oldPrice: '0.07000000',
        newPrice: '0.06300000',
        changePercent: '-10.00',
        seenAt: at(10),
      },
    ]);
    const de = await changesSince(db, { type: 'SMS', since: at(5), countries: ['DE'], ...page });
    expect(de.map((change) => change.countryCode)).toEqual(['DE']);
    expect(
      await changesSince(db, { type: 'SMS', since: at(11), countries: null, ...page }),
    ).toEqual([]);
    const fr = await historyOf(db, { type: 'SMS', country: 'FR', networkCode: '20801', ...page });
    expect(fr.map(({ oldPrice, newPrice }) => [oldPrice, newPrice])).toEqual([
      [null, '0.05000000'],
      ['0.05000000', null],
    ]);
  });

  it('records a catalogue once, and ignores one read before the last recorded', async () => {
    const moved = [
      price('GB', '23410', '0.09000000'),
      price('GB', '23415', '0.04'),
      price('DE', '26201', '0.06300000'),
      price('IT', '22201', '0.06000000'),
    ];
    const same = await Promise.all([
      recordSnapshot(db, 'SMS', moved, at(20)),
      recordSnapshot(db, 'SMS', moved, at(20)),
    ]);
    expect(same.map((outcome) => outcome.recorded).sort()).toEqual([false, true]);
    // A slower reader's older catalogue is not a change back.
    expect(await recordSnapshot(db, 'SMS', BASELINE, at(15))).toEqual({
      recorded: false,
      rows: 0,
      changed: 0,
    });
    const changes = await changesSince(db, {
      type: 'SMS',
      since: at(20),
      countries: null,
      ...page,
    });
    expect(changes.map((change) => [change.networkCode, change.newPrice])).toEqual([
      ['23410', '0.09000000'],
    ]);
  });

  it('pages through changes by cursor', async () => {
    const first = await changesSince(db, {
      type: 'SMS',
      since: at(0),
      countries: null,
      afterId: '0',
      limit: 2,
    });
    const rest = await changesSince(db, {
      type: 'SMS',
      since: at(0),
      countries: null,
      afterId: first[first.length - 1].id,
      limit: 100,
    });
    expect(first).toHaveLength(2);
    expect(rest.map((change) => change.networkCode)).toEqual(['23410']);
  });

  it('keeps types apart', async () => {
    expect(
      await changesSince(db, { type: 'VOICE', since: at(0), countries: null, ...page }),
    ).toEqual([]);
    expect(await latestRows(db)).toBeGreaterThan(0);
  });
});

describe('two gateways migrating one new PostgreSQL database at once', () => {
  it('apply each migration once', async () => {
    const server = await createTestDatabase('migrate');
    const replicas = await Promise.all([0, 1, 2].map(() => openPostgres(server.url, logger)));
    try {
      const applied = await Promise.all(replicas.map((db) => migrate(db)));
      expect(applied.flat()).toEqual(MIGRATIONS.map((migration) => migration.version));
      const { rows } = await replicas[0].query('SELECT version FROM schema_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await server.drop();
    }
  });
});

describe('two replicas recording the same moved catalogue at once (PostgreSQL)', () => {
  it('record each change once, whichever commits first', async () => {
    const server = await createTestDatabase('race');
    const replicas = await Promise.all([0, 1].map(() => openPostgres(server.url, logger)));
    try {
      await migrate(replicas[0]);
      const catalogue = (round: number) =>
        Array.from({ length: 3_000 }, (_, i) =>
          price(`C${i % 100}`, String(10_000 + i), i < 3 ? `0.0${round + 1}000000` : '0.01000000'),
        );
      await recordSnapshot(replicas[0], 'SMS', catalogue(0), at(0));
      for (let round = 1; round <= 5; round++) {
        // Read a moment apart, written at the same time: each diffs against the same latest.
        await Promise.all(
          replicas.map((db, index) =>
            recordSnapshot(db, 'SMS', catalogue(round), at(round * 10 + index)),
          ),
        );
      }
      const { rows } = await replicas[0].query<{ n: string }>(
        'SELECT count(*)::text AS n FROM price_changes WHERE old_price IS NOT NULL',
      );
      expect(Number(rows[0].n)).toBe(5 * 3);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await server.drop();
    }
  }, 30_000);
});

describe('the embedded database in a directory (PRICE_HISTORY_DIR)', () => {
  it('keeps the history across a restart, and migrates it once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'history-'));
    try {
      const first = await openEmbedded(path.join(dir, 'pglite'));
      expect(await migrate(first)).toEqual([1]);
      await recordSnapshot(first, 'SMS', BASELINE, at(0));
      await first.close();
      const again = await openEmbedded(path.join(dir, 'pglite'));
      try {
        expect(await migrate(again)).toEqual([]);
        expect(await latestRows(again)).toBe(BASELINE.length);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the embedded database without a directory', () => {
  const ours = () =>
    readdirSync(tmpdir())
      .filter((name) => name.startsWith(SCRATCH_PREFIX))
      .map((name) => path.join(tmpdir(), name))
      .filter((dir) => existsSync(path.join(dir, 'owner.pid')))
      .filter((dir) =>
        readFileSync(path.join(dir, 'owner.pid'), 'utf8').startsWith(`${process.pid} `),
      );

  it('keeps its files in a temporary directory of this process, removed at close', async () => {
    const before = ours();
    const db = await openEmbedded();
    try {
      const made = ours().filter((dir) => !before.includes(dir));
      expect(made).toHaveLength(1);
      // Postgres's files are on disk, not in the worker's heap.
      expect(readdirSync(path.join(made[0], 'pgdata'))).toContain('PG_VERSION');
      expect(await migrate(db)).toEqual([1]);
      await db.close();
      expect(existsSync(made[0])).toBe(false);
    } finally {
      await db.close().catch(() => undefined);
    }
  }, 60_000);

  it('removes the directories of processes that died, and no other', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'scratch-root-'));
    try {
      const dir = (name: string, owner?: string) => {
        const made = path.join(root, `${SCRATCH_PREFIX}${name}`);
        mkdirSync(made);
        if (owner !== undefined) writeFileSync(path.join(made, 'owner.pid'), owner);
        return made;
      };
      const namespace = readlinkSync('/proc/self/ns/pid');
      // A process id above any Linux pid_max (4 194 304): no process has it.
      const dead = dir('dead', `99999999 ${namespace}`);
      const living = dir('living', `${process.pid} ${namespace}`);
      // Dead here, but its id is another container's: not ours to judge.
      const elsewhere = dir('elsewhere', '99999999 pid:[1]');
      const unowned = dir('unowned');
      const other = path.join(root, 'something-else');
      mkdirSync(other);
      expect(removeAbandoned(root)).toEqual([dead]);
      expect([living, elsewhere, unowned, other].every((kept) => existsSync(kept))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
