import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { bearer, postGraphql } from '../helpers/auth';
import { type TestGateway, startGateway } from '../helpers/gateway';

// jose 6 is ESM only: import() keeps this file CommonJS for tsc (Jest transforms jose).
const loadJose = () => import('jose');
type Jose = Awaited<ReturnType<typeof loadJose>>;
type KeyPair = Awaited<ReturnType<Jose['generateKeyPair']>>;
let jose: Jose;
beforeAll(async () => {
  jose = await loadJose();
});

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'vonage-gateway';
const SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const READ_BALANCE = '{ account { balance { value } } }';
const TOP_UP = 'mutation { topUp(input: { trx: "00X123456Y7890123Z" }) { __typename } }';

function sign(
  claims: Record<string, unknown>,
  key: CryptoKey | Uint8Array,
  options: {
    alg?: string;
    kid?: string;
    iss?: string;
    aud?: string;
    /** `null`: no `exp` claim. */
    exp?: string | number | null;
  } = {},
): Promise<string> {
  const jwt = new jose.SignJWT(claims)
    .setProtectedHeader({
      alg: options.alg ?? 'HS256',
      ...(options.kid ? { kid: options.kid } : {}),
    })
    .setSubject('svc-1')
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '5m');
  return jwt.sign(key);
}

/** A refusal of a token without `exp`: 401, saying what is missing. */
function expectNoExpRefusal(result: Awaited<ReturnType<typeof postGraphql>>): void {
  expect(result.status).toBe(401);
  expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  expect(result.errors![0].message).toMatch(/has no `exp` \(expiry\) claim/);
  expect(result.data).toBeUndefined();
}

describe('JWT with a shared secret (HS256)', () => {
  let gateway: TestGateway;
  const key = new TextEncoder().encode(SECRET);

  beforeAll(async () => {
    gateway = await startGateway({
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(() => gateway.close());

  it('reads with the scopes of the `scope` claim and refuses what they do not cover', async () => {
    const token = await sign({ scope: 'account:read pricing:read' }, key);
    const read = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ account: { balance: { value: expect.any(String) } } });
    const write = await postGraphql(gateway.url, { query: TOP_UP }, bearer(token));
    expect(write.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Mutation.topUp',
    });
    expect(write.errors![0].message).toContain('caller "svc-1"');
  });

  it('accepts scopes as an `scp` array', async () => {
    const token = await sign({ scp: ['account:read'] }, key);
    const read = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(read.errors).toBeUndefined();
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 600 }],
    ['from another issuer', { iss: 'https://elsewhere.test' }],
    ['for another audience', { aud: 'another-api' }],
  ])('refuses a token %s with 401', async (_label, options) => {
    const token = await sign({ scope: 'account:read' }, key, options);
    const result = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('refuses a token without an expiry (`exp`) with 401, saying so', async () => {
    const token = await sign({ scope: 'account:read' }, key, { exp: null });
    expect(jose.decodeJwt(token).exp).toBeUndefined();
    expectNoExpRefusal(await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token)));
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TextEncoder().encode('another-secret-that-is-32-bytes-long');
    const token = await sign({ scope: 'account:read' }, other);
    const result = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(result.status).toBe(401);
  });
});

describe('JWT verified against a JWKS URL', () => {
  let jwks: Server;
  let gateway: TestGateway;
  const pairs: Record<string, KeyPair> = {};

  beforeAll(async () => {
    pairs.RS256 = await jose.generateKeyPair('RS256');
    pairs.ES256 = await jose.generateKeyPair('ES256');
    const keys = await Promise.all(
      Object.entries(pairs).map(async ([alg, pair]) => ({
        ...(await jose.exportJWK(pair.publicKey)),
        kid: alg.toLowerCase(),
        alg,
        use: 'sig',
      })),
    );
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    gateway = await startGateway({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it.each(['RS256', 'ES256'])('accepts a %s token signed by a key of the set', async (alg) => {
    const token = await sign({ scope: 'account:read' }, pairs[alg].privateKey, {
      alg,
      kid: alg.toLowerCase(),
    });
    const read = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ account: { balance: { value: expect.any(String) } } });
  });

  it.each([
    ['from another issuer', { iss: 'https://elsewhere.test' }],
    ['for another audience', { aud: 'another-api' }],
    ['expired', { exp: Math.floor(Date.now() / 1000) - 600 }],
  ])('refuses a key-set token %s with 401', async (_label, options) => {
    const token = await sign({ scope: 'account:read' }, pairs.ES256.privateKey, {
      alg: 'ES256',
      kid: 'es256',
      ...options,
    });
    const result = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token of the set without an expiry (`exp`) with 401, saying so', async () => {
    const token = await sign({ scope: 'account:read' }, pairs.ES256.privateKey, {
      alg: 'ES256',
      kid: 'es256',
      exp: null,
    });
    expectNoExpRefusal(await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token)));
  });

  it('refuses a token signed by a key outside the set, and an HS256 token', async () => {
    const stranger = await jose.generateKeyPair('RS256');
    const foreign = await sign({ scope: 'account:read' }, stranger.privateKey, {
      alg: 'RS256',
      kid: 'rs256',
    });
    const hs = await sign({ scope: 'account:read' }, new TextEncoder().encode(SECRET));
    for (const token of [foreign, hs]) {
      const result = await postGraphql(gateway.url, { query: READ_BALANCE }, bearer(token));
      expect(result.status).toBe(401);
    }
  });
});
