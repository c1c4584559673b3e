import { defineConfig } from 'vitest/config';

// Many tests start real processes (server replicas, Redis, an object store): budgets must hold
// on a busy 2-core machine. Tests wait on conditions; these limits only catch real hangs.
// The global setup starts the scale-out services (versitygw, Redis) once for the whole run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./src/test-support/scale-out-services.global.ts'],
  },
});
