import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser } from 'playwright-core';
import { bearer, tokenEntry } from '../helpers/auth';
import { launchChromium } from '../helpers/chromium';
import { type TestGateway, startGateway } from '../helpers/gateway';

const TOKEN = 'browser-reader-token-0123456789abcdef';
const price = (country: string) => `{ pricing(country: "${country}") { countryCode } }`;

/** What a page's fetch to the gateway gave: the answer's body, or the browser's refusal. */
type Outcome = { body: unknown } | { refused: string };

describe('CORS in headless Chromium, from pages on other origins', () => {
  // A front-end's page, served over real HTTP under two host names (two origins). The browser
  // is not intercepted: Playwright's routing would answer preflights itself.
  let pages: Server;
  let app: string;
  let other: string;
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    pages = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>front-end</title>');
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const { port } = pages.address() as AddressInfo;
    app = `http://app.example.test:${port}`;
    other = `http://other.example.test:${port}`;
    gateway = await startGateway({
      CORS_ORIGINS: app,
      API_TOKENS: tokenEntry('browser', TOKEN, ['pricing:read']),
    });
    browser = await launchChromium(['--host-resolver-rules=MAP *.example.test 127.0.0.1']);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });

  /** From a page on `origin`: a POST with a token, which the browser preflights. */
  async function fetchFrom(origin: string, country: string): Promise<Outcome> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, query, headers }) => {
          try {
            const response = await fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify({ query }),
            });
            return { body: await response.json() };
          } catch (error) {
            return { refused: String(error) };
          }
        },
        { url: gateway.url, query: price(country), headers: bearer(TOKEN) },
      );
    } finally {
      await page.close();
    }
  }

  it('lets a page on an allowed origin call with a token, after the preflight', async () => {
    expect(await fetchFrom(app, 'GB')).toEqual({
      body: { data: { pricing: { countryCode: 'GB' } } },
    });
  });

  it('blocks a page on any other origin before its request is sent', async () => {
    const before = gateway.simulator!.counters.total;
    // A country nothing has read yet: had the POST run, it would have called the upstream.
    const outcome = await fetchFrom(other, 'DE');
    expect(outcome).toEqual({ refused: expect.stringContaining('Failed to fetch') });
    // The preflight was refused, so the POST never ran: nothing reached the upstream.
    expect(gateway.simulator!.counters.total).toBe(before);
  });
});
