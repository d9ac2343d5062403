import { type InvalidParameter } from '../area';
import { FEATURE_COMBINATIONS, NUMBER_TYPES } from './numbers.data';
import { isCountryCode } from './pricing.data';

/** The Numbers area's checks: of list filters (400 BAD_REQUEST) and of its start options. */

export function ownedFilterIssues(query: URLSearchParams): InvalidParameter[] {
  const invalid = countryIssues(query.get('country'), false);
  const hasApplication = query.get('has_application');
  if (hasApplication !== null && hasApplication !== 'true' && hasApplication !== 'false') {
    invalid.push({ name: 'has_application', reason: 'Must be true or false.' });
  }
  return invalid;
}

export function searchIssues(query: URLSearchParams): InvalidParameter[] {
  const invalid = countryIssues(query.get('country'), true);
  const type = query.get('type');
  if (type && !NUMBER_TYPES.some((known) => known === type)) {
    invalid.push({ name: 'type', reason: `Must be one of ${NUMBER_TYPES.join(', ')}.` });
  }
  const features = query.get('features');
  if (features && !FEATURE_COMBINATIONS.includes(features)) {
    const reason = `Must be one of ${FEATURE_COMBINATIONS.join(' | ')}, in that order.`;
    invalid.push({ name: 'features', reason });
  }
  return invalid;
}

function countryIssues(code: string | null, required: boolean): InvalidParameter[] {
  if (!code) return required ? [{ name: 'country', reason: 'Is required.' }] : [];
  if (/^[A-Za-z]{2}$/.test(code) && isCountryCode(code.toUpperCase())) return [];
  const reason = 'Must be a two-letter ISO 3166-1 alpha-2 country code, such as GB.';
  return [{ name: 'country', reason }];
}

export function checkOwned(count: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError('numbers.owned must be a whole number >= 0');
  }
  return count;
}

export function checkRate(rate: number): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError('numbers.rateLimitPerSecond must be a number >= 0 (0: unlimited)');
  }
  return rate;
}

export function checkCountry(code: string): string {
  const upper = String(code).toUpperCase();
  if (!isCountryCode(upper)) {
    throw new RangeError(`numbers.dashboardCountries: ${code} is not an ISO 3166-1 alpha-2 code`);
  }
  return upper;
}
