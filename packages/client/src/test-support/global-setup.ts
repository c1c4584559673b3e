/**
 * vitest global setup: brings dist/ up to date once, before any test file runs, so the tests that
 * run or pack the built CLI never build it at the same time in two workers.
 */
import { ensureBuilt } from './cli-process.js';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
