#!/usr/bin/env node
// `npm start`: builds dist/ only when a source is newer than it (a few milliseconds of file
// stats otherwise), then runs the gateway in this same process, so the Node flags of
// package.json config.nodeFlags apply and no second process starts.
'use strict';

const path = require('node:path');
const { build } = require('./build');

try {
  build({ ifStale: true });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
require(path.join(__dirname, '..', 'dist', 'start.js'));
