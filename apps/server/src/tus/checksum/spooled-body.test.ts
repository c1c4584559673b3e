import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../errors/api-error.js';
import { type SpooledBody, spoolBody } from './spooled-body.js';

/**
 * spoolBody on a real node:http server: what a request sends lands whole in one temporary file,
 * hashed on the way, and every way out (done, too large, client gone) leaves no file behind.
 */
describe('spoolBody', () => {
  let dir: string;
  let server: http.Server;
  let outcome: Promise<SpooledBody | Error>;

  const start = async (limit: number, algorithm?: 'sha256') => {
    let settle: (value: SpooledBody | Error) => void = () => {};
    outcome = new Promise((resolve) => {
      settle = resolve;
    });
    server = http.createServer((req, res) => {
      spoolBody(req, { dir, limit, algorithm }).then(
        (body) => {
          settle(body);
          res.end('ok');
        },
        (error: Error) => {
          settle(error);
          req.resume();
          res.statusCode = 400;
          res.end('no');
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };

  const files = () => readdir(dir);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-spool-test-'));
  });
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every byte, hashes them, and removes the file on dispose', async () => {
    const url = await start(1024 * 1024, 'sha256');
    const bytes = Buffer.alloc(300_000, 7);
    const response = await fetch(url, { method: 'PUT', body: bytes });
    expect(response.status).toBe(200);
    const body = await outcome;
    if (body instanceof Error) throw body;
    expect(body.size).toBe(bytes.length);
    expect(body.digest).toEqual(createHash('sha256').update(bytes).digest());
    expect(await body.hash('md5')).toEqual(createHash('md5').update(bytes).digest());
    expect((await text(body.open())).length).toBe(bytes.length);
    expect(await files()).toHaveLength(1);
    await body.dispose();
    await body.dispose();
    expect(await files()).toEqual([]);
  });

  it('rejects a body past the limit with 413 and removes the file', async () => {
    const url = await start(1000);
    const response = await fetch(url, { method: 'PUT', body: Buffer.alloc(5000) });
    expect(response.status).toBe(400);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('PAYLOAD_TOO_LARGE');
    await expect.poll(files, { timeout: 20_000 }).toEqual([]);
  });

  it('rejects a body cut off by the client and removes the file', async () => {
    const url = await start(1024 * 1024);
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': '100000' } });
    req.on('error', () => {});
    req.write(Buffer.alloc(10_000));
    await expect.poll(files, { timeout: 20_000 }).toHaveLength(1);
    req.destroy();
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_REQUEST');
    await expect.poll(files, { timeout: 20_000 }).toEqual([]);
  });
});
