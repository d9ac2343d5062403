import { jitRuntime } from 'graphql-jit/dist/runtime';

type ItemHandler = (
  ctx: Execution,
  item: unknown,
  index: number,
  result: unknown[],
  ...parents: unknown[]
) => void;
/** The part of graphql-jit's per-execution context read here. */
interface Execution {
  context: unknown;
  errors: unknown[];
  nullErrors: unknown[];
}
type Runtime = {
  isPromise(value: unknown): boolean;
  safeMap(
    ctx: Execution,
    iterable: Iterable<unknown>,
    cb: ItemHandler,
    ...idx: unknown[]
  ): unknown[];
  handleListItemResult(
    ctx: Execution,
    item: unknown,
    onSuccess: (value: unknown) => void,
    onError: (error: unknown) => void,
  ): void;
  callResolver(...args: unknown[]): void;
};

/** List items kept completed before the memo starts again empty (about 100 bytes each). */
const MAX_MEMO_ITEMS = 100_000;

/**
 * Completed lists, by the list the data holds and the compiled code that completed it (one per
 * field of one compiled operation): both compared by identity, both let go when nothing else
 * holds them (the cache dropped the record, the operation left the compiled plans).
 */
let memo = new WeakMap<object, WeakMap<ItemHandler, unknown[]>>();
let memoItems = 0;
/** Lists met once: a list is kept completed only when it comes again (the cache's, not a fresh one). */
let met = new WeakSet<object>();
/** Requests whose operation may use the memo (CompiledExecutor says so: no directives). */
const memoContexts = new WeakSet<object>();
/** Resolvers called and promises met since the process started: a list whose count moved is not kept. */
let impure = 0;

/** What the memo did, since the process started: for tests and the bench. */
export const listMemoStats = { hits: 0, kept: 0 };

/**
 * Lets this request's compiled execution read completed lists from the memo, and keep them: for
 * an operation whose answer depends on nothing but the data it reads (no `@skip`/`@include` or
 * other directive, whose arguments could come from variables).
 */
export function useListMemo(contextValue: unknown): void {
  if (typeof contextValue === 'object' && contextValue !== null) memoContexts.add(contextValue);
}

let mended = false;

/**
 * graphql-jit 0.8.9's runtime, mended once per process.
 *
 * A list item whose promise rejects was put at the end of the list (`resultArray.push(null)`)
 * instead of in its own place: `[rejected, null]` became `[null, null, null]`. Its code writes
 * every other item by index, so the only push is that one: the item's list and index are noted
 * as it is handed over (synchronously, by `safeMap`), and the push is moved back to its place.
 *
 * A list the data holds (a cached record's list: a country's 25 networks) is completed the same
 * way for every request that selects the same fields of it with the same compiled operation.
 * Once completed without calling a resolver, meeting a promise or recording an error, it is
 * kept, and the next such request gets the same completed list instead of completing every
 * item again: a varied 20 × 2 answer completes 40 lists of 1 000 items in all. Completed answers
 * are only read afterwards (serialised), never changed: an error elsewhere nulls a parent, not
 * a list kept here, since a kept list holds no error; and a kept list is frozen.
 */
export function mendListItemErrors(): void {
  if (mended) return;
  mended = true;
  const runtime = jitRuntime as unknown as Runtime;
  const { handleListItemResult, callResolver } = runtime;
  // The list and index of the item being handed over; no allocation per item.
  let list: unknown[] | undefined;
  let index = 0;
  const complete = (
    ctx: Execution,
    iterable: Iterable<unknown>,
    cb: ItemHandler,
    parents: unknown[],
  ): unknown[] => {
    const result: unknown[] = [];
    let i = 0;
    for (const item of iterable) {
      list = result;
      index = i;
      cb(ctx, item, i, result, ...parents);
      i++;
    }
    list = undefined;
    return result;
  };
  runtime.safeMap = function (ctx, iterable, cb, ...parents) {
    if (!Array.isArray(iterable) || !memoContexts.has(ctx.context as object)) {
      return complete(ctx, iterable, cb, parents);
    }
    const kept = memo.get(iterable)?.get(cb);
    if (kept) {
      listMemoStats.hits++;
      return kept;
    }
    const again = met.has(iterable);
    if (!again) met.add(iterable);
    const before = impure;
    const { errors, nullErrors } = ctx;
    const [errorCount, nullCount] = [errors.length, nullErrors.length];
    const result = complete(ctx, iterable, cb, parents);
    const pure = impure === before && errors.length === errorCount;
    if (again && pure && nullErrors.length === nullCount) keep(iterable, cb, result);
    return result;
  };
  runtime.callResolver = function (this: Runtime, ...args: unknown[]) {
    impure++;
    return callResolver.apply(this, args);
  } as Runtime['callResolver'];
  runtime.handleListItemResult = function (ctx, item, onSuccess, onError) {
    const place = list;
    const at = index;
    list = undefined;
    // What graphql-jit does with a value that is not a promise, without asking twice.
    if (!this.isPromise(item)) {
      onSuccess(item);
      return;
    }
    impure++;
    if (!place) {
      handleListItemResult.call(this, ctx, item, onSuccess, onError);
      return;
    }
    handleListItemResult.call(this, ctx, item, onSuccess, (error: unknown) => {
      const length = place.length;
      onError(error);
      if (place.length > length) place.length = length;
      place[at] = null;
    });
  };
}

function keep(iterable: unknown[], cb: ItemHandler, result: unknown[]): void {
  memoItems += result.length;
  if (memoItems > MAX_MEMO_ITEMS) {
    memo = new WeakMap();
    met = new WeakSet();
    memoItems = result.length;
  }
  // Shared by every request from now on: frozen all the way down, so that none can change it
  // (and the answer's size is counted once, src/limits/response.ts).
  deepFreeze(result);
  let byHandler = memo.get(iterable);
  if (!byHandler) memo.set(iterable, (byHandler = new WeakMap()));
  byHandler.set(cb, result);
  listMemoStats.kept++;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}
