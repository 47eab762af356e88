// Integration tier: real PostgreSQL and Redis, one file at a time, `*.int-spec.ts` next to the code.
module.exports = (displayName) => ({
  displayName: `${displayName}:integration`,
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
});
