#!/usr/bin/env node
// Writes dist/pglite-template.tar.gz: an empty, initialised PGlite data directory. The gateway's
// in-memory history database starts from it instead of running initdb (≈ 3 s of CPU and a second,
// temporary Postgres in memory) at every start. Made by `npm run build` from the installed
// @electric-sql/pglite, so it always matches that version; without it the gateway runs initdb.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');

async function main() {
  const out = path.join(__dirname, '..', 'dist', 'pglite-template.tar.gz');
  const db = await PGlite.create();
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
