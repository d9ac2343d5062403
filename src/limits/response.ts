import { type FormattedExecutionResult } from 'graphql';
import { LimitCode } from './plugin';

class TooLarge extends Error {}

/**
 * Apollo's `stringifyResult` with a ceiling: the answer is serialised value by value, and once
 * it passes `maxBytes` serialising stops and the client gets RESPONSE_TOO_LARGE instead, so no
 * answer can fill the heap. The cost estimate refuses the big operations before they run; this
 * is the backstop for what the estimate did not foresee.
 */
export function boundedStringify(maxBytes: number, onTooLarge?: () => void) {
  return (result: FormattedExecutionResult): string => {
    let bytes = 0;
    try {
      const text = JSON.stringify(result, (key, value: unknown) => {
        // Keys, punctuation and values, over-estimated a little: stops early, never late.
        bytes += key.length + 4;
        if (typeof value === 'string') bytes += value.length * (value.length > 64 ? 1.1 : 1);
        else if (typeof value === 'number') bytes += 8;
        if (bytes > maxBytes) throw new TooLarge();
        return value;
      });
      if (Buffer.byteLength(text) <= maxBytes) return text;
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
    }
    onTooLarge?.();
    return JSON.stringify({
      data: null,
      errors: [
        {
          message: `The answer is larger than the gateway's limit of ${maxBytes} bytes: select fewer fields, countries or types, or split the operation.`,
          extensions: { code: LimitCode.RESPONSE_TOO_LARGE, limit: maxBytes },
        },
      ],
    });
  };
}
