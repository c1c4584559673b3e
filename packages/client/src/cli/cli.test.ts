/**
 * The CLI end to end against the real server: the built binary (`node dist/cli/main.js`, built
 * by the global setup) for the everyday commands, exit codes and `--json`; `main()` in-process
 * where a test needs a TTY or an interruption. installed-cli.test.ts runs it installed from the
 * packed tarballs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEntry as binary,
  type Outcome,
  packageDir,
  runProcess,
} from '../test-support/cli-process.js';
import {
  expectSameBytes,
  type LiveServer,
  type RequestObserver,
  serverOffset,
  startLiveServer,
  TOKENS,
  testBytes,
} from '../test-support/live-server.js';
import { EXIT } from './exit-codes.js';
import { main } from './main.js';

const run = promisify(execFile);

let server: LiveServer;
let workDir: string;
/** Set by a test that wants to act on what the server receives; cleared when it is done. */
let stopWhen: RequestObserver | undefined;

function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return runProcess(process.execPath, [binary, ...args], {
    env: { PATH: process.env.PATH ?? '', TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice, ...env },
  });
}

beforeAll(async () => {
  server = await startLiveServer({}, (request) => stopWhen?.(request));
  workDir = await mkdtemp(join(tmpdir(), 'tc-cli-'));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('temp-contents (built binary)', () => {
  it('uploads, shows details, downloads a byte-identical file', async () => {
    const bytes = testBytes(70_000, 21);
    const input = join(workDir, 'in put.bin');
    await writeFile(input, bytes);

    const uploaded = await cli(['upload', input, '--ttl', '900']);
    expect(uploaded.code).toBe(EXIT.ok);
    const id = uploaded.stdout.trim();
    expect(id).toMatch(/^\S+$/);
    expect(uploaded.stderr).toContain('(plain)');

    const details = await cli(['details', id]);
    expect(details.code).toBe(EXIT.ok);
    expect(details.stdout).toMatch(/^Name: +in put\.bin$/m);
    expect(details.stdout).toMatch(/^Size: +70000 \(68\.4 KiB\)$/m);
    expect(details.stdout).toMatch(/^TTLSeconds: +900$/m);

    const output = join(workDir, 'out.bin');
    const downloaded = await cli(['download', id, '-o', output]);
    expect(downloaded.code).toBe(EXIT.ok);
    expectSameBytes(await readFile(output), bytes);

    const toStdout = await run(process.execPath, [binary, 'download', id, '--range', '10-19'], {
      env: { TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice },
      encoding: 'buffer',
    });
    expect(new Uint8Array(toStdout.stdout)).toEqual(bytes.slice(10, 20));
  });

  it('upload --checksum sends Upload-Checksum with every PATCH and says so', async () => {
    const input = join(workDir, 'checksum.bin');
    const bytes = testBytes(200_000, 5);
    await writeFile(input, bytes);
    const checksums: (string | string[] | undefined)[] = [];
    stopWhen = (request) => {
      if (request.method === 'PATCH') checksums.push(request.headers['upload-checksum']);
    };
    try {
      const uploaded = await cli([
        'upload',
        input,
        '--resumable',
        '--checksum',
        '--chunk-size',
        '64k',
        '--json',
      ]);
      expect(uploaded.code, uploaded.stderr).toBe(EXIT.ok);
      expect(JSON.parse(uploaded.stdout)).toMatchObject({ transport: 'tus', checksum: 'sha256' });
    } finally {
      stopWhen = undefined;
    }
    expect(checksums).toHaveLength(4);
    for (const value of checksums) expect(value).toMatch(/^sha256 [A-Za-z0-9+/]{43}=$/);
    const plain = await cli(['upload', input, '--resumable', '--no-checksum']);
    expect(plain.code).toBe(EXIT.ok);
    expect(plain.stderr).toContain('(tus)');
  });

  it('--json prints exactly one object per command', async () => {
    const input = join(workDir, 'json.bin');
    await writeFile(input, testBytes(1234));
    const uploaded = await cli([
      'upload',
      input,
      '--json',
      '--resumable',
      '--chunk-size',
      '512',
      '--name',
      'j.bin',
    ]);
    expect(uploaded.code).toBe(EXIT.ok);
    expect(uploaded.stdout.trim().split('\n')).toHaveLength(1);
    const upload = JSON.parse(uploaded.stdout);
    expect(upload).toEqual({
      ok: true,
      command: 'upload',
      id: expect.any(String),
      location: `${server.baseUrl}/api/v1/temp-contents/${upload.id}`,
      transport: 'tus',
      uploadUrl: expect.stringContaining(`/api/v1/temp-contents/files/${upload.id}`),
      size: 1234,
      // The server offers tus checksums, so they are used by default.
      checksum: 'sha256',
    });
    expect(uploaded.stderr).toBe('');

    const details = JSON.parse((await cli(['details', upload.id, '--json'])).stdout);
    expect(details).toMatchObject({
      ok: true,
      command: 'details',
      details: { ID: upload.id, Name: 'j.bin', Size: '1234', CreatorID: 'alice' },
    });

    const output = join(workDir, 'json-out.bin');
    const download = JSON.parse(
      (await cli(['download', upload.id, '-o', output, '--json'])).stdout,
    );
    expect(download).toEqual({
      ok: true,
      command: 'download',
      id: upload.id,
      path: output,
      size: 1234,
      resumedFrom: 0,
      bytesWritten: 1234,
    });
  });

  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ['unknown command', ['frobnicate'], {}, EXIT.usage, /unknown command/],
    ['missing argument', ['details'], {}, EXIT.usage, /details takes <id>/],
    ['bad option value', ['upload', 'x', '--ttl', 'soon'], {}, EXIT.usage, /--ttl/],
    ['no server URL', ['details', 'x'], { TC_URL: '' }, EXIT.usage, /TC_URL/],
    [
      'unknown id',
      ['details', 'no-such-id'],
      {},
      EXIT.api,
      /API error 404 NOT_FOUND: .* \[traceId \S+\]/,
    ],
    ['bad token', ['details', 'x'], { TC_TOKEN: 'wrong' }, EXIT.api, /401 UNAUTHORIZED/],
    [
      'bad ttl',
      ['upload', join(packageDir, 'package.json'), '--ttl', '0'],
      {},
      EXIT.api,
      /400 INVALID_TTL/,
    ],
    [
      'unreachable server',
      ['details', 'x'],
      { TC_URL: 'http://127.0.0.1:9' },
      EXIT.network,
      /network error/,
    ],
    ['missing file', ['upload', 'no/such/file'], {}, EXIT.failure, /ENOENT/],
  ])('%s exits with its code and a message on stderr', async (_name, args, env, code, message) => {
    const outcome = await cli(args, env);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stdout).toBe('');
  });

  it('--json reports an API error as one object with code and traceId', async () => {
    const outcome = await cli(['details', 'no-such-id', '--json']);
    expect(outcome.code).toBe(EXIT.api);
    expect(JSON.parse(outcome.stdout)).toEqual({
      ok: false,
      command: 'details',
      exitCode: EXIT.api,
      error: {
        kind: 'api',
        status: 404,
        code: 'NOT_FOUND',
        title: expect.any(String),
        detail: expect.any(String),
        traceId: expect.stringMatching(/^\S+$/),
        message: expect.any(String),
      },
    });
  });

  it.each([
    [['--help']],
    [['upload', '--help']],
    [['resume', '-h']],
    [['download', '--help']],
    [['details', '--help']],
  ])('%j prints help and exits 0', async (args) => {
    const outcome = await cli(args);
    expect(outcome.code).toBe(EXIT.ok);
    expect(outcome.stdout).toMatch(/^(temp-contents - |Usage: temp-contents )/);
  });
});

/** Streams for an in-process run; `stderr` claims to be a TTY so the progress bar draws. */
function inProcessIo(onStderr: (text: string) => void = () => {}) {
  const out: Buffer[] = [];
  let err = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out.push(Buffer.from(chunk));
      done();
    },
  });
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        err += chunk.toString();
        onStderr(err);
        done();
      },
    }),
    { isTTY: true },
  );
  return { stdout, stderr, stdin: new PassThrough(), out, err: () => err };
}

describe('temp-contents main() in-process', () => {
  it('shows a progress bar on a TTY, and an interrupted upload resumes with the printed command', async () => {
    const bytes = testBytes(2 * 1024 * 1024, 33);
    const input = join(workDir, 'interrupt.bin');
    await writeFile(input, bytes);
    const env = { TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice };

    // Interrupt (like Ctrl-C) once the server has a quarter of the file. Judged by the server,
    // not by the bar: the bar redraws at most 10 times a second, and a fast upload can go from
    // its first draw to 100% between two redraws.
    const controller = new AbortController();
    stopWhen = (request) => {
      const offset = Number(request.headers['upload-offset']);
      if (request.method === 'PATCH' && offset >= bytes.byteLength / 4) controller.abort();
    };
    const first = inProcessIo();
    const interrupted = await main(['upload', input, '--resumable', '--chunk-size', '64k'], {
      ...first,
      env,
      signal: controller.signal,
    });
    stopWhen = undefined;
    expect(interrupted).toBe(EXIT.interrupted);
    expect(first.err()).toMatch(/\[[#-]+\] +\d+% .*\/s {2}ETA/);
    const resume = /continue with: temp-contents resume (\S+) (\S+)/.exec(first.err());
    expect(resume?.[2]).toBe(input);
    // What the server kept is what the resume continues from: at least a quarter, not all.
    const kept = await serverOffset(resume?.[1] ?? '');
    expect(kept).toBeGreaterThanOrEqual(bytes.byteLength / 4);
    expect(kept).toBeLessThan(bytes.byteLength);

    const second = inProcessIo();
    const resumed = await main(['resume', resume?.[1] ?? '', input, '--json'], { ...second, env });
    expect(resumed).toBe(EXIT.ok);
    const result = JSON.parse(Buffer.concat(second.out).toString());
    expect(result).toMatchObject({
      ok: true,
      command: 'resume',
      size: bytes.byteLength,
      transport: 'tus',
    });

    const third = inProcessIo();
    expect(await main(['download', result.id], { ...third, env })).toBe(EXIT.ok);
    expectSameBytes(Buffer.concat(third.out), bytes);
    expect(third.err()).toContain('100%');
  });

  it('--parallel sends partial uploads; an interrupted one resumes with the printed command', async () => {
    const bytes = testBytes(3 * 512 * 1024 + 5, 35);
    const input = join(workDir, 'parallel.bin');
    await writeFile(input, bytes);
    const env = { TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice };

    // Interrupt once every partial upload has received bytes (so all have URLs) and one of them
    // holds 128 KiB.
    const controller = new AbortController();
    const patched = new Set<string>();
    stopWhen = (request) => {
      if (request.method !== 'PATCH') return;
      patched.add(request.url);
      const offset = Number(request.headers['upload-offset']);
      if (patched.size >= 3 && offset >= 128 * 1024) controller.abort();
    };
    const first = inProcessIo();
    const interrupted = await main(
      ['upload', input, '--parallel', '3', '--chunk-size', '64k', '--name', 'par.bin'],
      { ...first, env, signal: controller.signal },
    );
    stopWhen = undefined;
    expect(interrupted).toBe(EXIT.interrupted);
    const resume = /continue with: temp-contents resume (\S+) (\S+)/.exec(first.err());
    const partials = (resume?.[1] ?? '').split(',');
    expect(partials).toHaveLength(3);
    expect(resume?.[2]).toBe(input);

    const second = inProcessIo();
    const resumed = await main(['resume', resume?.[1] ?? '', input, '--json'], { ...second, env });
    expect(resumed).toBe(EXIT.ok);
    const result = JSON.parse(Buffer.concat(second.out).toString());
    expect(result).toMatchObject({ ok: true, size: bytes.byteLength, transport: 'tus' });
    expect(partials.map((url) => url.split('/').pop())).not.toContain(result.id);

    const third = inProcessIo();
    expect(await main(['details', result.id, '--json'], { ...third, env })).toBe(EXIT.ok);
    expect(JSON.parse(Buffer.concat(third.out).toString()).details).toMatchObject({
      Name: 'par.bin',
      Size: String(bytes.byteLength),
    });
    const fourth = inProcessIo();
    expect(await main(['download', result.id], { ...fourth, env })).toBe(EXIT.ok);
    expectSameBytes(Buffer.concat(fourth.out), bytes);
  });

  it('uploads stdin ("-") of unknown length', async () => {
    const bytes = testBytes(3000, 4);
    const io = inProcessIo();
    io.stdin.end(Buffer.from(bytes));
    const env = { TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice };
    expect(await main(['upload', '-', '--name', 'stdin.bin', '--json'], { ...io, env })).toBe(
      EXIT.ok,
    );
    const { id } = JSON.parse(Buffer.concat(io.out).toString());
    const details = inProcessIo();
    await main(['details', id, '--json'], { ...details, env });
    expect(JSON.parse(Buffer.concat(details.out).toString()).details).toMatchObject({
      Name: 'stdin.bin',
      Size: '3000',
    });
  });
});
