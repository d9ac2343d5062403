import { badUserInput } from '../kernel/errors';
import { type AccountSettingsRecord, type SettingsChange } from './account.client';
import { type UpdateSettingsInput } from './account.inputs';
import { CallbackUrlNotSaved, SettingsUpdated, type UpdateSettingsResult } from './account.results';

/** From the settings input to the change asked of Vonage, and from its answer to the result. */

const SETTINGS_FIELDS = ['moCallbackUrl', 'drCallbackUrl'] as const;

/** The requested change, with null (leave as is) dropped; BAD_USER_INPUT when nothing is left. */
export function settingsChange(input: UpdateSettingsInput): SettingsChange {
  const change: SettingsChange = {};
  for (const field of SETTINGS_FIELDS) {
    const value = input[field];
    if (typeof value === 'string') change[field] = value;
  }
  if (Object.keys(change).length === 0) {
    throw badUserInput('input', 'give moCallbackUrl, drCallbackUrl or both (use "" to unset one)');
  }
  return change;
}

/** Vonage answers 200 with the old value when a webhook does not answer its check. */
function unsavedFields(change: SettingsChange, settings: AccountSettingsRecord): string[] {
  return SETTINGS_FIELDS.filter((field) => {
    const wanted = change[field];
    return wanted !== undefined && (settings[field] ?? '') !== wanted;
  }).map((field) => `input.${field}`);
}

/** SettingsUpdated, or CallbackUrlNotSaved naming the fields Vonage kept as they were. */
export function settingsResult(
  change: SettingsChange,
  settings: AccountSettingsRecord,
): typeof UpdateSettingsResult {
  const unsaved = unsavedFields(change, settings);
  if (unsaved.length === 0) return Object.assign(new SettingsUpdated(), { settings });
  return Object.assign(new CallbackUrlNotSaved(), {
    fields: unsaved,
    message: `Vonage did not save ${unsaved.join(' and ')}: the URL must be reachable and answer 200 to a GET.`,
    settings,
  });
}
