import {
  ConfigError,
  type Setting,
  type SettingsDeclaration,
  choice,
  optional,
  parseUrl,
} from '../config/settings';

/** Where the changes seen in catalogues are recorded. */
export interface HistorySettings {
  /** PRICE_HISTORY=off records nothing and answers the history queries with HISTORY_UNAVAILABLE. */
  enabled: boolean;
  /** A PostgreSQL server (DATABASE_URL); unset: the embedded database (PGlite, in this process). */
  databaseUrl?: string;
  /**
   * Where the embedded database keeps its files (PRICE_HISTORY_DIR); unset: a temporary directory
   * of this process (history.scratch.ts), or memory.
   */
  dataDir?: string;
}

const ENABLED = choice(
  'PRICE_HISTORY',
  ['on', 'off'],
  'on',
  'on: record the price changes each catalogue read shows (pricingChanges, priceHistory); off: record nothing',
);
const DATABASE_URL: Setting<string | undefined> = {
  name: 'DATABASE_URL',
  shown: 'unset',
  meaning:
    'postgres://user@host:5432/db: keep price history in this PostgreSQL server, shared by every replica (migrations run at start). Unset: the embedded database (PGlite)',
  nonEmpty: true,
  read: (env) => {
    const raw = env.DATABASE_URL;
    if (!raw) return undefined;
    const url = parseUrl(raw);
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
      // The value may hold a password: it is not repeated.
      throw new ConfigError(
        'DATABASE_URL must be a postgres:// or postgresql:// URL, like postgres://user@127.0.0.1:5432/gateway',
      );
    }
    return raw;
  },
};
const DATA_DIR = optional(
  'PRICE_HISTORY_DIR',
  'directory where the embedded database keeps its files (created if missing; one process at a time). Unset: a temporary directory of this process, removed at stop (in memory if none can be made), so the history is lost at exit',
);

/** What the price history domain reads from the environment (config.history). */
export const historySettings: SettingsDeclaration<HistorySettings> = {
  section: 'storage',
  variables: [ENABLED, DATABASE_URL, DATA_DIR],
  read: (env) => {
    const enabled = ENABLED.read(env) === 'on';
    const databaseUrl = DATABASE_URL.read(env);
    const dataDir = DATA_DIR.read(env);
    if (databaseUrl && dataDir) {
      throw new ConfigError(
        'DATABASE_URL and PRICE_HISTORY_DIR are both set: PRICE_HISTORY_DIR is for the embedded database only; unset one',
      );
    }
    return { enabled, databaseUrl, dataDir };
  },
};
