#!/usr/bin/env node
// Writes dist/pglite-template/, an empty, initialised PGlite data directory, and the same as
// dist/pglite-template.tar.gz. The gateway's embedded history database starts from them instead
// of running initdb (≈ 3 s of CPU and a second, temporary Postgres in memory): a copy of the
// directory where its files are on disk, the archive where they are in memory. Made by
// `npm run build` from the installed @electric-sql/pglite, so they always match that version;
// without them the gateway runs initdb.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');

async function main() {
  const dir = path.join(__dirname, '..', 'dist', 'pglite-template');
  const out = `${dir}.tar.gz`;
  fs.rmSync(dir, { recursive: true, force: true });
  const db = await PGlite.create({ dataDir: dir });
  try {
    const tarball = await db.dumpDataDir('gzip');
    fs.writeFileSync(out, Buffer.from(await tarball.arrayBuffer()));
    console.log(`build: ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(`build: pglite template failed: ${error.message}`);
  process.exit(1);
});
