#!/usr/bin/env node
// Builds dist/: the TypeScript (tsc -p tsconfig.build.json); dist/cli.bundle.js, the compiled
// gateway with its dependencies in one file, which dist/start.js loads with a V8 code cache (a
// start then reads one file instead of resolving a thousand modules); dist/pglite-template.tar.gz
// (scripts/pglite-template.js); then GraphiQL.
// Usage: node scripts/build.js [--if-stale]
//   --if-stale  build only what is older than its sources (scripts/start.js does this in-process).
// dist/.build-stamp is written only after every step succeeded, so a failed build is never taken
// as done.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const graphiql = require('./build-graphiql');
const { esbuildOnce } = require('./esbuild-once');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', __filename];

/** Newest modification time among the files (and folders) of an input. */
function newestMtime(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A folder's own mtime changes when a file in it is added, removed or renamed.
  return fs
    .readdirSync(file)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(file, name))), stat.mtimeMs);
}

/** True when dist/ holds a complete build newer than every source it was built from. */
function isCompiledUpToDate() {
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return inputs.every((input) => newestMtime(path.join(root, input)) <= built);
}

function run(label, args, env = process.env) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`build: ${label} failed`);
}

/**
 * Bundles tsc's output, not the TypeScript: tsc has already emitted the decorator metadata that
 * type-graphql reads (esbuild would drop it when compiling TypeScript itself).
 */
async function bundle() {
  const outfile = path.join(dist, 'cli.bundle.js');
  fs.rmSync(`${outfile}.v8-cache`, { force: true });
  await esbuildOnce({
    absWorkingDir: root,
    entryPoints: [path.join(dist, 'cli.js')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Native addons stay in node_modules (xxhash, used by the Redis client).
    external: ['@node-rs/*'],
    // dist/start.js runs the bundle as a vm.Script, where import() has no loader: the OTLP
    // exporter's import('http') becomes a require, as bundled modules' imports already are.
    supported: { 'dynamic-import': false },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  // Start it once (sandbox, any free port, silent) so that dist/start.js writes its code cache,
  // with the Node flags `npm start` uses: V8 rejects a cache made under other flags.
  const flags = require(path.join(root, 'package.json')).config.nodeFlags.split(' ');
  run('code cache', [...flags, path.join(dist, 'start.js')], {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    // Production refuses to start without credentials unless the sandbox is asked for.
    SANDBOX: 'true',
    // The embedded history database would only burn CPU in a start that exits after a second.
    PRICE_HISTORY: 'off',
    GATEWAY_CODE_CACHE: 'write',
  });
}

/** Builds what is missing or older than its sources (everything unless `ifStale`). */
async function build({ ifStale = false } = {}) {
  if (!ifStale || !isCompiledUpToDate()) {
    const started = Date.now();
    fs.rmSync(stamp, { force: true });
    run('tsc', [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
    await bundle();
    run('pglite template', [path.join(__dirname, 'pglite-template.js')]);
    fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
    console.log(`build: dist/ compiled and bundled in ${Date.now() - started} ms`);
  }
  if (!ifStale || !graphiql.isUpToDate()) {
    run('graphiql', [path.join(__dirname, 'build-graphiql.js')]);
  }
}

module.exports = { build };

if (require.main === module) {
  build({ ifStale: process.argv.includes('--if-stale') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
