// esbuild's JS API runs the build in a service child (`esbuild --service`, ≈ 250 MB of RSS after
// the gateway's bundle) and keeps it for later calls until the calling process exits. `npm start`
// builds in the gateway's own process, so that child stayed beside the gateway for as long as it
// ran. One build, then the child is stopped, whether the build succeeded or not.
'use strict';

/** Runs `esbuild.build(options)` and stops esbuild's service child before resolving. */
async function esbuildOnce(options) {
  const esbuild = require('esbuild');
  try {
    return await esbuild.build(options);
  } finally {
    await esbuild.stop();
  }
}

module.exports = { esbuildOnce };
