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
  const runtime = jitRuntime as unknown as Runtime;
  const { handleListItemResult } = runtime;
  let current: { list: unknown[]; index: number } | undefined;
  runtime.safeMap = function (ctx, iterable, cb, ...idx) {
    const list: unknown[] = [];
    let index = 0;
    for (const item of iterable) {
      current = { list, index };
      cb(ctx, item, index, list, ...idx);
      index++;
    }
    current = undefined;
    return list;
  };
  runtime.handleListItemResult = function (ctx, item, onSuccess, onError) {
    const place = current;
    current = undefined;
    const settle = place
      ? (error: unknown) => {
          const length = place.list.length;
          onError(error);
          if (place.list.length > length) place.list.length = length;
          place.list[place.index] = null;
        }
      : onError;
    handleListItemResult.call(this, ctx, item, onSuccess, settle);
  };
}
