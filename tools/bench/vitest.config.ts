import { defineConfig } from 'vitest/config';

// The bench's test starts real servers and load generators: budgets hold on a busy machine.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 120_000 } });
