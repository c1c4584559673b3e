import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without declarations
import { defaultOutPath, defaultSpecPath, findDrift } from '../scripts/generate.mjs';

const run = promisify(execFile);
const script = new URL('../scripts/generate.mjs', import.meta.url).pathname;

describe('contract drift check', () => {
  let dir = '';
  let changedSpec = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tc-drift-'));
    changedSpec = join(dir, 'temp-contents.yaml');
    const original = await readFile(defaultSpecPath, 'utf8');
    // A realistic edit: someone adds a field to DetailResponse and forgets to regenerate.
    const edited = original.replace(
      /\n(\s+)DetailResponse:\n/,
      (_m, indent) => `\n${indent}DetailResponse:\n${indent}  x-drift-probe: true\n`,
    );
    const withField = edited.replace(
      /(\n\s+)TTLSeconds:\n/,
      (_m, lead) => `${lead}DriftProbe:${lead}  type: string${lead}TTLSeconds:\n`,
    );
    expect(withField).not.toBe(original);
    await writeFile(changedSpec, withField);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes for the committed spec and generated file', async () => {
    expect(await findDrift(defaultSpecPath, defaultOutPath)).toBeNull();
  });

  it('reports drift when the spec changed but the contract was not regenerated', async () => {
    const drift = await findDrift(changedSpec, defaultOutPath);
    expect(drift).toMatch(/differs from what .* generates/);
  });

  it('makes the --check command exit non-zero on drift', async () => {
    const failure = await run('node', [script, '--check', '--spec', changedSpec]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('contract drift');
  });

  it('makes the --check command exit zero without drift', async () => {
    const { stdout } = await run('node', [script, '--check']);
    expect(stdout).toContain('up to date');
  });
});
