import { SIGNATURE_METHODS, type SignatureMethod } from './webhooks.sign';

export interface WebhookOptions {
  /** Set: every webhook carries `timestamp`, `nonce` and `sig`. Default: unsigned. */
  signatureSecret?: string;
  /** Default `sha256` (HMAC-SHA256). */
  signatureMethod?: SignatureMethod;
  /** `POST` (the default) sends a body; `GET` puts the fields in the query string. */
  method?: 'POST' | 'GET';
  /** The POST body: `json` (the default) or `form` (urlencoded). */
  format?: 'json' | 'form';
  /** How long after `send-sms` its delivery receipt leaves. Default 10; 0 allowed. */
  delayMs?: number;
  /**
   * The wait before each attempt; its length bounds the attempts. Default [0, 50, 200]: three
   * attempts, as a bounded stand-in for Vonage resending for 24 hours.
   */
  retryDelaysMs?: number[];
  /** Per attempt. Default 5000. */
  timeoutMs?: number;
}

export type WebhookSettings = Required<Omit<WebhookOptions, 'signatureSecret'>> & {
  /** `''`: unsigned. */
  signatureSecret: string;
};

const KNOWN = new Set([
  'signatureSecret',
  'signatureMethod',
  'method',
  'format',
  'delayMs',
  'retryDelaysMs',
  'timeoutMs',
]);

export function initialSettings(options: WebhookOptions): WebhookSettings {
  return checkSettings(defaults(options));
}

/**
 * The settings after an admin body: every part checked before any applies, a part left out kept,
 * and `signatureSecret` `""` or null turning signing off.
 */
export function applySettings(current: WebhookSettings, input: unknown): WebhookSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('Send a JSON object like {"signatureSecret": "...", "method": "POST"}');
  }
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).find((name) => !KNOWN.has(name));
  if (unknown !== undefined) throw new TypeError(`Unknown webhook setting ${unknown}`);
  const secret = given.signatureSecret === null ? '' : given.signatureSecret;
  return checkSettings({
    ...current,
    ...given,
    signatureSecret: secret ?? current.signatureSecret,
  } as WebhookSettings);
}

/** The settings as the admin endpoint answers them: the secret itself never leaves. */
export function publicSettings(settings: WebhookSettings): Record<string, unknown> {
  const { signatureSecret, ...rest } = settings;
  return { signed: signatureSecret !== '', ...rest };
}

function defaults(options: WebhookOptions): WebhookSettings {
  return {
    signatureSecret: options.signatureSecret ?? '',
    signatureMethod: options.signatureMethod ?? 'sha256',
    method: options.method ?? 'POST',
    format: options.format ?? 'json',
    delayMs: options.delayMs ?? 10,
    retryDelaysMs: [...(options.retryDelaysMs ?? [0, 50, 200])],
    timeoutMs: options.timeoutMs ?? 5000,
  };
}

const MAX_ATTEMPTS = 10;
const MAX_WAIT_MS = 60_000;

function checkSettings(settings: WebhookSettings): WebhookSettings {
  const { signatureSecret, signatureMethod, method, format, delayMs, retryDelaysMs, timeoutMs } =
    settings;
  if (typeof signatureSecret !== 'string') throw new TypeError('signatureSecret must be a string');
  if (!SIGNATURE_METHODS.includes(signatureMethod)) {
    throw new RangeError(`signatureMethod must be one of ${SIGNATURE_METHODS.join(', ')}`);
  }
  if (method !== 'POST' && method !== 'GET') throw new RangeError('method must be POST or GET');
  if (format !== 'json' && format !== 'form') throw new RangeError('format must be json or form');
  checkWait(delayMs, 'delayMs');
  checkWait(timeoutMs, 'timeoutMs');
  if (timeoutMs === 0) throw new RangeError('timeoutMs must be > 0');
  if (
    !Array.isArray(retryDelaysMs) ||
    retryDelaysMs.length < 1 ||
    retryDelaysMs.length > MAX_ATTEMPTS
  ) {
    throw new RangeError(`retryDelaysMs must list 1 to ${MAX_ATTEMPTS} waits`);
  }
  for (const wait of retryDelaysMs) checkWait(wait, 'retryDelaysMs');
  return {
    signatureSecret,
    signatureMethod,
    method,
    format,
    delayMs,
    retryDelaysMs: [...retryDelaysMs],
    timeoutMs,
  };
}

function checkWait(ms: unknown, name: string): void {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_WAIT_MS) {
    throw new RangeError(`${name} must be whole milliseconds from 0 to ${MAX_WAIT_MS}`);
  }
}
