/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
  testTimeout: 120000,
  // A test that leaks a socket must fail its own assertions, never hang CI.
  forceExit: true,
  // One worker runs every file in turn on two cores: recycle it once it has grown, so the memory
  // ceiling the chaos tests check (test/report-checks.ts) measures their own run, not the heap
  // the files before them left behind.
  workerIdleMemoryLimit: '600MB',
};
