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
});
