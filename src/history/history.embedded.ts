import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type HistoryDatabase, type Queryable } from './history.db';
import { makeScratch } from './history.scratch';
import { ConfigError, fsFailure } from '../config/values';

/**
 * PGlite's defaults give Postgres 128 MB of shared buffers, which the gateway's process pays for
 * in RSS; the history tables need a few MB.
 */
const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB'];

/**
 * The worker's whole program, plain JavaScript: PGlite runs Postgres compiled to WASM
 * synchronously on the thread that calls it (start-up compiles 9 MB of WASM and runs initdb, a
 * few seconds of CPU; a write of a full catalogue takes tens of milliseconds). On a thread of its
 * own, none of that holds up a GraphQL request. Inline, so the same code runs from src/ (tests,
 * npm run dev), from tsc's dist/ and from the esbuild bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
let db;
parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    let rows = [];
    if (op === 'open') {
      const template = workerData.template
        ? new Blob([require('node:fs').readFileSync(workerData.template)])
        : undefined;
      db = await PGlite.create({
        dataDir: workerData.dataDir,
        loadDataDir: template,
        startParams: [...PGlite.defaultStartParams, ...workerData.settings],
      });
      // Without a template, initdb ran in a second, temporary Postgres: its WASM memory (some
      // 300 MB of RSS) is garbage now, but this idle thread would keep it until it next collects.
      setTimeout(() => {
        require('node:v8').setFlagsFromString('--expose-gc');
        require('node:vm').runInNewContext('gc')();
      }, 200);
    } else if (op === 'query') {
      rows = (await db.query(sql, params)).rows;
    } else if (op === 'exec') {
      await db.exec(sql);
    } else if (op === 'close') {
      if (db) await db.close();
    }
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Reply {
  id: number;
  rows?: unknown[];
  error?: { message: string; code?: string };
}

/** A database error from the worker, with Postgres's SQLSTATE code when there is one. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The empty data directory `npm run build` makes (scripts/pglite-template.js), as a directory and
 * as an archive, beside the bundle (dist/) or above tsc's dist/history/; none when running from
 * src/ (tests, npm run dev), where PGlite runs initdb instead.
 */
function template(kind: 'pglite-template' | 'pglite-template.tar.gz'): string | undefined {
  return [path.join(__dirname, kind), path.join(__dirname, '..', kind)].find((file) =>
    existsSync(file),
  );
}

const isEmpty = (dir: string): boolean => readdirSync(dir).length === 0;

/**
 * Makes PRICE_HISTORY_DIR (and its missing parents) and checks that this process may write in
 * it, at start: a bad value stops the start naming it. Not `mkdirSync(…, { recursive: true })`:
 * on Node 20 it loops for ever where mkdir answers ENOENT under a parent that exists (/proc/x),
 * and the gateway then spins at full CPU without listening or logging.
 */
export function prepareDataDir(dir: string): void {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!statSync(existing).isDirectory()) {
    throw new ConfigError(
      `PRICE_HISTORY_DIR cannot be created: ${existing} is not a directory (PRICE_HISTORY_DIR=${dir})`,
    );
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      throw new ConfigError(
        `PRICE_HISTORY_DIR cannot be created ${fsFailure(error)}: mkdir ${level} (PRICE_HISTORY_DIR=${dir})`,
      );
    }
  }
  try {
    accessSync(absolute, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new ConfigError(
      `PRICE_HISTORY_DIR is not writable by this process ${fsFailure(error)}: ${dir}`,
    );
  }
}

/**
 * The embedded database: PGlite (Postgres in WASM; its .wasm and data files come inside the npm
 * package, nothing is downloaded) on a worker thread, its files in `dataDir`. Without one, the
 * database lasts as long as the process: in a temporary directory removed at close (PGlite's
 * in-memory file system costs some 100 MB more RSS), or in memory where none can be made. An
 * empty directory starts from the build's template instead of running initdb. PGlite is one
 * connection: a transaction holds it, and other statements wait.
 */
export async function openEmbedded(dataDir?: string): Promise<HistoryDatabase> {
  const scratch = dataDir ? undefined : makeScratch();
  try {
    return await openIn(dataDir ?? scratch?.dataDir, scratch?.remove);
  } catch (error) {
    scratch?.remove();
    throw error;
  }
}

async function openIn(
  dataDir: string | undefined,
  removeFiles?: () => void,
): Promise<HistoryDatabase> {
  // PRICE_HISTORY_DIR was checked at start; this makes it again if it was removed since.
  if (dataDir) prepareDataDir(dataDir);
  // A new directory starts as a copy of the template's files (PGlite then opens it as its own).
  const copied = dataDir !== undefined && isEmpty(dataDir) && template('pglite-template');
  if (copied) cpSync(copied, dataDir!, { recursive: true });
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // Not the gateway's heap flags (npm start's): the worker's own heap is small, and PGlite's
    // memory is WASM, outside it.
    execArgv: [],
    workerData: {
      // From this file's place: dist/start.js runs the bundle with a `require` that has no
      // `resolve`, and PGlite stays in node_modules (its .wasm and .data files beside it).
      pglite: createRequire(__filename).resolve('@electric-sql/pglite'),
      dataDir,
      // In memory, the template's archive; a directory is initialised once, then reopened.
      template: !dataDir ? template('pglite-template.tar.gz') : undefined,
      settings: EMBEDDED_SETTINGS,
    },
  });
  const pending = new Map<number, { resolve(rows: unknown[]): void; reject(e: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', ({ id, rows, error }: Reply) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (!waiting) return;
    if (error) waiting.reject(new EmbeddedDatabaseError(error.message, error.code));
    else waiting.resolve(rows ?? []);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the embedded database stopped (exit ${code})`)));

  const send = (op: string, sql?: string, params?: unknown[]): Promise<unknown[]> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params });
    });
  };
  const direct: Queryable = {
    query: async <R>(text: string, params?: unknown[]) => ({
      rows: (await send('query', text, params)) as R[],
    }),
    exec: async (sql) => {
      await send('exec', sql);
    },
  };

  // One connection: a transaction's statements run back to back, everything else after it.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work, work);
    turn = run.catch(() => undefined);
    return run;
  };

  try {
    await send('open');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    kind: 'embedded',
    query: (text, params) => exclusive(() => direct.query(text, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    transaction: (work) =>
      exclusive(async () => {
        await direct.exec('BEGIN');
        try {
          const result = await work(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (error) {
          await direct.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () =>
      exclusive(async () => {
        try {
          await send('close');
        } finally {
          await worker.terminate();
          removeFiles?.();
        }
      }),
  };
}
