import { describe, expect, it } from 'vitest';
import { parseByteCount, parseInvocation, UsageError } from './args.js';

describe('parseInvocation', () => {
  it('reads a full upload command line', () => {
    expect(
      parseInvocation([
        'upload',
        'a.bin',
        '--ttl',
        '600',
        '--name',
        'b.bin',
        '--resumable',
        '--chunk-size',
        '8M',
        '--parallel',
        '4',
        '--checksum',
        '--url',
        'http://x',
        '--token',
        't',
        '--json',
      ]),
    ).toMatchObject({
      command: 'upload',
      args: ['a.bin'],
      ttl: 600,
      name: 'b.bin',
      resumable: true,
      chunkSize: 8 * 1024 * 1024,
      parallel: 4,
      checksum: true,
      url: 'http://x',
      token: 't',
      json: true,
    });
  });

  it('accepts global options before the command and -o for download', () => {
    expect(
      parseInvocation(['--json', 'download', 'id1', '-o', 'out', '--range=-10']),
    ).toMatchObject({
      command: 'download',
      args: ['id1'],
      output: 'out',
      range: { suffix: 10 },
    });
  });

  it.each([
    ['help with no command', [], undefined],
    ['tool help', ['--help'], undefined],
    ['command help, even with missing arguments', ['resume', '-h'], 'resume'],
  ])('%s', (_name, argv, command) => {
    expect(parseInvocation(argv)).toMatchObject({ command, help: argv.length > 0 });
  });

  it.each([
    [['upload', 'f'], undefined],
    [['upload', 'f', '--checksum'], true],
    [['resume', 'u', 'f', '--no-checksum'], false],
  ])('%j asks for checksums: %s', (argv, checksum) => {
    expect(parseInvocation(argv).checksum).toBe(checksum);
  });

  it.each([
    [['upload', 'f', '--checksum', '--no-checksum'], /--checksum and --no-checksum exclude/],
    [['download', 'x', '--checksum'], /download does not take --checksum/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['upload'], /upload takes <file>, got 0 arguments/],
    [['resume', 'url-only'], /resume takes <url> <file>/],
    [['details', 'a', 'b'], /details takes <id>, got 2 arguments/],
    [['upload', 'f', '--range', '1-2'], /upload does not take --range/],
    [['upload', 'f', '--parallel', '0'], /--parallel must be a whole number from 1 to 16/],
    [['upload', 'f', '--parallel', '17'], /--parallel must be a whole number from 1 to 16/],
    [['upload', 'f', '--parallel', 'two'], /--parallel must be a whole number from 1 to 16/],
    [['resume', 'u', 'f', '--parallel', '2'], /resume does not take --parallel/],
    [['details', 'x', '--resumable'], /details does not take --resumable/],
    [['upload', 'f', '--ttl', 'soon'], /--ttl must be a whole number/],
    [['upload', 'f', '--ttl', '-5'], /--ttl/],
    [['upload', 'f', '--chunk-size', '0'], /--chunk-size must be a positive byte count/],
    [['download', 'x', '--range', '9-1'], /--range must be A-B/],
    [['download', 'x', '--json'], /needs -o FILE/],
    [['details', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['details', 'x', '--url'], /--url/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseInvocation(argv)).toThrow(UsageError);
    expect(() => parseInvocation(argv)).toThrow(message);
  });
});

describe('parseByteCount', () => {
  it.each([
    ['1', 1],
    ['1048576', 1048576],
    ['512k', 512 * 1024],
    ['8M', 8 * 1024 * 1024],
    ['1G', 1024 ** 3],
    ['4MiB', 4 * 1024 * 1024],
    ['0', undefined],
    ['1.5M', undefined],
    ['lots', undefined],
  ])('%s -> %s', (text, want) => {
    expect(parseByteCount(text)).toBe(want);
  });
});
