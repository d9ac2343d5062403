import { createHash, timingSafeEqual } from 'node:crypto';
import { type Caller } from './caller';

/** A static API token for a service caller: only the SHA-256 of the token is configured. */
export interface ApiToken {
  name: string;
  sha256: Buffer;
  scopes: string[];
}

const ENTRY = /^([A-Za-z0-9_.-]+):([0-9a-fA-F]{64}):(.*)$/;

/**
 * Parses `name:sha256hex:scope1 scope2` entries, separated by commas or new lines (a file may
 * carry `#` comments). Throws with the entry's position, never its hash, on a malformed entry.
 */
export function parseApiTokens(text: string, source: string): ApiToken[] {
  const entries = text
    .split(/[,\n]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const tokens = entries.map((entry, index) => {
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new Error(
        `${source}: entry ${index + 1} must be name:sha256hex:scope1 scope2 (64 hex digits, the SHA-256 of the token)`,
      );
    }
    return {
      name: match[1],
      sha256: Buffer.from(match[2], 'hex'),
      scopes: match[3].split(/\s+/).filter(Boolean),
    };
  });
  const names = new Set<string>();
  for (const token of tokens) {
    if (names.has(token.name)) throw new Error(`${source}: the name "${token.name}" is used twice`);
    names.add(token.name);
  }
  return tokens;
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The caller a presented token belongs to, or undefined. Every configured hash is compared, in
 * constant time, so the answer's timing does not tell which entry came close.
 */
export function matchApiToken(tokens: readonly ApiToken[], presented: string): Caller | undefined {
  const digest = sha256(presented);
  let found: ApiToken | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(digest, token.sha256) && !found) found = token;
  }
  return found && { id: found.name, kind: 'token', scopes: new Set(found.scopes) };
}
