import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type SignatureMethod } from './events.settings';

/**
 * Vonage's signed webhooks (SMS API, "Signing messages"), as its Node SDK checks them
 * (`SMS.verifySignature`, @vonage/sms): every parameter but `sig`, sorted by name, each as
 * `&name=value` with `&` and `=` in the value replaced by `_`; then, for md5hash, the MD5 of that
 * text followed by the secret, otherwise the HMAC of that text keyed by the secret; in hex, any
 * case. The parameters carry `timestamp` (unix seconds) and `nonce`, so a signature is fresh.
 */
function expectedSignature(
  params: Readonly<Record<string, string>>,
  secret: string,
  method: SignatureMethod,
): string {
  let text = '';
  for (const name of Object.keys(params).sort()) {
    if (name === 'sig') continue;
    text += `&${name}=${params[name].replace(/[&=]/g, '_')}`;
  }
  if (method === 'md5hash')
    return createHash('md5')
      .update(text + secret, 'utf8')
      .digest('hex');
  return createHmac(method, secret).update(text, 'utf8').digest('hex');
}

/** Why a webhook was refused before its payload was read (the metrics' `reason`). */
export type Refusal = 'missing_signature' | 'wrong_signature' | 'missing_timestamp' | 'stale';

/**
 * Whether the webhook's `sig` is the one its parameters and the secret make (compared in constant
 * time), and its `timestamp` within `maxAgeSeconds` of now, either way.
 */
export function checkSignature(
  params: Readonly<Record<string, string>>,
  signature: { secret: string; method: SignatureMethod },
  maxAgeSeconds: number,
  nowMs: number,
): Refusal | undefined {
  const presented = params.sig;
  if (!presented) return 'missing_signature';
  const expected = Buffer.from(
    expectedSignature(params, signature.secret, signature.method),
    'latin1',
  );
  const given = Buffer.from(presented.toLowerCase(), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'wrong_signature';
  }
  // Signed, so not forged: but a copy sent again later must not count twice.
  const timestamp = params.timestamp;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing_timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxAgeSeconds) return 'stale';
  return undefined;
}
