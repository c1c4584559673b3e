import { describe, expect, it } from 'vitest';
import { schemathesisRunArgs } from './schemathesis-runner.js';

describe('schemathesisRunArgs', () => {
  const args = schemathesisRunArgs(
    { baseUrl: 'https://staging.example', maxExamples: 7, seed: 42, timeoutMs: 2500 },
    { spec: '/spec/s.yaml', config: '/config/c.toml', reports: '/reports' },
    'junit.xml',
  );
  const argAfter = (flag: string) => args[args.indexOf(flag) + 1];

  it.each([
    ['--config-file', '/config/c.toml'],
    ['--url', 'https://staging.example'],
    ['--checks', 'all'],
    ['--phases', 'examples,coverage,fuzzing,stateful'],
    ['--max-examples', '7'],
    ['--seed', '42'],
    ['--request-timeout', '2.5'],
    // Against a rate-limited target Schemathesis waits out 429s (Retry-After) and resends.
    ['--rate-limit', 'auto'],
    ['--report-junit-path', '/reports/junit.xml'],
  ])('passes %s %s', (flag, value) => {
    expect(argAfter(flag)).toBe(value);
  });

  it('runs the spec and never carries a token', () => {
    expect(args.slice(2, 4)).toEqual(['run', '/spec/s.yaml']);
    expect(args.join(' ')).not.toMatch(/token|bearer|authorization/i);
  });
});
