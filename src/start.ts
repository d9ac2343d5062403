import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * What `npm start` runs: dist/cli.bundle.js (the compiled gateway and its dependencies in one
 * file, made by scripts/build.js) with a V8 code cache beside it, so a start does not resolve,
 * read and compile some thousand modules again. Loading them was most of the start-up time
 * (≈ 3 s on a busy 2-core machine; ≈ 1 s bundled, less with the cache). Without a bundle it runs
 * dist/cli.js. The cache is rewritten whenever V8 rejects it (another Node version or flags);
 * where dist/ is read-only the gateway simply starts without one.
 */
function main(): void {
  const bundle = path.join(__dirname, 'cli.bundle.js');
  if (!existsSync(bundle)) {
    require('./cli');
    return;
  }
  const cacheFile = `${bundle}.v8-cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
  });
  const module = new Module(bundle, require.main);
  module.filename = bundle;
  module.paths = (
    Module as unknown as { _nodeModulePaths(dir: string): string[] }
  )._nodeModulePaths(__dirname);
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, module.require.bind(module), module, bundle, __dirname);

  // scripts/build.js starts the gateway once with GATEWAY_CODE_CACHE=write to make the cache.
  const writeAndExit = process.env.GATEWAY_CODE_CACHE === 'write';
  if (cachedData && !script.cachedDataRejected && !writeAndExit) return;
  // Written once the start-up code has run, so the cache also holds the functions it compiled.
  setTimeout(() => {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // Read-only dist/ (a container image): start without a cache next time too.
    }
    if (writeAndExit) process.exit(0);
  }, 1_000).unref();
}

main();
