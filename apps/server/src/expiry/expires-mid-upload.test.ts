import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../test-support/manual-clock.js';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { TUS_AUTH } from '../tus/test-support/tus-http.js';

/**
 * A content can expire while its bytes still arrive (a long upload with a short TTL). When the
 * sweeper purges it meanwhile, the upload answers 410 in the envelope (never 500), and nothing
 * of it stays on disk.
 */
describe('an upload that outlives its TTL', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    t?.app.server.closeAllConnections();
    await t?.close();
    t = undefined;
  });

  /** A request body that sends `first`, then waits for `release()` before sending `rest`. */
  function gatedBody(first: Buffer, rest: Buffer) {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const body = (async function* () {
      yield first;
      await gate;
      yield rest;
    })();
    return { body: body as unknown as BodyInit, release };
  }

  const filesIn = async (app: TestApp) =>
    (await readdir(path.join(app.dataDir, 'files'))).filter((name) => !name.endsWith('.tmp'));

  it.each(['plain POST', 'tus PATCH'] as const)('%s: 410, and no bytes kept', async (kind) => {
    const clock = new ManualClock(new Date());
    t = await createTestApp({ deps: { clock: clock.now } });
    const base = await t.listen();
    const { body, release } = gatedBody(Buffer.alloc(1000, 1), Buffer.alloc(1000, 2));
    let answer: Promise<Response>;
    if (kind === 'plain POST') {
      answer = fetch(`${base}/api/v1/temp-contents?ttl=60`, {
        method: 'POST',
        headers: bearer(TOKENS.alice),
        body,
        duplex: 'half',
      } as RequestInit);
    } else {
      const created = await fetch(`${base}/api/v1/temp-contents/files`, {
        method: 'POST',
        headers: { ...TUS_AUTH, 'upload-length': '2000', 'upload-metadata': 'ttl NjA=' },
      });
      answer = fetch(
        created.headers.get('location') as string,
        {
          method: 'PATCH',
          headers: {
            ...TUS_AUTH,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': '0',
          },
          body,
          duplex: 'half',
        } as RequestInit,
      );
    }
    // The first bytes are on disk: the upload is under way.
    const app = t;
    const biggestFile = async () => {
      const sizes = await Promise.all(
        (await filesIn(app))
          .filter((name) => !name.endsWith('.json'))
          .map(async (name) => (await stat(path.join(app.dataDir, 'files', name))).size),
      );
      return Math.max(0, ...sizes);
    };
    await expect.poll(biggestFile, { timeout: 20_000 }).toBeGreaterThanOrEqual(1000);
    clock.advance(61_000);
    expect(await t.app.expirySweeper.sweepOnce()).toBe(1);
    release();
    const response = await answer;
    expect(response.status).toBe(410);
    expect((await response.json()).errors[0].code).toBe('GONE');
    expect(await filesIn(t)).toEqual([]);
  });
});
