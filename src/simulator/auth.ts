interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** Who may sign in: the sub-accounts area answers it from the live secrets of every account. */
export interface Keyring {
  accepts(apiKey: string, apiSecret: string): boolean;
}

export type AuthOutcome =
  { outcome: 'ok'; apiKey: string } | { outcome: 'failed' } | { outcome: 'twice' };

/**
 * Vonage accepts either an `Authorization: Basic` header or `api_key`/`api_secret` parameters (query
 * string or form body). The sandbox refuses a request that carries both (`twice`), so a client that
 * leaks the secret into a URL while also sending the header cannot pass unnoticed. Any Authorization
 * header counts as header credentials; one that is not valid Basic simply fails.
 */
export function authenticate(
  authorization: string | undefined,
  sources: readonly URLSearchParams[],
  keyring: Keyring,
): AuthOutcome {
  const inParameters = sources.some((params) => params.has('api_key') || params.has('api_secret'));
  if (authorization !== undefined && inParameters) return { outcome: 'twice' };
  const given = authorization !== undefined ? fromBasic(authorization) : fromParameters(sources);
  if (given === undefined || !keyring.accepts(given.apiKey, given.apiSecret)) {
    return { outcome: 'failed' };
  }
  return { outcome: 'ok', apiKey: given.apiKey };
}

function fromBasic(header: string): Credentials | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { apiKey: decoded.slice(0, colon), apiSecret: decoded.slice(colon + 1) };
}

function fromParameters(sources: readonly URLSearchParams[]): Credentials | undefined {
  const pick = (name: string) =>
    sources.map((params) => params.get(name)).find((value) => value !== null);
  const apiKey = pick('api_key');
  const apiSecret = pick('api_secret');
  return apiKey && apiSecret ? { apiKey, apiSecret } : undefined;
}
