// Import rules of src/ (README, Architecture), checked by `npm test` (npm run check:deps).
// Shared layers know no domain; a domain reaches another only through its entry point.
const SHARED =
  '(base|kernel|config|limits|metrics|http|cache|coordination|upstream|auth|execution|simulator)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circle-between-modules',
      comment: 'No module of src/ reaches back to one that imports it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circle-between-folders',
      comment:
        'Folders form layers (README, Architecture): no folder of src/ reaches back to one that ' +
        'imports it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'shared-layers-know-no-domain',
      comment:
        'base, kernel, config, limits, metrics, http, cache, coordination, upstream, auth and ' +
        'execution import no domain, ' +
        'nor the list of domains (src/domains.ts) nor the server wiring: domains declare, they read.',
      severity: 'error',
      from: { path: `^src/${SHARED}/` },
      to: { path: '^src/', pathNot: [`^src/${SHARED}/`] },
    },
    {
      name: 'base-imports-nothing',
      comment:
        'src/base (logger, redaction, call scope, decimals) is the bottom layer: it imports no other folder.',
      severity: 'error',
      from: { path: '^src/base/' },
      to: { path: '^src/', pathNot: '^src/base/' },
    },
    {
      name: 'domain-through-entry-point',
      comment:
        'A domain imports another domain only through its entry point (index.ts), never its internals.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: `^src/(${SHARED.slice(1, -1)}|server)/` },
      to: {
        path: '^src/[^/]+/',
        pathNot: [`^src/$1/`, `^src/${SHARED}/`, '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'nothing-imports-the-wiring',
      comment: 'Only the entry points (src/cli.ts, src/start.ts) import the server wiring.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/(cli|start)\\.ts$'] },
      to: { path: '^src/server/' },
    },
    {
      name: 'simulator-stands-alone',
      comment: 'The embedded simulator of the Vonage API shares no code with the gateway.',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: '^src/simulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|scripts)/' },
  },
};
