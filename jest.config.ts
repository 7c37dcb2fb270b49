import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // A global option: the projects' own `testTimeout` is ignored when run from here. Integration
  // specs boot the real app (migrations, argon2 hashes, demo PDFs): seconds on a busy 2-core CI.
  testTimeout: 30_000,
});
