import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and e2e suites start worker pools and browsers: keep files in separate forks.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
