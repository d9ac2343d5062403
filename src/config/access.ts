import { type AuthConfig, parseApiTokens } from '../auth';
import { type RouterConfig, type TrustedDocumentsConfig } from './types';
import { ConfigError, type Env, httpUrl, oneOf, parseUrl, readConfigFile } from './values';

/** Who may call, from where, and which documents: the access settings of the configuration. */

/**
 * Caller authentication. With real credentials an auth configuration is required, or AUTH=none
 * on purpose; the sandbox may run without one (and says so at start).
 */
export function authConfig(env: Env, sandbox: boolean): AuthConfig {
  const explicitNone = oneOf(env, 'AUTH', ['none'], 'none') === 'none' && env.AUTH !== undefined;
  let apiTokens: AuthConfig['apiTokens'] = [];
  try {
    if (env.API_TOKENS) apiTokens = parseApiTokens(env.API_TOKENS, 'API_TOKENS');
    if (env.API_TOKENS_FILE) {
      const text = readConfigFile('API_TOKENS_FILE', env.API_TOKENS_FILE);
      apiTokens = [...apiTokens, ...parseApiTokens(text, 'API_TOKENS_FILE')];
    }
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const jwksUrl = httpUrl(env, 'AUTH_JWKS_URL');
  const secret = env.AUTH_JWT_SECRET;
  if (jwksUrl && secret) {
    throw new ConfigError('AUTH_JWKS_URL and AUTH_JWT_SECRET are both set: give one of them');
  }
  if (secret && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('AUTH_JWT_SECRET must be at least 32 bytes long (HS256)');
  }
  const usesJwt = Boolean(jwksUrl || secret);
  if (usesJwt && (!env.AUTH_JWT_ISSUER || !env.AUTH_JWT_AUDIENCE)) {
    throw new ConfigError(
      'AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE must be set with AUTH_JWKS_URL or AUTH_JWT_SECRET: tokens are checked against both',
    );
  }
  if (!usesJwt && (env.AUTH_JWT_ISSUER || env.AUTH_JWT_AUDIENCE)) {
    throw new ConfigError(
      'AUTH_JWT_ISSUER/AUTH_JWT_AUDIENCE are set without AUTH_JWKS_URL or AUTH_JWT_SECRET',
    );
  }
  const configured = apiTokens.length > 0 || usesJwt;
  if (explicitNone && configured) {
    throw new ConfigError(
      'AUTH=none is set together with API_TOKENS/AUTH_JWT_*: remove AUTH=none to enforce them',
    );
  }
  if (!sandbox && !configured && !explicitNone) {
    throw new ConfigError(
      'Real Vonage credentials are set but no caller authentication: set API_TOKENS (or API_TOKENS_FILE), AUTH_JWKS_URL or AUTH_JWT_SECRET with AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE; or set AUTH=none to let anyone who reaches /graphql act with these credentials',
    );
  }
  return {
    enforced: configured,
    explicitNone,
    apiTokens,
    jwt: usesJwt
      ? {
          jwksUrl,
          secret,
          issuer: env.AUTH_JWT_ISSUER as string,
          audience: env.AUTH_JWT_AUDIENCE as string,
        }
      : undefined,
    metricsToken: env.METRICS_TOKEN,
  };
}

export function corsOrigins(env: Env): string[] {
  if (!env.CORS_ORIGINS) return [];
  return env.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      const url = parseUrl(origin);
      if (origin === '*' || !url || url.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError(
          `CORS_ORIGINS must list origins like https://app.example.com, without paths or "*" (got "${origin}")`,
        );
      }
      return url.origin;
    });
}

export function trustedDocuments(env: Env): TrustedDocumentsConfig | undefined {
  const mode = oneOf(env, 'TRUSTED_DOCUMENTS_MODE', ['allowlist', 'mixed'], 'allowlist');
  if (!env.TRUSTED_DOCUMENTS) {
    if (env.TRUSTED_DOCUMENTS_MODE) {
      throw new ConfigError(
        'TRUSTED_DOCUMENTS_MODE is set without TRUSTED_DOCUMENTS (the manifest)',
      );
    }
    return undefined;
  }
  return { path: env.TRUSTED_DOCUMENTS, mode };
}

/** Shared secrets shorter than this are refused: a router secret is made once, by a machine. */
const MIN_ROUTER_SECRET = 32;

/** Router-only access: unset unless ROUTER_HMAC_SECRET or ROUTER_TOKEN is (each checked if both). */
export function routerAccess(env: Env): RouterConfig | undefined {
  const only = oneOf(env, 'ROUTER_ONLY', ['federation', 'all'], 'federation');
  const hmacSecret = env.ROUTER_HMAC_SECRET;
  const token = env.ROUTER_TOKEN;
  for (const [name, secret] of [
    ['ROUTER_HMAC_SECRET', hmacSecret],
    ['ROUTER_TOKEN', token],
  ] as const) {
    // The length only: the secret itself is never part of a message.
    if (secret !== undefined && secret.length < MIN_ROUTER_SECRET) {
      throw new ConfigError(
        `${name} must be at least ${MIN_ROUTER_SECRET} characters long (it has ${secret.length}): make one with openssl rand -base64 32`,
      );
    }
  }
  if (!hmacSecret && !token) {
    if (env.ROUTER_ONLY) {
      throw new ConfigError(
        'ROUTER_ONLY is set without ROUTER_HMAC_SECRET or ROUTER_TOKEN: set the secret the router proves itself with',
      );
    }
    return undefined;
  }
  return { hmacSecret, token, only };
}
