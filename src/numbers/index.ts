import { type AccountService } from '../account';
import { type Domain } from '../kernel/domain';
import { type NumbersContext } from './numbers.context';
import { NumbersClient } from './numbers.client';
import { numbersReferenceCalls, numbersReferences } from './numbers.reference';
import { type NumbersLoaders, createNumbersLoaders } from './numbers.loader';
import {
  AccountNumbersResolver,
  NumbersResolver,
  PhoneNumberPricingResolver,
  phoneNumberPricing,
} from './numbers.resolver';
import { NumbersService } from './numbers.service';
import { NUMBERS_AREAS, type NumbersSettings, numbersSettings } from './numbers.settings';
import { NUMBERS_SCOPES } from './numbers.scopes';

/** The Numbers domain's entry point. */
export const numbersDomain: Domain<
  NumbersService,
  NumbersLoaders,
  { account: AccountService },
  NumbersContext,
  NumbersSettings
> = {
  areas: NUMBERS_AREAS,
  settings: numbersSettings,
  scopes: NUMBERS_SCOPES,
  resolvers: [NumbersResolver, PhoneNumberPricingResolver, AccountNumbersResolver],
  createService: (deps, { account }) =>
    new NumbersService(
      new NumbersClient(deps.transport),
      deps.readThrough(deps.settings),
      account,
      deps.idempotency,
      deps.logger,
    ),
  references: numbersReferences,
  referenceCalls: numbersReferenceCalls,
  // A page of 100 numbers resolves `pricing` 100 times.
  fieldResolvers: {
    OwnedNumber: { pricing: phoneNumberPricing },
    AvailableNumber: { pricing: phoneNumberPricing },
  },
  createLoaders: createNumbersLoaders,
};

export { type NumbersService } from './numbers.service';
export { type NumbersLoaders } from './numbers.loader';
export { OwnedNumber, OwnedNumberConnection } from './numbers.type';
export { type OwnedNumberRecord } from './numbers.records';
export { NUMBERS_SCOPES } from './numbers.scopes';
