import { type FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '../base/error-codes';
import { listOf } from './advice';

/**
 * About how many bytes `value` takes as JSON, counted without building it, and no further than
 * just past `max`: keys, punctuation and values, over-estimated a little (strings that need
 * escaping or are not ASCII are counted again exactly once serialised).
 */
export function jsonSizeAbove(value: unknown, max: number): boolean {
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') bytes += item.length + 2;
    else if (item === null || typeof item !== 'object') bytes += 8;
    else if (Array.isArray(item)) {
      bytes += 2 + item.length;
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else {
      bytes += 2;
      for (const key in item) {
        bytes += key.length + 4;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (bytes > max) return true;
  }
  return false;
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
