import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './cli-options.js';

const BASE = ['--base-url', 'http://127.0.0.1:8080', '--token', 't'];

describe('parseCommand', () => {
  it('reads every option', () => {
    const command = parseCommand(
      [
        ...BASE,
        '--token-other-tenant',
        't2',
        '--suites',
        'range,tus',
        '--schemathesis',
        'off',
        '--max-examples',
        '7',
        '--seed',
        '0',
        '--junit',
        'r.xml',
        '--json',
        'r.json',
        '--timeout',
        '5000',
      ],
      {},
    );
    expect(command).toEqual({
      kind: 'run',
      junit: 'r.xml',
      json: 'r.json',
      options: {
        baseUrl: 'http://127.0.0.1:8080',
        token: 't',
        tokenOtherTenant: 't2',
        suites: ['range', 'tus'],
        schemathesis: 'off',
        maxExamples: 7,
        seed: 0,
        timeoutMs: 5000,
      },
    });
  });

  it('takes the token from TC_TOKEN', () => {
    const command = parseCommand(['--base-url', 'http://x'], { TC_TOKEN: 'env' });
    expect(command.kind === 'run' && command.options.token).toBe('env');
  });

  it.each([
    [[], /--base-url is required/],
    [['--base-url', 'ftp://x', '--token', 't'], /http\(s\) URL/],
    [['--base-url', 'http://x'], /--token/],
    [[...BASE, '--suites', 'range,nope'], /unknown suite "nope"/],
    [[...BASE, '--schemathesis', 'maybe'], /auto\|docker\|local\|off/],
    [[...BASE, '--max-examples', '0'], /--max-examples must be an integer >= 1/],
    [[...BASE, '--seed', '-1'], /--seed/],
    [[...BASE, '--timeout', 'soon'], /--timeout/],
    [[...BASE, '--token-other-tenant', 't'], /must differ/],
    [[...BASE, '--frobnicate'], /frobnicate/],
    [[...BASE, 'extra'], /unexpected argument "extra"/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
    expect(() => parseCommand(argv, {})).toThrow(message);
  });

  it('has a setup subcommand and --help', () => {
    expect(parseCommand(['setup'], {})).toEqual({ kind: 'setup', python: 'python3' });
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help' });
  });
});
