module.exports = {
  displayName: 'server',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  // Integration specs boot the real app (migrations, argon2 hashes, demo PDFs): seconds on a busy 2-core CI.
  testTimeout: 30_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../coverage/server',
};
