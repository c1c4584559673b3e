import fc from 'fast-check';
import { CheckFailure, fail } from './check-failure.js';
import type { SuiteOptions } from './suite-context.js';

/**
 * Runs a fast-check async property with the run's seed and example budget and turns a
 * counterexample into a check failure whose message is the property's own failure message
 * (which names the broken behaviour) followed by the inputs that produced it.
 * Shrinking is off: every shrink step is a round trip to a remote target.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  options: SuiteOptions,
  property: fc.IAsyncProperty<Ts>,
  runs = options.maxExamples,
): Promise<void> {
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: Math.max(1, runs),
    endOnFailure: true,
  });
  if (!details.failed) return;
  const cause = details.errorInstance;
  const message =
    cause instanceof CheckFailure
      ? cause.message
      : cause instanceof Error
        ? `unexpected error: ${cause.message}`
        : String(cause);
  const example = details.counterexample ? briefly(details.counterexample) : '(none)';
  fail(`${message} [counterexample ${example}, seed ${options.seed}]`);
}

/** Counterexample inputs in one short line: byte arrays by length, functions elided. */
function briefly(values: readonly unknown[]): string {
  return JSON.stringify(values, (_key, value: unknown) => {
    if (typeof value === 'function') return '(generated)';
    if (value instanceof Uint8Array) return `<${value.length} bytes>`;
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
}
