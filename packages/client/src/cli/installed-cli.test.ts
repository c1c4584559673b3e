/**
 * The CLI as people get it, against the real server on a loopback port:
 * - installed: the client and the contract it needs at run time packed by pnpm (the command the
 *   README gives), installed with plain npm into a temporary global prefix, run as
 *   `<prefix>/bin/temp-contents`;
 * - from the checkout: `pnpm temp-contents …` at the repository root, with relative paths taken
 *   from the directory pnpm was started in.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Outcome,
  pathWithThisNode,
  repoRoot,
  runProcess,
} from '../test-support/cli-process.js';
import {
  expectSameBytes,
  type LiveServer,
  startLiveServer,
  TOKENS,
  testBytes,
} from '../test-support/live-server.js';
import { COMMANDS, type CommandName } from './args.js';
import { EXIT } from './exit-codes.js';
import { helpFor } from './usage.js';

/** npm may fetch openapi-fetch and tus-js-client (its cache is usually warm): a generous budget. */
const INSTALL_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 60_000;

let server: LiveServer;
let tmp: string;
let prefix: string;
let workDir: string;
let installedBin: string;

/**
 * The environment of the processes under test: no npm_* variables or INIT_CWD inherited from a
 * `pnpm test` around this run (they would configure npm, or stand in for the user's directory).
 */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && !key.startsWith('TC_')) env[key] = value;
  }
  return { ...env, PATH: pathWithThisNode(), ...extra };
}

function installed(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return runProcess(installedBin, args, {
    cwd: workDir,
    env: cleanEnv({ TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice, ...env }),
    timeout: RUN_TIMEOUT_MS,
  });
}

/** `pnpm --dir <checkout> temp-contents …`, started in `cwd`. */
function fromCheckout(cwd: string, args: string[]): Promise<Outcome> {
  return runProcess('pnpm', ['--dir', repoRoot, 'temp-contents', ...args], {
    cwd,
    env: cleanEnv({ TC_URL: server.baseUrl, TC_TOKEN: TOKENS.alice }),
    timeout: INSTALL_TIMEOUT_MS,
  });
}

function expectOk(outcome: Outcome): Outcome {
  expect(outcome.code, `exit code; stderr: ${outcome.stderr}`).toBe(EXIT.ok);
  return outcome;
}

beforeAll(async () => {
  server = await startLiveServer();
  tmp = await mkdtemp(join(tmpdir(), 'tc-installed-cli-'));
  const packs = join(tmp, 'packs');
  prefix = join(tmp, 'prefix');
  workDir = join(tmp, 'work');
  installedBin = join(prefix, 'bin', 'temp-contents');
  const options = { cwd: repoRoot, env: cleanEnv(), timeout: INSTALL_TIMEOUT_MS };
  // The client and its production workspace dependencies (the contract), as the README says.
  expectOk(
    await runProcess(
      'pnpm',
      ['--filter-prod', '@temp-contents/client...', 'pack', '--pack-destination', packs],
      options,
    ),
  );
  const tarballs = (await readdir(packs)).filter((f) => f.endsWith('.tgz')).sort();
  expect(tarballs).toEqual([
    expect.stringMatching(/^temp-contents-client-.*\.tgz$/),
    expect.stringMatching(/^temp-contents-contract-.*\.tgz$/),
  ]);
  expectOk(
    await runProcess(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...tarballs.map((f) => join(packs, f)),
      ],
      options,
    ),
  );
  await mkdir(workDir);
}, INSTALL_TIMEOUT_MS * 2);

afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('temp-contents installed with npm from the packed tarballs', () => {
  it('is installed without the workspace: plain versions, only dist/ and the manifest', async () => {
    const modules = join(prefix, 'lib', 'node_modules', '@temp-contents');
    const client = JSON.parse(await readFile(join(modules, 'client', 'package.json'), 'utf8'));
    const contract = JSON.parse(await readFile(join(modules, 'contract', 'package.json'), 'utf8'));
    expect(JSON.stringify(client)).not.toContain('workspace:');
    expect(client.dependencies['@temp-contents/contract']).toBe(contract.version);
    expect(client.bin).toEqual({ 'temp-contents': './dist/cli/main.js' });
    // What `files` lets in: dist/ (no tests), the manifest, the README; npm adds the dependencies.
    expect((await readdir(join(modules, 'client'))).sort()).toEqual([
      'README.md',
      'dist',
      'node_modules',
      'package.json',
    ]);
    const dist = await readdir(join(modules, 'client', 'dist'), { recursive: true });
    expect(dist).toContain(join('cli', 'main.js'));
    expect(dist.filter((f) => /\.test(-d)?\.|test-support/.test(f))).toEqual([]);
    expect(await readFile(join(modules, 'client', client.bin['temp-contents']), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it('uploads, shows details and downloads byte-identical files, paths relative to its cwd', async () => {
    const bytes = testBytes(150_000, 7);
    await writeFile(join(workDir, 'in put.bin'), bytes);

    const plain = expectOk(await installed(['upload', 'in put.bin', '--ttl', '900']));
    const id = plain.stdout.trim();
    expect(id).toMatch(/^\S+$/);
    expect(plain.stderr).toContain('(plain)');

    const details = expectOk(await installed(['details', id]));
    expect(details.stdout).toMatch(/^Name: +in put\.bin$/m);
    expect(details.stdout).toMatch(/^Size: +150000 /m);
    expect(details.stdout).toMatch(/^TTLSeconds: +900$/m);

    expectOk(await installed(['download', id, '-o', 'copy.bin']));
    expectSameBytes(await readFile(join(workDir, 'copy.bin')), bytes);

    // tus-js-client, loaded on the first resumable upload, came with the install too.
    const tus = expectOk(
      await installed(['upload', 'in put.bin', '--resumable', '--chunk-size', '64k', '--json']),
    );
    const uploaded = JSON.parse(tus.stdout);
    expect(uploaded).toMatchObject({ ok: true, transport: 'tus', size: bytes.byteLength });
    const download = expectOk(
      await installed(['download', uploaded.id, '--output', 'tus-copy.bin', '--json']),
    );
    expect(JSON.parse(download.stdout)).toMatchObject({ ok: true, size: bytes.byteLength });
    expectSameBytes(await readFile(join(workDir, 'tus-copy.bin')), bytes);
  });

  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ['usage error', ['details'], {}, EXIT.usage, /details takes <id>/],
    ['API error', ['details', 'no-such-id'], {}, EXIT.api, /404 NOT_FOUND.*traceId/],
    ['network error', ['details', 'x'], { TC_URL: 'http://127.0.0.1:9' }, EXIT.network, /network/],
    ['local failure', ['upload', 'no/such/file'], {}, EXIT.failure, /ENOENT/],
  ])('a %s exits with its documented code', async (_name, args, env, code, message) => {
    const outcome = await installed(args, env);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).toMatch(message);
  });

  it.each<[string, CommandName | undefined]>([
    ['--help', undefined],
    ...(Object.keys(COMMANDS) as CommandName[]).map((c): [string, CommandName] => [
      `${c} --help`,
      c,
    ]),
  ])('temp-contents %s prints the help usage.test.ts checks', async (args, command) => {
    const outcome = expectOk(await installed(args.split(' ')));
    expect(outcome.stdout).toBe(helpFor(command));
  });
});

describe('pnpm temp-contents from the checkout', () => {
  it('--help at the repository root prints the tool help', async () => {
    const outcome = expectOk(await fromCheckout(repoRoot, ['--help']));
    expect(outcome.stdout).toBe(helpFor(undefined));
  });

  it('takes relative paths from the directory it was started in', async () => {
    const bytes = testBytes(20_000, 9);
    await writeFile(join(workDir, 'from checkout.bin'), bytes);
    const uploaded = expectOk(await fromCheckout(workDir, ['upload', 'from checkout.bin']));
    const id = uploaded.stdout.trim();
    expect(id).toMatch(/^\S+$/);
    expectOk(await fromCheckout(workDir, ['download', id, '-o', 'checkout-copy.bin']));
    expectSameBytes(await readFile(join(workDir, 'checkout-copy.bin')), bytes);
  });

  it('passes the exit code through', async () => {
    const outcome = await fromCheckout(workDir, ['details', 'no-such-id']);
    expect(outcome.code).toBe(EXIT.api);
    expect(outcome.stderr).toMatch(/404 NOT_FOUND/);
  });
});
