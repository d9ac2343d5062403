import { AuthenticationError, type Caller } from './caller';

export interface JwtConfig {
  /** JWKS of the issuer (RS256, ES256, EdDSA…); or */
  jwksUrl?: string;
  /** a shared secret for HS256. */
  secret?: string;
  issuer: string;
  audience: string;
}

// jose 6 is ESM only: loaded with import(), which CommonJS output keeps.
const importJose = () => import('jose');
let jose: ReturnType<typeof importJose> | undefined;
const loadJose = () => (jose ??= importJose());

type JWTPayload = Record<string, unknown> & { sub?: string };

/** Scopes from the `scope` claim (space-separated, RFC 8693) or `scp` (string or array). */
function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(/\s+/).filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

export type JwtVerifier = (token: string) => Promise<Caller>;

/**
 * Verifies signature, expiry, issuer and audience; the caller is the `sub` with its scopes. A
 * token must carry `exp`: one without would be valid for ever, so a leaked token (or one signed
 * by mistake without a lifetime) could never be retired short of changing the secret or key.
 */
export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const keys = loadJose().then((j) =>
    config.jwksUrl
      ? j.createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000 })
      : new TextEncoder().encode(config.secret ?? ''),
  );
  const algorithms = config.jwksUrl ? undefined : ['HS256', 'HS384', 'HS512'];
  return async (token) => {
    const { jwtVerify } = await loadJose();
    const key = await keys;
    const checks = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp'] };
    try {
      const { payload } = await (typeof key === 'function'
        ? jwtVerify(token, key, checks)
        : jwtVerify(token, key, { ...checks, algorithms }));
      return { id: payload.sub ?? 'jwt', kind: 'jwt', scopes: new Set(scopesOf(payload)) };
    } catch (error) {
      const { code = 'ERR_JWT_INVALID', claim, reason } = error as Record<string, string>;
      if (claim === 'exp' && reason === 'missing') {
        throw new AuthenticationError(
          'The bearer JWT was refused: it has no `exp` (expiry) claim. This gateway accepts only tokens that expire: have the issuer set one.',
        );
      }
      throw new AuthenticationError(`The bearer JWT was refused (${code}).`);
    }
  };
}
