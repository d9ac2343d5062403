import { type TestGateway, startGateway } from '../helpers/gateway';

const ALLOWED = 'http://app.example.test';

describe('CORS with CORS_ORIGINS', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway({ CORS_ORIGINS: ALLOWED });
  });
  afterAll(() => gateway.close());

  const preflight = (origin: string) =>
    fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });

  it('answers a preflight from an allowed origin, echoing it (never *)', async () => {
    const response = await preflight(ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from another origin, without CORS headers', async () => {
    const response = await preflight('http://evil.example.test');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a simple cross-origin GET is refused', async () => {
    const response = await fetch(`${gateway.url}/graphql?query=%7B__typename%7D`, {
      headers: { origin: ALLOWED },
    });
    expect(response.status).toBe(400);
  });
});
