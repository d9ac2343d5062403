import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENT } from '../../src/config.help';
import { once } from 'node:events';
import { spawnGateway, startupLine } from '../helpers/process';

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
