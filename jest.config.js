/**
 * Four projects. `npm test` runs them all; `npm run test:unit`, `test:e2e` and `test:slow` run
 * one kind (`npm run test:slow` runs unit-slow and e2e-slow). The end-to-end projects run the
 * bundles in dist/, and their global setup refuses a dist/ older than its sources.
 */

/** Fuzz, volume and stress suites: most of the time the tests take, so not in test:unit/e2e. */
const SLOW = {
  unit: ['__tests__/unit/fuzz-config.test.ts', '__tests__/unit/summary-render-hostile.test.ts'],
  e2e: ['__tests__/e2e/robustness-*.test.ts'],
};

/** Jest does not share options between projects: each one repeats these. */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/fixtures/'],
  modulePathIgnorePatterns: ['<rootDir>/__tests__/fixtures/', '<rootDir>/examples/'],
};

const distIsFresh = '<rootDir>/__tests__/helpers/dist-is-fresh.mjs';
const rooted = (patterns) => patterns.map((pattern) => `<rootDir>/${pattern}`);
// A negated glob must come after the pattern it takes files from.
const except = (patterns) => patterns.map((pattern) => `!**/${pattern}`);

/** @type {import('jest').Config} */
export default {
  // A global option (jest-circus reads it from the global config): set here, not per project.
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts', ...except(SLOW.unit)],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts', ...except(SLOW.e2e)],
      globalSetup: distIsFresh,
    },
    { ...common, displayName: 'unit-slow', testMatch: rooted(SLOW.unit) },
    { ...common, displayName: 'e2e-slow', testMatch: rooted(SLOW.e2e), globalSetup: distIsFresh },
  ],
};
