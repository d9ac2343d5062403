import { type FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '../base/error-codes';
import { listOf } from './advice';

/** Sizes counted of values frozen all the way down: they cannot change, so once is enough. */
const frozenSizes = new WeakMap<object, number>();

/**
 * About how many bytes `value` takes as JSON, counted without building it, and no further than
 * just past `max`: keys, punctuation and values, over-estimated a little (strings that need
 * escaping or are not ASCII are counted again exactly once serialised). A part frozen all the
 * way down (the lists compiled execution keeps for every request, src/execution) is counted
 * once per process, not once per answer.
 */
export function jsonSizeAbove(value: unknown, max: number): boolean {
  return measure(value, max).bytes > max;
}

function measure(value: unknown, max: number): { bytes: number; frozen: boolean } {
  const stack: unknown[] = [value];
  let bytes = 0;
  let frozen = true;
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') bytes += item.length + 2;
    else if (item === null || typeof item !== 'object') bytes += 8;
    else if (item !== value && Object.isFrozen(item)) {
      const inner = frozenSize(item);
      bytes += inner.bytes;
      frozen &&= inner.frozen;
    } else {
      frozen &&= Object.isFrozen(item);
      if (Array.isArray(item)) {
        bytes += 2 + item.length;
        for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      } else {
        bytes += 2;
        for (const key in item) {
          bytes += key.length + 4;
          stack.push((item as Record<string, unknown>)[key]);
        }
      }
    }
    if (bytes > max) break;
  }
  return { bytes, frozen };
}

/** A frozen object's size, kept when everything inside it is frozen too. */
function frozenSize(item: object): { bytes: number; frozen: boolean } {
  const known = frozenSizes.get(item);
  if (known !== undefined) return { bytes: known, frozen: true };
  const measured = measure(item, Infinity);
  if (measured.frozen) frozenSizes.set(item, measured.bytes);
  return measured;
}

/**
 * Apollo's `stringifyResult` with a ceiling: the answer's size is counted first, without
 * serialising it, and once that passes `maxBytes` the client gets RESPONSE_TOO_LARGE instead,
 * so no answer can fill the heap. The cost estimate refuses the big operations before they run;
 * this is the backstop for what the estimate did not foresee. (A replacer function counting
 * as JSON.stringify went cost half as much again as serialising: it is called for every value.)
 */
export function boundedStringify(
  maxBytes: number,
  onTooLarge?: () => void,
  /** What else to select fewer of, in the domains' terms (their `advice.fewer`). */
  fewer: readonly string[] = [],
) {
  const advice = `select fewer ${listOf(['fields', ...fewer])}, or split the operation`;
  return (result: FormattedExecutionResult): string => {
    if (!jsonSizeAbove(result, maxBytes)) {
      const text = JSON.stringify(result);
      if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
    }
    onTooLarge?.();
    return JSON.stringify({
      data: null,
      errors: [
        {
          message: `The answer is larger than the gateway's limit of ${maxBytes} bytes: ${advice}.`,
          extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: maxBytes },
        },
      ],
    });
  };
}
