import { type SettingsDeclaration, areaRate, wholeNumber } from '../config/settings';

const HOUR = 3_600_000;

/** The upstream areas this domain calls, with their default requests per second. */
export const NUMBERS_AREAS = {
  // Believed to be about 1 request per second, like Pricing.
  numbers: 1,
};

/** Owned-number lists and searches: cached briefly, and retired by buy, cancel and update. */
export interface NumbersSettings {
  ttlMs: number;
  staleWhileRevalidateMs: number;
  /** After that, served (with its age) only if the upstream fails. */
  staleIfErrorMs: number;
}

const TTL = wholeNumber('NUMBERS_TTL_MS', {
  fallback: 10_000,
  min: 0,
  max: HOUR,
  meaning:
    'owned-number lists and searches are cached this long; buy, cancel and update retire them (0: no cache)',
});
const STALE_IF_ERROR = wholeNumber('NUMBERS_STALE_IF_ERROR_MS', {
  fallback: 60_000,
  min: 0,
  max: 24 * HOUR,
  meaning: 'after that, a cached list is served only if Vonage fails',
});

/** What the numbers domain reads from the environment (config.numbers). */
export const numbersSettings: SettingsDeclaration<NumbersSettings> = {
  section: 'records',
  variables: [
    areaRate(
      'numbers',
      NUMBERS_AREAS.numbers,
      "Numbers API requests per second (believed to be about Vonage's limit)",
    ),
    TTL,
    STALE_IF_ERROR,
  ],
  read: (env) => ({
    ttlMs: TTL.read(env),
    staleWhileRevalidateMs: 0,
    staleIfErrorMs: STALE_IF_ERROR.read(env),
  }),
};
