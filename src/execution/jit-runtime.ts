import { jitRuntime } from 'graphql-jit/dist/runtime';

type Runtime = {
  safeMap(
    ctx: unknown,
    iterable: Iterable<unknown>,
    cb: (...args: unknown[]) => void,
    ...idx: unknown[]
  ): unknown[];
  handleListItemResult(
    ctx: unknown,
    item: unknown,
    onSuccess: (value: unknown) => void,
    onError: (error: unknown) => void,
  ): void;
};

let mended = false;

/**
 * graphql-jit 0.8.9 puts a list item whose promise rejects at the end of the list
 * (`resultArray.push(null)`) instead of in its own place: `[rejected, null]` became
 * `[null, null, null]`. Its code writes every other item by index, so the only push is that
 * one: the item's list and index are noted as it is handed over (synchronously, by `safeMap`),
 * and the push is moved back to the item's place. Once per process.
 */
export function mendListItemErrors(): void {
  if (mended) return;
  mended = true;
  const runtime = jitRuntime as unknown as Runtime & { isPromise(value: unknown): boolean };
  const { handleListItemResult } = runtime;
  // The list and index of the item being handed over; no allocation per item.
  let list: unknown[] | undefined;
  let index = 0;
  runtime.safeMap = function (ctx, iterable, cb, ...idx) {
    const result: unknown[] = [];
    let i = 0;
    for (const item of iterable) {
      list = result;
      index = i;
      cb(ctx, item, i, result, ...idx);
      i++;
    }
    list = undefined;
    return result;
  };
  runtime.handleListItemResult = function (ctx, item, onSuccess, onError) {
    const place = list;
    const at = index;
    list = undefined;
    // What graphql-jit does with a value that is not a promise, without asking twice.
    if (!this.isPromise(item)) {
      onSuccess(item);
      return;
    }
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
