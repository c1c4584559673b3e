import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * A plain POST whose client goes away mid-body leaves nothing behind at once (bytes, upload
 * info, record), not at the end of its TTL.
 */
describe('a plain POST cut mid-body', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each([
    ['with Content-Length', 'Content-Length: 100000\r\n', Buffer.alloc(30_000, 7)],
    [
      'chunked',
      'Transfer-Encoding: chunked\r\n',
      Buffer.concat([Buffer.from('7530\r\n'), Buffer.alloc(30_000, 7), Buffer.from('\r\n')]),
    ],
  ])('%s: nothing stays once the connection drops', async (_name, framing, sent) => {
    t = await createTestApp();
    const port = Number(new URL(await t.listen()).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/v1/temp-contents?ttl=3600 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.alice}\r\n${framing}\r\n`,
    );
    socket.write(sent);
    const filesDir = path.join(t.dataDir, 'files');
    // The upload is under way: its bytes file exists.
    await expect
      .poll(async () => (await readdir(filesDir)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    socket.destroy();
    await expect.poll(() => readdir(filesDir), { timeout: 20_000 }).toEqual([]);
    expect(await t.app.contentStore.listExpired(new Date(8.64e15), 10)).toEqual([]);
  });
});
