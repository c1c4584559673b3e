import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The CLI tests run and pack dist/: build it once, before every test file.
    globalSetup: ['./src/test-support/global-setup.ts'],
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Integration tests start real servers and move megabytes over loopback on a shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
