import { type Simulator } from '../../src/simulator';
import { type Answer, call } from './helpers';

/** The Numbers API's JSON as the tests read it; every field optional that may be left out. */
export interface Owned {
  country: string;
  msisdn: string;
  type: string;
  features: string[];
  moHttpUrl?: string;
  messagesCallbackType?: string;
  messagesCallbackValue?: string;
  voiceCallbackType?: string;
  voiceCallbackValue?: string;
  voiceStatusCallback?: string;
  app_id?: string;
}

export interface Available {
  country: string;
  msisdn: string;
  type: string;
  cost: string;
  features: string[];
}

/** `{}` for an empty page: both fields absent. */
export interface NumberList<T> {
  count?: number | string;
  numbers?: T[];
}

export const XML = { accept: 'application/xml' };
export const SUCCESS = '{"error-code":"200","error-code-label":"success"}';
export const METHOD_FAILED = '{"error-code":"420","error-code-label":"method failed"}';
export const DASHBOARD_TEXT =
  'Numbers from this country can be requested from the Dashboard ' +
  '(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be ' +
  'provided before being purchased.';

type Query = Record<string, string>;

export const numbersCalls = (sim: Simulator) => {
  const owned = (query?: Query, headers?: Record<string, string>) =>
    call(sim, '/account/numbers', { query, headers });
  const search = (query: Query, headers?: Record<string, string>) =>
    call(sim, '/number/search', { query, headers });
  const ownedJson = async (query?: Query) =>
    (await owned(query)).json() as unknown as NumberList<Owned>;
  const searchJson = async (query: Query) =>
    (await search(query)).json() as unknown as NumberList<Available>;
  const post = (path: string) => (form: Query) => call(sim, path, { form });

  /** Every page of the owned list at size 100, until the first `{}`. */
  const allOwned = async (query: Query = {}): Promise<Owned[][]> => {
    const pages: Owned[][] = [];
    for (let index = 1; ; index += 1) {
      const page = await ownedJson({ ...query, size: '100', index: String(index) });
      if (!page.numbers) return pages;
      pages.push(page.numbers);
    }
  };

  /** The first available number of the country that matches the query. */
  const firstAvailable = async (country: string, query: Query = {}): Promise<Available> => {
    const found = (await searchJson({ country, ...query, size: '1' })).numbers?.[0];
    if (!found) throw new Error(`No available number in ${country}`);
    return found;
  };

  return {
    owned,
    ownedJson,
    allOwned,
    search,
    searchJson,
    firstAvailable,
    buy: post('/number/buy'),
    cancel: post('/number/cancel'),
    update: post('/number/update'),
  };
};

/** The names of the parameters a 400 BAD_REQUEST lists as invalid. */
export const invalidNames = (answer: Answer): string[] =>
  (answer.json().invalid_parameters as { name: string }[]).map(({ name }) => name);

/** Money as an integer count of 10^-8, for exact comparisons. */
export const units = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 10n ** 8n + BigInt(fraction.padEnd(8, '0'));
};

/** A count of 10^-8 written back as an 8-place decimal string. */
export const amount = (count: bigint): string =>
  `${count / 10n ** 8n}.${(count % 10n ** 8n).toString().padStart(8, '0')}`;
