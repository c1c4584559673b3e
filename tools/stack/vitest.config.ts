import { defineConfig } from 'vitest/config';

// Tests start real processes: budgets hold on a busy 2-core machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
