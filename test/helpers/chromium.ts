import { type Browser, chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  executablePath: string;
  source: 'system' | '@sparticuz/chromium';
}

/**
 * The Chromium the browser test drives: the system's (`/usr/bin/chromium`, or CHROMIUM_PATH)
 * when there is one, otherwise the headless shell shipped inside the @sparticuz/chromium dev
 * dependency. Its brotli-compressed binary is unpacked once into node_modules/.cache (a folder
 * per package version; nothing is downloaded), into a staging folder that is renamed into place,
 * so an interrupted unpack is never mistaken for a browser.
 */
export async function resolveChromium(): Promise<ChromiumBinary> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return { executablePath: override, source: 'system' };
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };

  // Its exports map hides package.json from require.resolve.
  const manifest = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = path.join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = `${dir}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    // The package is ESM only and unpacks into os.tmpdir(): run it in a child with TMPDIR set.
    const script =
      "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath());";
    try {
      await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: staging },
      });
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another worker unpacked the same version first: use that one.
      if (!existsSync(executablePath)) {
        throw new Error(
          `No ${SYSTEM_CHROMIUM} and @sparticuz/chromium could not be unpacked ` +
            `(run npm ci, or install Chromium: apt-get install -y chromium): ${(error as Error).message}`,
        );
      }
    }
  }
  return { executablePath, source: '@sparticuz/chromium' };
}

/**
 * Headless Chromium (resolveChromium's) with the flags both packaged and Debian builds accept,
 * and `extraArgs`.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { executablePath } = await resolveChromium();
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      // The packaged headless shell runs without a zygote process; Debian's Chromium ignores it.
      '--no-zygote',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
