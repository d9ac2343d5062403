import { createHash, createHmac } from 'node:crypto';

/**
 * Vonage's signed SMS webhooks ("Signing Messages", developer.vonage.com/getting-started/concepts/
 * signing-messages), as the dashboard's signature method names them: `md5hash` is the legacy MD5 of
 * the base string with the secret appended, the others an HMAC of the base string keyed by the
 * secret.
 */
export type SignatureMethod = 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';

export const SIGNATURE_METHODS: readonly SignatureMethod[] = [
  'md5hash',
  'md5',
  'sha1',
  'sha256',
  'sha512',
];

/**
 * `&name=value` for every field but `sig`, sorted by name, with each `&` and `=` inside a value
 * replaced by `_`. Names are compared by UTF-16 code unit, which for the ASCII names of these
 * webhooks is the byte order PHP's `ksort` and Python's `sorted` use in Vonage's SDKs.
 */
export function signatureBase(fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .filter((name) => name !== 'sig')
    .sort()
    .map((name) => `&${name}=${(fields[name] ?? '').replace(/[&=]/g, '_')}`)
    .join('');
}

/**
 * The `sig` Vonage puts on a webhook. Case follows what Vonage sends: the HMAC methods arrive as
 * upper-case hex (the SMS spec's `sig` example is 64 upper-case digits; the PHP SDK upper-cases its
 * HMACs "to match the server", vonage-php-sdk-core#154), the legacy MD5 hash as lower-case hex (as
 * the PHP and .NET SDKs compute it). The SDKs compare case-insensitively, so either passes them.
 */
export function signFields(
  fields: Readonly<Record<string, string>>,
  secret: string,
  method: SignatureMethod,
): string {
  const base = signatureBase(fields);
  if (method === 'md5hash') return createHash('md5').update(`${base}${secret}`).digest('hex');
  return createHmac(method, secret).update(base).digest('hex').toUpperCase();
}
