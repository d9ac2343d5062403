#!/usr/bin/env node
// `npm start`: builds dist/ only when a source is newer than it (a few milliseconds of file
// stats otherwise), then runs the gateway in this same process, so the Node flags of
// package.json config.nodeFlags apply. Every process the build starts (tsc, esbuild's service,
// the code-cache run, GraphiQL's build) has exited before the gateway loads.
'use strict';

const path = require('node:path');
const { build } = require('./build');

// `npm ci && npm start` on a fresh machine runs the sandbox: with no credentials and no NODE_ENV
// of the operator's, the sandbox is what was asked for. An operator who sets NODE_ENV=production
// (the Docker image does) without credentials is still refused unless SANDBOX=true.
const env = process.env;
if (env.NODE_ENV === undefined && !env.VONAGE_API_KEY && !env.VONAGE_API_SECRET) {
  env.SANDBOX ??= 'true';
}
env.NODE_ENV ??= 'production';

build({ ifStale: true }).then(
  () => require(path.join(__dirname, '..', 'dist', 'start.js')),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
