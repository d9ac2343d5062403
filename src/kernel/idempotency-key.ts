import { badUserInput } from './errors';

/** The argument's description, the same on every mutation that spends money. */
export const IDEMPOTENCY_KEY =
  'Makes the call safe to repeat: the same key with the same arguments within 24 h returns the ' +
  'first result without calling Vonage again; with other arguments it is refused ' +
  '(IDEMPOTENCY_KEY_REUSED). 1 to 255 printable ASCII characters, e.g. a UUID.';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The key, checked before anything is sent; undefined when none was given. */
export function checkIdempotencyKey(key: string | null | undefined): string | undefined {
  if (key === null || key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw badUserInput(
      'idempotencyKey',
      'must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID',
    );
  }
  return key;
}

/**
 * The key of the operation's one money mutation: the `idempotencyKey` argument or the
 * `Idempotency-Key` HTTP header, which mean the same. Both given and different: refused.
 */
export function resolveIdempotencyKey(
  argument: string | null | undefined,
  header: string | undefined,
): string | undefined {
  if (argument != null && header !== undefined && argument !== header) {
    throw badUserInput(
      'idempotencyKey',
      'differs from the Idempotency-Key header: give the key once, or the same in both',
    );
  }
  return checkIdempotencyKey(argument ?? header);
}
