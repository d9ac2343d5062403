import { Extensions, Mutation, createParameterDecorator, getMetadataStorage } from 'type-graphql';
import { type Context } from './context';
import { IDEMPOTENCY_KEY, resolveIdempotencyKey } from './idempotency-key';
import { UpstreamCalls } from '../limits/cost.directives';
import { UPSTREAM_WRITE, type UpstreamWrite } from '../limits/writes';

export interface WriteMutationOptions extends UpstreamWrite {
  description: string;
  /**
   * Takes an idempotency key though it spends no money: a repeat after a lost answer would make
   * a second one of what it creates. Money mutations always take one.
   */
  keyed?: boolean;
}

/** `() => ResultType`, as `@Mutation` takes it (type-graphql does not export its name). */
type ReturnTypeFunc = Parameters<typeof Mutation>[0];

/** The key as the request gave it, until the method is called. */
interface GivenKey {
  argument: string | null | undefined;
  header: string | undefined;
}

/** The nullable `idempotencyKey: String` argument, with the request's header beside it. */
const givenKey = createParameterDecorator<Context>(
  ({ args, context }): GivenKey => ({
    argument: args.idempotencyKey as string | null | undefined,
    header: context.idempotencyKey,
  }),
  {
    arg: {
      name: 'idempotencyKey',
      typeFunc: () => String,
      options: { nullable: true, description: IDEMPOTENCY_KEY },
    },
  },
);

/**
 * Declares a root mutation once: type-graphql's `@Mutation`, its upstream write (which the limits
 * and the cost estimate read, and without which the schema is refused at startup), its calls as
 * `@cost` and, for a money (or `keyed`) mutation, the `idempotencyKey` argument. Such a method
 * receives the key as its LAST parameter (which has no decorator of its own), already resolved from the argument or the
 * `Idempotency-Key` header and checked (resolveIdempotencyKey): undefined when none was given.
 * The key is resolved when the method is called, after its other arguments are validated.
 */
export function WriteMutation(
  returnType: ReturnTypeFunc,
  { description, money, calls, keyed }: WriteMutationOptions,
): MethodDecorator {
  return (prototype, propertyKey, descriptor) => {
    Mutation(returnType, { description })(prototype, propertyKey, descriptor);
    const write: UpstreamWrite = money ? { money, calls } : { calls };
    Extensions({ [UPSTREAM_WRITE]: write })(prototype, propertyKey, descriptor);
    // The same calls as `@cost`, for a router's demand control.
    UpstreamCalls(calls)(prototype, propertyKey, descriptor);
    if (!money && !keyed) return;
    const method = descriptor.value as unknown as (...params: unknown[]) => unknown;
    const last = method.length - 1;
    const taken = getMetadataStorage().params.some(
      (param) =>
        param.target === prototype.constructor &&
        param.methodName === propertyKey &&
        param.index === last,
    );
    if (last < 0 || taken) {
      throw new Error(
        `${String(propertyKey)}: a keyed mutation's last parameter receives the idempotency key and has no decorator`,
      );
    }
    givenKey(prototype, propertyKey, last);
    const resolved = function (this: unknown, ...params: unknown[]): unknown {
      const { argument, header } = params[last] as GivenKey;
      params[last] = resolveIdempotencyKey(argument, header);
      return method.apply(this, params);
    };
    (descriptor as PropertyDescriptor).value = resolved;
  };
}
