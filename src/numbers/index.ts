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

/** The Numbers domain's entry point. */
export const numbersDomain: Domain<
  NumbersService,
  NumbersLoaders,
  { account: AccountService },
  NumbersContext
> = {
  // Believed to be about 1 request per second, like Pricing.
  areas: { numbers: 1 },
  resolvers: [NumbersResolver, PhoneNumberPricingResolver, AccountNumbersResolver],
  createService: (deps, { account }) =>
    new NumbersService(
      new NumbersClient(deps.transport),
      deps.readThrough(deps.config.numbers),
      account,
      deps.idempotency,
      deps.logger,
    ),
  references: numbersReferences,
  referenceCalls: numbersReferenceCalls,
  // Buy and cancel return no record: the number is re-read (a lost answer: reconciled); an
  // update re-reads the number it changed.
  writes: {
    buyNumber: { money: true, calls: 3 },
    cancelNumber: { money: true, calls: 3 },
    updateNumber: { calls: 2 },
  },
  // A page of 100 numbers resolves `pricing` 100 times.
  fieldResolvers: {
    OwnedNumber: { pricing: phoneNumberPricing },
    AvailableNumber: { pricing: phoneNumberPricing },
  },
  createLoaders: createNumbersLoaders,
};

export { type NumbersService } from './numbers.service';
export { type NumbersLoaders } from './numbers.loader';
