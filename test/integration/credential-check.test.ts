import { type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls } from '../helpers/counters';
import { spawnGateway } from '../helpers/process';
import { until } from '../helpers/wait';

type LogRecord = Record<string, unknown> & { level: number; msg: string };

/** Every JSON log line the process writes, as it writes them. */
function logLines(child: ChildProcess): LogRecord[] {
  const lines: LogRecord[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line) as LogRecord);
  });
  return lines;
}

const PINO_ERROR = 50;
const REFUSED = 'Vonage refused the gateway credentials';
const balance = (simulator: Simulator) => routeCalls(simulator, 'GET /account/get-balance');

describe('the start-up credential check, in the gateway process', () => {
  let simulator: Simulator;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: 'check-key', apiSecret: 'check-secret' });
  });
  afterEach(() => child?.kill('SIGKILL'));
  afterAll(() => simulator.close());

  function start(secret: string): { lines: LogRecord[] } {
    simulator.counters.reset();
    child = spawnGateway({
      AUTH: 'none',
      VONAGE_API_KEY: simulator.apiKey,
      VONAGE_API_SECRET: secret,
      VONAGE_REST_URL: simulator.url,
      LOG_LEVEL: 'info',
    });
    return { lines: logLines(child) };
  }

  it('reports wrong credentials at error level, and /readyz answers not ready from that check', async () => {
    const { lines } = start('wrong-secret');
    const url = await until(() => lines.find((line) => line.url)?.url as string, 'the start');
    const check = await until(
      () => lines.find((line) => line.msg.startsWith('start-up credential check failed')),
      'the credential check',
    );
    expect(check).toMatchObject({ level: PINO_ERROR, ready: false, upstream: 'unauthorized' });

    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ status: 'not ready', upstream: 'unauthorized' });
    // The probe answered from the start-up check: one balance read in all.
    expect(balance(simulator)).toBe(1);

    // Every request now meets the same 401; the error line is written once a minute at most.
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ account { balance { value } } }' }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('UPSTREAM_UNAUTHORIZED');
    }
    expect(balance(simulator)).toBe(4);
    const refused = lines.filter((line) => line.msg.startsWith(REFUSED));
    expect(refused).toEqual([expect.objectContaining({ level: PINO_ERROR, status: 401 })]);
    // Nothing in the log carries the secret.
    expect(JSON.stringify(lines)).not.toContain('wrong-secret');
  }, 60_000);

  it('logs accepted credentials at info level, and /readyz answers ready', async () => {
    const { lines } = start(simulator.apiSecret);
    const url = await until(() => lines.find((line) => line.url)?.url as string, 'the start');
    const check = await until(
      () => lines.find((line) => line.msg.startsWith('start-up credential check')),
      'the credential check',
    );
    expect(check).toMatchObject({ level: 30, ready: true, upstream: 'ok' });
    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(200);
    expect(balance(simulator)).toBe(1);
  }, 60_000);
});
