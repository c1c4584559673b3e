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
    for (let i = 0; i < 500 && (await readdir(filesDir)).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await readdir(filesDir)).length).toBeGreaterThan(0);
    socket.destroy();
    let left = await readdir(filesDir);
    for (let i = 0; i < 500 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      left = await readdir(filesDir);
    }
    expect(left).toEqual([]);
    expect(await t.app.contentStore.listExpired(new Date(8.64e15), 10)).toEqual([]);
  });
});
