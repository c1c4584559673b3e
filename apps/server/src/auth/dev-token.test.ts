import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_TOKEN_FILE, ensureDevToken } from './dev-token.js';

describe('ensureDevToken', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-dev-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a random token once, owner-only, and reuses it', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await ensureDevToken(dataDir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^dev_[A-Za-z0-9_-]{32}$/);
    const file = path.join(dataDir, DEV_TOKEN_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await ensureDevToken(dataDir)).toEqual({ token: first.token, created: false });
    const other = await mkdtemp(path.join(dir, 'other-'));
    expect((await ensureDevToken(other)).token).not.toBe(first.token);
  });

  it('replaces an unusable token file', async () => {
    await writeFile(path.join(dir, DEV_TOKEN_FILE), 'short\n');
    const result = await ensureDevToken(dir);
    expect(result.created).toBe(true);
    expect((await readFile(path.join(dir, DEV_TOKEN_FILE), 'utf8')).trim()).toBe(result.token);
  });
});
