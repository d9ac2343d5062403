import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Vonage's side of a webhook, written from its documentation ("Signing messages") and not from
 * the gateway's code: the parameters but `sig` sorted by name, each as `&name=value` with `&`
 * and `=` in values made `_`; md5hash is MD5(text + secret), the others HMAC(secret, text); hex.
 */
export function sign(
  params: Record<string, string>,
  secret: string,
  method: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512',
): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'sig')
    .sort()
    .map((name) => `&${name}=${params[name].split('&').join('_').split('=').join('_')}`)
    .join('');
  return method === 'md5hash'
    ? createHash('md5')
        .update(text + secret)
        .digest('hex')
    : createHmac(method, secret).update(text).digest('hex');
}

/** What a signed webhook adds: when (unix seconds) and a nonce, then the signature. */
export function signed(
  params: Record<string, string>,
  secret: string,
  method: Parameters<typeof sign>[2] = 'sha256',
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const withTime = {
    ...params,
    timestamp: String(timestamp),
    nonce: randomBytes(8).toString('hex'),
  };
  return { ...withTime, sig: sign(withTime, secret, method) };
}

let next = 1;
/** An inbound SMS as Vonage sends it (every value a string). */
export function inboundSms(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'api-key': 'abcd1234',
    msisdn: '447700900001',
    to: '447700900999',
    messageId: `1A0000000000${String(next++).padStart(4, '0')}`,
    text: 'Hello & welcome = yes',
    type: 'text',
    keyword: 'HELLO',
    'message-timestamp': '2024-05-01 10:20:30',
    ...overrides,
  };
}

/** A delivery receipt as Vonage sends it. */
export function deliveryReceipt(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    msisdn: '447700900002',
    to: 'AcmeInc',
    'network-code': '23410',
    messageId: `0C0000000000${String(next++).padStart(4, '0')}`,
    price: '0.03330000',
    status: 'delivered',
    scts: '2405011021',
    'err-code': '0',
    'api-key': 'abcd1234',
    'message-timestamp': '2024-05-01 10:21:05',
    ...overrides,
  };
}

type How = 'json' | 'form' | 'get';

/** Sends a webhook the three ways Vonage can (GET, POST, POST-JSON); the answer's status and text. */
export async function sendWebhook(
  url: string,
  path: string,
  params: Record<string, string>,
  how: How = 'json',
): Promise<{ status: number; text: string }> {
  const query = new URLSearchParams(params).toString();
  const response =
    how === 'get'
      ? await fetch(`${url}${path}?${query}`)
      : await fetch(`${url}${path}`, {
          method: 'POST',
          headers: {
            'content-type':
              how === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          },
          body: how === 'json' ? JSON.stringify(params) : query,
        });
  return { status: response.status, text: await response.text() };
}
