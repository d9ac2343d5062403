import {
  ConfigError,
  type Setting,
  type SettingsDeclaration,
  choice,
  optional,
  parseUrl,
  wholeNumber,
} from '../config/settings';
import { oneOf } from '../config/values';

/** Vonage's signature methods, as its dashboard and SDKs name them (md5hash: MD5 of text+secret). */
export const SIGNATURE_METHODS = ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export interface EventsSettings {
  /** Unset: webhooks are accepted unsigned (outside production, or WEBHOOK_SIGNATURES=off). */
  signature?: { secret: string; method: SignatureMethod };
  /** A signed webhook's `timestamp` this far from now, either way, is refused as a replay. */
  maxAgeSeconds: number;
  /** The parts of a concatenated SMS are published together this long after the first came. */
  concatTimeoutMs: number;
  /** Where Vonage reaches the gateway (no trailing slash); unset: not known. */
  publicBaseUrl?: string;
}

const SECRET = optional(
  'WEBHOOK_SIGNATURE_SECRET',
  "the account's signature secret (Vonage dashboard, API settings): inbound SMS and delivery receipts must carry its sig, or are refused 401. Required under NODE_ENV=production with credentials unless WEBHOOK_SIGNATURES=off (the sandbox accepts unsigned ones)",
);
const METHOD = choice(
  'WEBHOOK_SIGNATURE_METHOD',
  SIGNATURE_METHODS,
  'sha256',
  'the signature method chosen in the dashboard: md5hash, md5, sha1, sha256 or sha512 (the HMACs)',
);
const SIGNATURES: Setting<'on' | 'off' | undefined> = {
  name: 'WEBHOOK_SIGNATURES',
  shown: 'unset',
  meaning:
    'off: accept unsigned webhooks under NODE_ENV=production on purpose (refused with a secret); on: refuse to start without WEBHOOK_SIGNATURE_SECRET. Unset: on under NODE_ENV=production with credentials, off in the sandbox',
  nonEmpty: true,
  read: (env) =>
    env.WEBHOOK_SIGNATURES
      ? oneOf(env, 'WEBHOOK_SIGNATURES', ['on', 'off'] as const, 'on')
      : undefined,
};
const MAX_AGE = wholeNumber('WEBHOOK_MAX_AGE_SECONDS', {
  fallback: 300,
  min: 1,
  max: 86_400,
  meaning:
    "a signed webhook whose timestamp is further than this from the gateway's clock (either way) is refused as a replay",
});
const CONCAT_TIMEOUT = wholeNumber('WEBHOOK_CONCAT_TIMEOUT_MS', {
  fallback: 10_000,
  min: 1,
  max: 600_000,
  meaning:
    'an inbound SMS in parts is published joined when its last part comes, or this long after its first with the parts that came (complete: false)',
});
const PUBLIC_BASE_URL: Setting<string | undefined> = {
  name: 'PUBLIC_BASE_URL',
  shown: 'unset',
  meaning:
    "the gateway's public base URL, where Vonage reaches it (https under NODE_ENV=production): the start logs the webhook URLs to set in the dashboard",
  nonEmpty: true,
  read: (env) => {
    const raw = env.PUBLIC_BASE_URL;
    if (!raw) return undefined;
    const url = parseUrl(raw);
    const production = env.NODE_ENV === 'production';
    const allowed = production ? ['https:'] : ['https:', 'http:'];
    if (!url || !allowed.includes(url.protocol) || url.search || url.hash) {
      throw new ConfigError(
        `PUBLIC_BASE_URL must be an absolute ${production ? 'https' : 'http(s)'} URL without query${production ? ' under NODE_ENV=production' : ''} (got "${raw}")`,
      );
    }
    return url.toString().replace(/\/+$/, '');
  },
};

/** What the events domain reads from the environment (config.events). */
export const eventsSettings: SettingsDeclaration<EventsSettings> = {
  section: 'webhooks',
  variables: [SECRET, METHOD, SIGNATURES, MAX_AGE, CONCAT_TIMEOUT, PUBLIC_BASE_URL],
  read: (env) => {
    const secret = SECRET.read(env);
    const method = METHOD.read(env);
    // Real webhooks reach a gateway with real credentials; the sandbox (which `npm start` runs
    // under NODE_ENV=production on a fresh machine) gets none but the ones a developer sends.
    const live = env.NODE_ENV === 'production' && Boolean(env.VONAGE_API_KEY);
    const signatures = SIGNATURES.read(env) ?? (live ? 'on' : undefined);
    if (secret && signatures === 'off') {
      throw new ConfigError(
        'WEBHOOK_SIGNATURES=off and WEBHOOK_SIGNATURE_SECRET are both set: unset one (the secret turns the check on)',
      );
    }
    if (!secret && signatures === 'on') {
      throw new ConfigError(
        live
          ? 'NODE_ENV=production with credentials but WEBHOOK_SIGNATURE_SECRET is not set: set it (and WEBHOOK_SIGNATURE_METHOD), or set WEBHOOK_SIGNATURES=off to accept unsigned webhooks on purpose'
          : 'WEBHOOK_SIGNATURES=on but WEBHOOK_SIGNATURE_SECRET is not set: set it',
      );
    }
    return {
      signature: secret ? { secret, method } : undefined,
      maxAgeSeconds: MAX_AGE.read(env),
      concatTimeoutMs: CONCAT_TIMEOUT.read(env),
      publicBaseUrl: PUBLIC_BASE_URL.read(env),
    };
  },
};
