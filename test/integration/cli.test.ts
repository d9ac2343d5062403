import { type ChildProcess, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LISTEN_TIMEOUT_MS } from '../../src/server/listen';
import { environment } from '../../src/config/help';
import { DOMAIN_SETTINGS } from '../../src/domains';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { spawnGateway, startupLine } from '../helpers/process';

/** Every variable --help lists: the shared ones and each domain's. */
const ENVIRONMENT = environment(DOMAIN_SETTINGS);

/**
 * How long a start that is refused may take: the listen deadline the gateway sets itself, plus
 * slack for a busy machine to load it. A start that hangs is killed then and fails its test.
 */
const EXIT_BOUND_MS = LISTEN_TIMEOUT_MS + 15_000;

/** Waits for the gateway to exit (killing it past EXIT_BOUND_MS): its exit code and stderr. */
async function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_BOUND_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr };
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'cli-test-'));
  writeFileSync(path.join(scratch, 'a-file'), 'not a directory\n');
  writeFileSync(path.join(scratch, 'not-json.json'), 'query { nope }\n');
  // Opening a FIFO for reading waits for a writer that never comes.
  execFileSync('mkfifo', [path.join(scratch, 'fifo')]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the gateway process', () => {
  it('says it runs in sandbox mode, and on SIGTERM finishes the in-flight request and exits 0', async () => {
    const child = spawnGateway({ PORT: '0' });
    try {
      const started = await startupLine(child);
      expect(started).toMatchObject({ sandbox: true });
      expect(String(started.msg)).toMatch(/SANDBOX MODE/);
      // The embedded simulator's admin endpoint makes the next upstream answer slow.
      await fetch(`${started.upstream}/_simulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 400 }),
      });
      const inFlight = fetch(`${started.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ account { balance { value } } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(await response.json()).toEqual({
        data: { account: { balance: { value: '10.17127500' } } },
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start on an invalid setting, naming the variable, with exit code 2', async () => {
    const child = spawnGateway({ PORT: '99999' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT must be a whole number from 0 to 65535/);
  });

  it.each(['not a host', 'exa_mple.com', '-bad.example'])(
    'refuses HOST=%s with exit code 2',
    async (value) => {
      const child = spawnGateway({ HOST: value });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(child, 'exit');
      expect(code).toBe(2);
      expect(stderr).toMatch(/HOST must be an IP address or a hostname/);
    },
  );

  it('prints the flags and every environment variable on --help, and exits 0', async () => {
    const child = spawnGateway({}, { args: ['--help'] });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    for (const flag of ['--port', '--host', '--log-level', '--auth', '--help']) {
      expect(stdout).toContain(flag);
    }
    for (const [name] of ENVIRONMENT) expect(stdout).toContain(name);
  });

  it('lists in --help exactly the variables of the README configuration table', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    // The configuration table: from its heading to the first subsection.
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Limits'));
    const documented = [...section.matchAll(/^\| `([^|]+)` \|/gm)].map((m) =>
      m[1].replace(/`/g, ''),
    );
    expect(ENVIRONMENT.map(([name]) => name)).toEqual(documented);
  });
});

describe('a start refused by a setting it cannot use', () => {
  it.each([
    [
      'PRICE_HISTORY_DIR under /proc, where mkdir answers ENOENT',
      () => ({ PRICE_HISTORY: 'on', PRICE_HISTORY_DIR: '/proc/x' }),
      /PRICE_HISTORY_DIR cannot be created \(ENOENT\).*mkdir \/proc\/x/,
    ],
    [
      'PRICE_HISTORY_DIR below a file',
      () => ({ PRICE_HISTORY: 'on', PRICE_HISTORY_DIR: path.join(scratch, 'a-file', 'history') }),
      /PRICE_HISTORY_DIR cannot be created: .*a-file is not a directory/,
    ],
    [
      'TRUSTED_DOCUMENTS that does not exist',
      () => ({ TRUSTED_DOCUMENTS: '/nonexistent/persisted-documents.json' }),
      /TRUSTED_DOCUMENTS cannot be read \(ENOENT\): no such file or directory/,
    ],
    [
      'TRUSTED_DOCUMENTS that is not JSON',
      () => ({ TRUSTED_DOCUMENTS: path.join(scratch, 'not-json.json') }),
      /TRUSTED_DOCUMENTS: cannot read .*not-json\.json as JSON/,
    ],
    [
      'API_TOKENS_FILE that does not exist',
      () => ({ API_TOKENS_FILE: '/nonexistent/api-tokens' }),
      /API_TOKENS_FILE cannot be read \(ENOENT\)/,
    ],
    [
      'API_TOKENS_FILE naming a FIFO, whose read would wait for ever',
      () => ({ API_TOKENS_FILE: path.join(scratch, 'fifo') }),
      /API_TOKENS_FILE=.*fifo is not a regular file/,
    ],
    [
      'HOST=999.1.1.1, like an IPv4 address but not one',
      () => ({ HOST: '999.1.1.1' }),
      /HOST must be an IP address or a hostname: "999\.1\.1\.1" looks like an IPv4 address/,
    ],
    [
      'HOST that does not resolve',
      () => ({ HOST: 'gateway.invalid' }),
      /HOST gateway\.invalid does not resolve to an address \((ENOTFOUND|EAI_AGAIN)\)/,
    ],
    [
      'HOST that is not an address of this machine',
      // TEST-NET-1 (RFC 5737): never a local address.
      () => ({ HOST: '192.0.2.1' }),
      /HOST 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\)/,
    ],
  ])('exits 2 naming the variable: %s', async (_label, env, message) => {
    const { code, stderr } = await exitOf(spawnGateway(env()));
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^Configuration error: /);
    expect(code).toBe(2);
  });

  describe('a PORT already in use', () => {
    let holder: Server;
    beforeAll(async () => {
      holder = createServer().listen(0, '127.0.0.1');
      await once(holder, 'listening');
    });
    afterAll(() => holder.close());

    it('exits 2 naming PORT and HOST', async () => {
      const { port } = holder.address() as { port: number };
      const { code, stderr } = await exitOf(
        spawnGateway({ PORT: String(port), HOST: '127.0.0.1' }),
      );
      expect(stderr).toMatch(
        new RegExp(`PORT ${port} is already in use on HOST 127\\.0\\.0\\.1 \\(EADDRINUSE\\)`),
      );
      expect(code).toBe(2);
    });
  });

  // The refusals of a process without privileges: the test runs it as `nobody` (needs root).
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;
  (asRoot ? describe : describe.skip)('in a process without privileges', () => {
    it('exits 2 naming PORT when a privileged port is refused (EACCES)', async () => {
      const { code, stderr } = await exitOf(spawnGateway({ PORT: '80' }, { uid: NOBODY }));
      expect(stderr).toMatch(/PORT 80 on HOST 127\.0\.0\.1 may not be opened .*\(EACCES\)/);
      expect(code).toBe(2);
    });

    it('exits 2 naming PRICE_HISTORY_DIR when it is not writable', async () => {
      // Root's, which `nobody` may enter but not write in.
      const dir = path.join(scratch, 'read-only');
      mkdirSync(dir);
      chmodSync(scratch, 0o755);
      chmodSync(dir, 0o755);
      const { code, stderr } = await exitOf(
        spawnGateway({ PRICE_HISTORY: 'on', PRICE_HISTORY_DIR: dir }, { uid: NOBODY }),
      );
      expect(stderr).toMatch(/PRICE_HISTORY_DIR is not writable by this process \(EACCES\)/);
      expect(code).toBe(2);
    });
  });

  it('exits 1 with the stack when start-up code throws unexpectedly (a bug, not a setting)', async () => {
    const bug = path.join(scratch, 'bug.js');
    writeFileSync(
      bug,
      "require('node:http').createServer = () => { throw new TypeError('a bug at start'); };\n",
    );
    const { code, stderr } = await exitOf(spawnGateway({}, { nodeFlags: ['--require', bug] }));
    expect(stderr).toMatch(/Gateway failed to start: TypeError: a bug at start\n\s+at /);
    expect(stderr).not.toMatch(/Configuration error/);
    expect(code).toBe(1);
  });
});

describe('router-only access at start', () => {
  it('says how the router proves itself and what only it may ask, never the secret', async () => {
    const secret = 'router-token-at-start-0123456789abcdef';
    const child = spawnGateway({ ROUTER_TOKEN: secret, ROUTER_ONLY: 'all' });
    const written: string[] = [];
    try {
      for await (const line of createInterface({ input: child.stdout! })) {
        written.push(line);
        if (line.includes('"routerOnly"')) break;
      }
      expect(written.at(-1)).toContain('"routerOnly":"all (ROUTER_TOKEN)"');
      expect(written.join('\n')).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
