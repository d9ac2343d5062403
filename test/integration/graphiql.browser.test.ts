import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { launchChromium } from '../helpers/chromium';
import { type TestGateway, startGateway } from '../helpers/gateway';

const ROOT = path.resolve(__dirname, '..', '..');
const QUERY = '{ account { balance { value } } }';

interface Recorded {
  url: string;
  method: string;
  contentType: string | undefined;
}

/** Operation names of schema/examples.graphql, in order: GraphiQL titles its tabs with them. */
function exampleNames(): string[] {
  const source = readFileSync(path.join(ROOT, 'schema', 'examples.graphql'), 'utf8');
  return [...source.matchAll(/^\s*(?:query|mutation|subscription)\s+(\w+)/gm)].map((m) => m[1]);
}

/** Text of the Monaco editor inside `selector`, through the instance GraphiQL exposes. */
/** GraphiQL re-reads the operation after a short debounce; the tab title shows it did. */
async function operationReread(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.graphiql-tab-active .graphiql-tab-button')?.textContent ===
      '<untitled>',
    undefined,
    { timeout: 5_000 },
  );
}

function editorText(page: Page, selector: string): Promise<string | undefined> {
  return page.evaluate((sel) => {
    type Editor = { getContainerDomNode(): HTMLElement; getValue(): string };
    const monaco = (globalThis as { __MONACO?: { editor: { getEditors(): Editor[] } } }).__MONACO;
    const editor = monaco?.editor
      .getEditors()
      .find((e) => e.getContainerDomNode().closest(sel) !== null);
    return editor?.getValue();
  }, selector);
}

describe('GraphiQL served by the gateway, in headless Chromium', () => {
  let gateway: TestGateway | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts', 'build-graphiql.js'), '--if-missing'],
      { cwd: ROOT },
    );
    gateway = await startGateway();
    // A missing browser fails the suite: a skipped test would hide that GraphiQL is untested.
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gateway?.close();
  });

  it('runs a query from the preloaded page without any request leaving the gateway', async () => {
    const origin = new URL(gateway!.url).origin;
    context = await browser!.newContext();
    const requests: Recorded[] = [];
    const problems: string[] = [];
    // Anything not addressed to the gateway is recorded and aborted, so it cannot leave anyway.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    page.on('request', (req) => {
      requests.push({
        url: req.url(),
        method: req.method(),
        contentType: req.headers()['content-type'],
      });
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Failed to load resource/i.test(message.text())) {
        problems.push(`console: ${message.text()}`);
      }
    });

    await page.goto(`${gateway!.url}/graphiql`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/graphiql/');
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 20_000 });

    // The examples are the default tabs, the first one open.
    const names = exampleNames();
    expect(names.length).toBeGreaterThan(0);
    await expect(page.locator('.graphiql-tab-button').allInnerTexts()).resolves.toEqual(names);
    await page.waitForFunction(() => (globalThis as { __MONACO?: unknown }).__MONACO !== undefined);
    expect(await editorText(page, '.graphiql-query-editor')).toContain(names[0]);

    // Replace the operation through the keyboard, as a user would, then run it.
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(QUERY);
    expect(await editorText(page, '.graphiql-query-editor')).toBe(QUERY);
    await operationReread(page);
    await page.locator('.graphiql-execute-button').click();

    await page
      .locator('.graphiql-response')
      .getByText('"value"')
      .first()
      .waitFor({ timeout: 15_000 });
    const response = JSON.parse((await editorText(page, '.graphiql-response')) ?? '{}');
    expect(response.errors).toBeUndefined();
    expect(response.data.account.balance.value).toEqual(expect.any(String));

    // Same origin only, and queries go out as POST application/json (Apollo's CSRF rule).
    const foreign = requests.filter(
      (r) => !r.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(r.url),
    );
    expect(foreign).toEqual([]);
    // Monaco's three workers come from the bundle folder (MonacoEnvironment.getWorker).
    for (const worker of ['editor', 'json', 'graphql']) {
      expect(requests.map((r) => r.url)).toContainEqual(
        expect.stringMatching(new RegExp(`^${origin}/graphiql/${worker}\\.worker-\\w+\\.js$`)),
      );
    }
    const graphqlCalls = requests.filter((r) => r.url === `${origin}/graphql`);
    expect(graphqlCalls.length).toBeGreaterThan(0);
    for (const call of graphqlCalls) {
      expect(call).toEqual({
        url: `${origin}/graphql`,
        method: 'POST',
        contentType: expect.stringContaining('application/json'),
      });
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('runs a subscription on the event streams and shows the SMS the sandbox sends', async () => {
    const connected = await gateway!.graphql('mutation { connectLiveEvents { __typename } }');
    expect(connected.data).toEqual({ connectLiveEvents: { __typename: 'LiveEventsConnected' } });
    const origin = new URL(gateway!.url).origin;
    const own = await browser!.newContext();
    await own.route('**/*', (route) =>
      route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort(),
    );
    const page = await own.newPage();
    const streams: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(`${origin}/graphql/stream`)) streams.push(req.method());
    });
    await page.goto(`${gateway!.url}/graphiql`, { waitUntil: 'load' });
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => (globalThis as { __MONACO?: unknown }).__MONACO !== undefined);
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('subscription { inboundSms { text } }');
    await operationReread(page);
    await page.locator('.graphiql-execute-button').click();

    const bus = gateway!.app.runtime.services.events.bus;
    for (let i = 0; i < 4_000 && bus.subscribers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(bus.subscribers).toBe(1);
    const simulator = gateway!.simulator!;
    const [to] = [...simulator.state.numbers.owned.entries()].find(([, n]) => !n.moHttpUrl)!;
    await simulator.sendInboundSms({ to, text: 'Seen in GraphiQL' });
    await page
      .locator('.graphiql-response')
      .getByText('Seen in GraphiQL')
      .waitFor({ timeout: 15_000 });
    expect(streams).toEqual(['POST']);
    await own.close();
  }, 60_000);
});
