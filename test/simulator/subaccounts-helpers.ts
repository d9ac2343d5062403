import { type Simulator } from '../../src/simulator';
import { type Answer, call, type Call } from './helpers';

/** The seeded sub-accounts (src/simulator/areas/accounts.ts), by what sets them apart. */
export const SHARED = { apiKey: 'bbe6222f', apiSecret: 'SharedSub1Secret' };
export const OWN = { apiKey: 'cce7333a', apiSecret: 'OwnBalance2Secret' };
export const SUSPENDED = { apiKey: 'dde8444b', apiSecret: 'Suspended3Secret' };

export const ERRORS = 'https://developer.nexmo.com/api-errors';
export const SUBACCOUNT_ERRORS = `${ERRORS}/account/subaccounts`;

/** A call under `/accounts/{primary}`: JSON body when `json` is given, Basic by default. */
export const accountsCall =
  (sim: Simulator) =>
  (path: string, options: Call = {}) =>
    call(sim, `/accounts/${sim.apiKey}${path}`, options);

/** The parts of a problem-details body the tests compare, trace id checked separately. */
export const problemOf = (answer: Answer): Record<string, unknown> => {
  const { instance, ...rest } = answer.json();
  expect(instance).toBe(answer.headers['x-nexmo-trace-id']);
  return { status: answer.status, ...rest };
};

/** An ISO date a minute ago, so transfers made in the test fall after it. */
export const aMinuteAgo = (): string =>
  `${new Date(Date.now() - 60_000).toISOString().slice(0, 19)}Z`;
