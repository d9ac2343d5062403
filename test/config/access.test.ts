import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { tokenEntry } from '../helpers/auth';

const CREDS = { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's' };
const JWT = { AUTH_JWT_ISSUER: 'https://issuer.test', AUTH_JWT_AUDIENCE: 'gw' };

describe('production foot-guns in the configuration', () => {
  it.each([
    [
      { NODE_ENV: 'production' },
      /NODE_ENV=production but VONAGE_API_KEY and VONAGE_API_SECRET are not set/,
    ],
    [CREDS, /Real Vonage credentials are set but no caller authentication/],
    [{ VONAGE_API_KEY: '', VONAGE_API_SECRET: '' }, /VONAGE_API_KEY is set but empty/],
    [{ ...CREDS, AUTH: 'none', VONAGE_API_SECRET: '  ' }, /VONAGE_API_SECRET is set but empty/],
    [{ API_TOKENS: '' }, /API_TOKENS is set but empty/],
    [{ ...CREDS, SANDBOX: 'true', AUTH: 'none' }, /SANDBOX=true and VONAGE_API_KEY/],
    [{ API_TOKENS: 'ci:nothex:account:read' }, /API_TOKENS: entry 1 must be name:sha256hex/],
    [{ AUTH_JWT_SECRET: 'short', ...JWT }, /AUTH_JWT_SECRET must be at least 32 bytes/],
    [{ AUTH_JWT_SECRET: 'x'.repeat(32) }, /AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE must be set/],
    [
      { AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://issuer.test/jwks', ...JWT },
      /AUTH_JWKS_URL and AUTH_JWT_SECRET are both set/,
    ],
    [
      { ...CREDS, AUTH: 'none', API_TOKENS: tokenEntry('a', 't', ['account:read']) },
      /AUTH=none is set together with/,
    ],
    [{ AUTH: 'off' }, /AUTH must be one of none/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS must list origins/],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, /CORS_ORIGINS must list origins/],
    [{ TRUSTED_DOCUMENTS_MODE: 'allowlist' }, /TRUSTED_DOCUMENTS_MODE is set without/],
    [{ API_TOKENS_FILE: '/nonexistent/tokens' }, /API_TOKENS_FILE cannot be read \(ENOENT\)/],
    [
      { ROUTER_HMAC_SECRET: 'short-secret' },
      /ROUTER_HMAC_SECRET must be at least 32 characters long \(it has 12\)/,
    ],
    [{ ROUTER_TOKEN: 'x'.repeat(31) }, /ROUTER_TOKEN must be at least 32 characters long/],
    [{ ROUTER_TOKEN: '' }, /ROUTER_TOKEN is set but empty/],
    [{ ROUTER_ONLY: 'all' }, /ROUTER_ONLY is set without ROUTER_HMAC_SECRET or ROUTER_TOKEN/],
    [
      { ROUTER_TOKEN: 'x'.repeat(32), ROUTER_ONLY: 'router' },
      /ROUTER_ONLY must be one of federation, all/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads router-only access: off by default, federation unless ROUTER_ONLY says all', () => {
    expect(loadConfig({}).router).toBeUndefined();
    const secret = 's'.repeat(32);
    expect(loadConfig({ ROUTER_HMAC_SECRET: secret }).router).toEqual({
      hmacSecret: secret,
      token: undefined,
      only: 'federation',
    });
    expect(loadConfig({ ROUTER_TOKEN: secret, ROUTER_ONLY: 'all' }).router).toMatchObject({
      token: secret,
      only: 'all',
    });
  });

  it('never puts a router secret in an error message', () => {
    const secret = 'too-short-router-secret';
    expect(() => loadConfig({ ROUTER_HMAC_SECRET: secret })).toThrow(ConfigError);
    expect(() => loadConfig({ ROUTER_HMAC_SECRET: secret })).not.toThrow(secret);
  });

  it('runs the simulator under NODE_ENV=production only with SANDBOX=true, without auth', () => {
    const config = loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' });
    expect(config.sandbox).toBe(true);
    expect(config.auth.enforced).toBe(false);
  });

  it('starts with real credentials and AUTH=none, marked as explicit', () => {
    expect(loadConfig({ ...CREDS, AUTH: 'none' }).auth).toMatchObject({
      enforced: false,
      explicitNone: true,
    });
  });

  it('reads hashed API tokens from the variable and a file, scopes split on spaces', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tokens-'));
    const file = path.join(dir, 'tokens');
    writeFileSync(file, `# service callers\n${tokenEntry('billing', 'b', ['billing:write'])}\n`);
    const config = loadConfig({
      ...CREDS,
      API_TOKENS: tokenEntry('ci', 'c', ['account:read', 'numbers:read']),
      API_TOKENS_FILE: file,
    });
    expect(config.auth.enforced).toBe(true);
    expect(config.auth.apiTokens.map(({ name, scopes }) => ({ name, scopes }))).toEqual([
      { name: 'ci', scopes: ['account:read', 'numbers:read'] },
      { name: 'billing', scopes: ['billing:write'] },
    ]);
  });

  it('never puts a token hash in an error message', () => {
    const entry = tokenEntry('ci', 'secret-token', ['account:read']);
    const hash = entry.split(':')[1];
    try {
      loadConfig({ API_TOKENS: `${entry},ci:${hash}:x` });
      throw new Error('loadConfig did not throw');
    } catch (error) {
      expect((error as Error).message).toMatch(/"ci" is used twice/);
      expect((error as Error).message).not.toContain(hash);
    }
  });
});
