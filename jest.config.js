const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // jose 6 ships ESM only: Node loads it with import() (src/auth/jwt.ts), but Jest's module
    // loader needs CommonJS on Node 20 and 24 alike ("Must use import to load ES Module" on 24.22.3).
    '/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  // A throwaway redis-server for the run unless TEST_REDIS_URL names one.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  // Jest's default is one worker less than the cores, so on 2 cores it ran every file in band,
  // one after the other. Most integration files spend their time waiting (rate-limit slots, child
  // processes), so two workers overlap them: 53 of the files took 145 s with 2 workers and 185 s
  // with 1 on a loaded 2-core machine (load average 6-7).
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
