import { ANONYMOUS, type Access, AuthenticationError, OPEN_ACCESS } from './caller';
import { type JwtConfig, type JwtVerifier, createJwtVerifier } from './jwt';
import { type ApiToken, matchApiToken, sha256 } from './tokens';
import { timingSafeEqual } from 'node:crypto';

export interface AuthConfig {
  /** False in the sandbox without auth, and with AUTH=none: every caller may do everything. */
  enforced: boolean;
  /** AUTH=none was given explicitly (with real credentials: a loud warning at start). */
  explicitNone: boolean;
  apiTokens: ApiToken[];
  jwt?: JwtConfig;
  /** Bearer token Prometheus sends to /metrics. */
  metricsToken?: string;
}

export type Authenticate = (authorization: string | undefined) => Promise<Access>;

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** The bearer token of an Authorization header; undefined without one. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
  }
  return match[1];
}

/**
 * Turns a request's Authorization header into its access. No header: the anonymous caller
 * (refused wherever a field declares a scope). A header that does not verify: an
 * AuthenticationError, answered with 401 before anything runs.
 */
export function createAuthenticator(config: AuthConfig): Authenticate {
  if (!config.enforced) return async () => OPEN_ACCESS;
  const verifyJwt: JwtVerifier | undefined = config.jwt && createJwtVerifier(config.jwt);
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (token === undefined) return { caller: ANONYMOUS, enforced: true };
    const byToken = matchApiToken(config.apiTokens, token);
    if (byToken) return { caller: byToken, enforced: true };
    if (verifyJwt && JWT_SHAPE.test(token))
      return { caller: await verifyJwt(token), enforced: true };
    throw new AuthenticationError('The bearer token is not a known API token or a valid JWT.');
  };
}

/** Compares a presented secret with the configured one in constant time. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

export { type Access, AuthenticationError, OPEN_ACCESS } from './caller';
export { type ApiToken, parseApiTokens } from './tokens';
