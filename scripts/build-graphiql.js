#!/usr/bin/env node
// Builds the offline GraphiQL served at /graphiql into dist/graphiql/:
//   graphiql-<hash>.js/.css, {editor,json,graphql}.worker-<hash>.js, *.LEGAL.txt, index.html,
//   a .br and .gz sibling of each, and manifest.json (names, sizes, sha256) read by the route.
// Usage: node scripts/build-graphiql.js [--if-missing] [--best] [--verbose]
//   --if-missing  skip when dist/graphiql/index.html is newer than every input.
//   --best        brotli quality 11 (about 10% smaller, ten times slower) for release builds.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');
const zlib = require('node:zlib');
const { esbuildOnce } = require('./esbuild-once');

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'web', 'graphiql');
const examplesFile = path.join(root, 'schema', 'examples.graphql');
const outDir = path.join(root, 'dist', 'graphiql');

const WORKERS = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function inputFiles() {
  const web = fs.readdirSync(webDir).map((name) => path.join(webDir, name));
  return [...web, examplesFile, __filename].filter((file) => fs.existsSync(file));
}

function isUpToDate() {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index) || !fs.existsSync(path.join(outDir, 'manifest.json'))) return false;
  const built = fs.statSync(index).mtimeMs;
  return inputFiles().every((file) => fs.statSync(file).mtimeMs <= built);
}

/** One tab per operation of schema/examples.graphql, each with the fragments it spreads. */
function readExamples() {
  if (!fs.existsSync(examplesFile)) return [];
  const { parse, visit } = require('graphql');
  const source = fs.readFileSync(examplesFile, 'utf8');
  let document;
  try {
    document = parse(source);
  } catch (error) {
    throw new Error(`${path.relative(root, examplesFile)} is not valid GraphQL: ${error.message}`);
  }
  // Keep the comment lines just above a definition: they describe the example.
  const textOf = (node) => {
    let start = node.loc.start;
    const before = source.slice(0, start).split('\n');
    before.pop();
    while (before.length > 0 && before[before.length - 1].trim().startsWith('#')) {
      start -= before.pop().length + 1;
    }
    return source.slice(start, node.loc.end).trim();
  };
  const fragments = new Map();
  for (const def of document.definitions) {
    if (def.kind === 'FragmentDefinition') fragments.set(def.name.value, def);
  }
  const spreadsOf = (node, seen) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name) || !fragments.has(name)) return;
        seen.add(name);
        spreadsOf(fragments.get(name), seen);
      },
    });
    return seen;
  };
  return document.definitions
    .filter((def) => def.kind === 'OperationDefinition')
    .map((op) => {
      const used = [...spreadsOf(op, new Set())].map((name) => textOf(fragments.get(name)));
      return [textOf(op), ...used].join('\n\n') + '\n';
    });
}

/** graphql-ws is only for subscriptions over websockets, which the gateway does not offer. */
const stubGraphqlWs = {
  name: 'stub-graphql-ws',
  setup(build) {
    build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: 'graphql-ws', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        'export function createClient() { throw new Error("subscriptions are not supported"); }',
    }));
  },
};

/**
 * graphiql/style.css already holds Monaco's whole stylesheet (same version, checked below) and the
 * Roboto / Fira Code fonts inline; the .css files Monaco's ESM modules import would duplicate it.
 */
const dropMonacoCss = {
  name: 'drop-monaco-css',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      /[\\/]monaco-editor[\\/]esm[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'monaco-css' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'monaco-css' }, () => ({
      contents: '',
      loader: 'css',
    }));
  },
};

function checkMonacoCssVersion() {
  const resolve = (file) => require.resolve(file, { paths: [root] });
  const css = fs.readFileSync(resolve('graphiql/style.css'), 'utf8').slice(0, 2000);
  const inCss = /Version: ([0-9.]+)/.exec(css);
  const installed = require(resolve('monaco-editor/package.json')).version;
  if (inCss && inCss[1] !== installed) {
    throw new Error(
      `graphiql/style.css has Monaco ${inCss[1]} styles, monaco-editor is ${installed}`,
    );
  }
}

async function bundle() {
  checkMonacoCssVersion();
  const entryPoints = { graphiql: path.join(webDir, 'index.jsx') };
  for (const [label, file] of Object.entries(WORKERS)) {
    entryPoints[`${label}.worker`] = require.resolve(file, { paths: [root] });
  }
  // Stopped before compressing: the service child holds some 250 MB it no longer needs.
  const result = await esbuildOnce({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Fonts and images go inline so that the CSS needs no other file.
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
    legalComments: 'external',
    outdir: path.join(outDir, 'out'),
    write: false,
    logLevel: 'warning',
    plugins: [stubGraphqlWs, dropMonacoCss],
  });
  return result.outputFiles.map((file) => ({
    name: path.basename(file.path),
    contents: Buffer.from(file.contents),
  }));
}

const REMOTE_CSS =
  /@import\s+(?:url\()?\s*['"]?(?:https?:)?\/\/[^;]*;|url\(\s*['"]?(?:https?:)?\/\/[^)]*\)/gi;

/** No stylesheet may pull anything (fonts, images) from another host. */
function stripRemoteCss(name, css) {
  const removed = css.match(REMOTE_CSS) || [];
  if (removed.length > 0) console.warn(`graphiql: removed from ${name}: ${removed.join(', ')}`);
  return css.replace(REMOTE_CSS, (match) => (match.startsWith('@import') ? '' : 'none'));
}

/** Hosts named in the bundle (links in messages, XML namespaces); none is fetched: CSP + test. */
function hostsIn(files) {
  const hosts = new Set();
  for (const file of files.filter((f) => /\.(js|css)$/.test(f.name))) {
    for (const match of file.contents.toString('utf8').matchAll(/https?:\/\/([a-z0-9.-]+)/gi)) {
      hosts.add(match[1].toLowerCase());
    }
  }
  return [...hosts].sort();
}

function hashedName(name, contents) {
  const hash = crypto.createHash('sha256').update(contents).digest('hex').slice(0, 10);
  const match = /^([^.]+(?:\.worker)?)(\..+)$/.exec(name);
  return match ? `${match[1]}-${hash}${match[2]}` : `${name}-${hash}`;
}

function renderIndex(assets, examples) {
  const config = {
    endpoint: '/graphql',
    workers: Object.fromEntries(Object.keys(WORKERS).map((l) => [l, assets[`${l}.worker.js`]])),
    examples,
  };
  // JSON inside <script>: escape "<" so that no example can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return fs
    .readFileSync(path.join(webDir, 'index.html'), 'utf8')
    .replace('{{CSS}}', assets['graphiql.css'])
    .replace('{{JS}}', assets['graphiql.js'])
    .replace('{{CONFIG}}', () => json);
}

async function compress(files, quality) {
  return Promise.all(
    files.map(async (file) => {
      const [br, gz] = await Promise.all([
        brotli(file.contents, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: file.contents.length,
          },
        }),
        gzip(file.contents, { level: 9 }),
      ]);
      return { ...file, br, gz };
    }),
  );
}

/** Writes into a sibling folder, then swaps it in: readers never see a half-written bundle. */
function install(files, manifest) {
  const staging = `${outDir}.tmp-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  for (const file of files) {
    fs.writeFileSync(path.join(staging, file.name), file.contents);
    fs.writeFileSync(path.join(staging, `${file.name}.br`), file.br);
    fs.writeFileSync(path.join(staging, `${file.name}.gz`), file.gz);
  }
  fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  if (fs.existsSync(outDir)) fs.renameSync(outDir, previous);
  try {
    fs.renameSync(staging, outDir);
  } catch (error) {
    // Another build installed its (identical) output in between: keep that one.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(outDir, 'manifest.json'))) throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const started = Date.now();
  if (process.argv.includes('--if-missing') && isUpToDate()) {
    console.log(`graphiql: ${path.relative(root, outDir)} is up to date`);
    return;
  }
  const examples = readExamples();
  const outputs = await bundle();
  const assets = {};
  const files = outputs.map(({ name, contents }) => {
    const body = name.endsWith('.css')
      ? Buffer.from(stripRemoteCss(name, contents.toString('utf8')))
      : contents;
    const hashed = hashedName(name, body);
    assets[name] = hashed;
    return { name: hashed, contents: body, immutable: true };
  });
  for (const required of ['graphiql.js', 'graphiql.css', 'editor.worker.js']) {
    if (!assets[required]) throw new Error(`esbuild produced no ${required}`);
  }
  files.push({ name: 'index.html', contents: Buffer.from(renderIndex(assets, examples)) });
  const compressed = await compress(files, process.argv.includes('--best') ? 11 : 9);
  const entries = compressed
    .map((f) => ({
      name: f.name,
      size: f.contents.length,
      gzip: f.gz.length,
      br: f.br.length,
      sha256: crypto.createHash('sha256').update(f.contents).digest('hex'),
      immutable: f.immutable === true,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const total = (key) => entries.reduce((sum, entry) => sum + entry[key], 0);
  const manifest = {
    files: entries,
    total: { size: total('size'), gzip: total('gzip'), br: total('br') },
  };
  install(compressed, manifest);
  console.log(
    `graphiql: ${entries.length} files in ${path.relative(root, outDir)}: ` +
      `${kib(manifest.total.size)} total, ${kib(manifest.total.gzip)} gzipped, ` +
      `${kib(manifest.total.br)} brotli, ${examples.length} example tab(s), ` +
      `${Date.now() - started} ms`,
  );
  if (process.argv.includes('--verbose')) {
    for (const entry of entries) {
      console.log(`  ${entry.name}  ${kib(entry.size)}  gz ${kib(entry.gzip)}`);
    }
    console.log(`  hosts named in strings (never fetched): ${hostsIn(files).join(' ') || 'none'}`);
  }
}

module.exports = { isUpToDate, readExamples };

if (require.main === module) {
  main().catch((error) => {
    console.error(`graphiql: build failed: ${error.message}`);
    process.exitCode = 1;
  });
}
