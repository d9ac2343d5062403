import { type SettingsDeclaration, areaRate, wholeNumber } from '../config/settings';

/** The upstream areas this domain calls, with their default requests per second. */
export const ACCOUNT_AREAS = {
  // Account API keys default to about 30 requests per second.
  account: 30,
};

export interface AccountSettings {
  /** A balance read is served to other callers for this long (0: only concurrent ones share). */
  balanceTtlMs: number;
}

const BALANCE_TTL = wholeNumber('BALANCE_TTL_MS', {
  fallback: 1_000,
  min: 0,
  max: 60_000,
  meaning:
    'a balance read is served to other callers this long; top-up, buy and cancel retire it (0: only concurrent reads share one call)',
});

/** What the account domain reads from the environment (config.account). */
export const accountSettings: SettingsDeclaration<AccountSettings> = {
  section: 'records',
  variables: [
    areaRate('account', ACCOUNT_AREAS.account, 'Account API requests per second'),
    BALANCE_TTL,
  ],
  read: (env) => ({ balanceTtlMs: BALANCE_TTL.read(env) }),
};
