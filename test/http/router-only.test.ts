import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type RouterConfig } from '../../src/config/config';
import { createRouterGate } from '../../src/http/router-only';

const TOKEN = 'router-token-0123456789abcdef-0123456789';
const SECRET = 'router-hmac-secret-0123456789abcdef-0123';
const URL_ = new URL('http://gateway.local/graphql');
const PUBLIC = { query: '{ pricing(country: "GB") { countryCode } }' };
const SERVICE = { query: '{ _service { sdl } }' };

function check(
  config: RouterConfig,
  body: unknown,
  headers: IncomingHttpHeaders = {},
  method = 'POST',
  url = URL_,
) {
  return createRouterGate(config).check(method, headers, body, url, method === 'POST');
}

const signed = (body: { query: string }, secret = SECRET) => ({
  ...body,
  extensions: {
    'hmac-signature': createHmac('sha256', secret)
      .update(JSON.stringify({ query: body.query }))
      .digest('base64'),
  },
});

describe('router-only access with ROUTER_TOKEN', () => {
  const config: RouterConfig = { token: TOKEN, only: 'federation' };

  it('knows the router by its Router-Authorization header', () => {
    expect(check(config, SERVICE, { 'router-authorization': TOKEN })).toEqual({ router: true });
  });

  it('refuses a wrong token (401) without repeating it, and _service without one (403)', () => {
    const wrong = check(config, PUBLIC, { 'router-authorization': `${TOKEN}x` });
    expect(wrong.refusal).toMatchObject({ status: 401, code: 'ROUTER_ONLY' });
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
    expect(check(config, SERVICE).refusal).toMatchObject({ status: 403, code: 'ROUTER_ONLY' });
  });

  it('lets other callers run other operations, by POST and by GET', () => {
    expect(check(config, PUBLIC)).toEqual({ router: false });
    const get = new URL(URL_);
    get.searchParams.set('query', PUBLIC.query);
    expect(check(config, undefined, {}, 'GET', get)).toEqual({ router: false });
    get.searchParams.set('query', SERVICE.query);
    expect(check(config, undefined, {}, 'GET', get).refusal?.status).toBe(403);
  });

  it('refuses _entities in any request of a batch', () => {
    expect(check(config, [PUBLIC, SERVICE]).refusal?.status).toBe(403);
  });

  it('with ROUTER_ONLY=all, refuses every request that is not the router', () => {
    const all: RouterConfig = { ...config, only: 'all' };
    expect(check(all, PUBLIC).refusal).toMatchObject({ status: 403, code: 'ROUTER_ONLY' });
    expect(check(all, PUBLIC, { 'router-authorization': TOKEN })).toEqual({ router: true });
  });
});

describe('router-only access with both a token and a signature', () => {
  const config: RouterConfig = { token: TOKEN, hmacSecret: SECRET, only: 'federation' };
  const headers = { 'router-authorization': TOKEN };

  it('needs both from the router', () => {
    expect(check(config, signed(SERVICE), headers)).toEqual({ router: true });
    expect(check(config, SERVICE, headers).refusal?.status).toBe(403);
    expect(check(config, signed(SERVICE)).refusal?.status).toBe(403);
    expect(check(config, signed(SERVICE, `${SECRET}x`), headers).refusal?.status).toBe(401);
  });

  it('reads no signature from a GET: it is never the router', () => {
    const get = new URL(URL_);
    get.searchParams.set('query', PUBLIC.query);
    get.searchParams.set('extensions', JSON.stringify(signed(PUBLIC).extensions));
    expect(check(config, undefined, headers, 'GET', get)).toEqual({ router: false });
  });
});
