import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
    // Property tests draw a fixed set of cases (`npm run fuzz` draws new ones).
    setupFiles: ['tests/unit/fast-check.setup.ts'],
  },
});
