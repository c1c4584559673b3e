// Values of the benches' command-line options, checked with a message naming the option.

/** `value` as a positive integer, `fallback` when the option was not given. */
export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a positive integer, not ${value}`);
  return n;
}

/** `value` as a number ≥ 0 (fractions allowed), `fallback` when the option was not given. */
export function nonNegativeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new Error(`--${name}: a number of at least 0, not ${value}`);
  }
  return n;
}
