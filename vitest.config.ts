import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Packaging and end-to-end tests spawn npm and node; two cores are all CI has.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
