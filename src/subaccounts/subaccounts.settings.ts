import { type SettingsDeclaration, areaRate, wholeNumber } from '../config/settings';

/** The upstream areas this domain calls, with their default requests per second. */
export const SUBACCOUNTS_AREAS = {
  // Vonage publishes no limit for the Subaccounts API; the account-wide default applies.
  subaccounts: 10,
};

export interface SubaccountsSettings {
  /** The list of sub-accounts (with their balances) is served to other callers this long. */
  listTtlMs: number;
}

const LIST_TTL = wholeNumber('SUBACCOUNTS_TTL_MS', {
  fallback: 5_000,
  min: 0,
  max: 300_000,
  meaning:
    'the sub-accounts list (balances included) is served to other callers this long; a transfer retires it (0: only concurrent reads share one call)',
});

/** What the sub-accounts domain reads from the environment (config.subaccounts). */
export const subaccountsSettings: SettingsDeclaration<SubaccountsSettings> = {
  section: 'records',
  variables: [
    areaRate('subaccounts', SUBACCOUNTS_AREAS.subaccounts, 'Subaccounts API requests per second'),
    LIST_TTL,
  ],
  read: (env) => ({ listTtlMs: LIST_TTL.read(env) }),
};
