import {
  ConfigError,
  type Env,
  type Setting,
  type SettingsDeclaration,
  areaRate,
  wholeNumber,
} from '../config/settings';
import { PricingType } from './pricing.type';

const HOUR = 3_600_000;
const PRICING_TYPES = Object.values(PricingType);

/** The upstream areas this domain calls, with their default requests per second. */
export const PRICING_AREAS = {
  // The Pricing API allows 1 request per second per account.
  pricing: 1,
};

/** Catalogue prices: how long they are served, and which catalogues are kept warm. */
export interface PricingSettings {
  /** Prices are fresh for this long. */
  ttlMs: number;
  /** After that, served at once while one background refresh runs. */
  staleWhileRevalidateMs: number;
  /** After that, refreshed before answering; served (marked stale) only if the upstream fails. */
  staleIfErrorMs: number;
  /** From this many uncached countries of one type, one full-catalogue call replaces per-country calls. */
  batchThreshold: number;
  /** Catalogues read at start and refreshed ahead of expiry (PRICING_PRELOAD=SMS,VOICE). */
  preload: PricingType[];
}

/** A comma-separated list of pricing types (SMS, SMS_TRANSIT, VOICE), any case. */
function pricingTypes(env: Env, name: string): PricingType[] {
  const raw = env[name];
  if (!raw) return [];
  const types = raw.split(',').map((item) => item.trim().toUpperCase());
  const wrong = types.find((type) => !PRICING_TYPES.includes(type as PricingType));
  if (wrong !== undefined) {
    throw new ConfigError(
      `${name} must list pricing types separated by commas, from ${PRICING_TYPES.join(', ')} (got "${raw}")`,
    );
  }
  return [...new Set(types as PricingType[])];
}

const TTL = wholeNumber('PRICING_TTL_MS', {
  fallback: 6 * HOUR,
  min: 1,
  max: 30 * 24 * HOUR,
  shown: '21600000 (6 h)',
  meaning: 'prices are fresh this long',
});
const STALE_WHILE_REVALIDATE = wholeNumber('PRICING_STALE_WHILE_REVALIDATE_MS', {
  fallback: HOUR,
  min: 0,
  max: 30 * 24 * HOUR,
  shown: '3600000 (1 h)',
  meaning: 'then served at once (stale: true) while one background refresh runs',
});
const STALE_IF_ERROR = wholeNumber('PRICING_STALE_IF_ERROR_MS', {
  fallback: 7 * 24 * HOUR,
  min: 0,
  max: 90 * 24 * HOUR,
  shown: '604800000 (7 d)',
  meaning: 'then refreshed before answering, and served (stale: true) only if Vonage fails',
});
const BATCH_THRESHOLD = wholeNumber('PRICING_BATCH_THRESHOLD', {
  fallback: 2,
  min: 1,
  max: 1000,
  meaning:
    'from this many uncached countries of one type, one full-catalogue call replaces per-country calls',
});
const PRELOAD: Setting<PricingType[]> = {
  name: 'PRICING_PRELOAD',
  shown: 'unset',
  meaning:
    'catalogues to read at start and again at 90% of PRICING_TTL_MS, e.g. SMS,VOICE: front-ends never wait on a cold catalogue (each read is within the rate limit; with Redis one replica reads for all)',
  read: (env) => pricingTypes(env, 'PRICING_PRELOAD'),
};

/** What the pricing domain reads from the environment (config.pricing). */
export const pricingSettings: SettingsDeclaration<PricingSettings> = {
  section: 'reference data',
  variables: [
    TTL,
    STALE_WHILE_REVALIDATE,
    STALE_IF_ERROR,
    BATCH_THRESHOLD,
    PRELOAD,
    areaRate(
      'pricing',
      PRICING_AREAS.pricing,
      'Pricing API requests per second, all replicas together when they share Redis',
    ),
  ],
  read: (env) => ({
    ttlMs: TTL.read(env),
    staleWhileRevalidateMs: STALE_WHILE_REVALIDATE.read(env),
    staleIfErrorMs: STALE_IF_ERROR.read(env),
    batchThreshold: BATCH_THRESHOLD.read(env),
    preload: PRELOAD.read(env),
  }),
};
