import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../test-support/manual-clock.js';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * Every route, tus included, and the sweeper judge time by the app's one injected clock, and
 * reach storage through the app's one ContentService. Set far from the real time, a clock
 * that only some routes used would show at once: a fresh upload answering 410, or an expired
 * one still answering 200 on tus HEAD.
 */

const FILES = '/api/v1/temp-contents/files';
const CONTENTS = '/api/v1/temp-contents';
const tus = { ...bearer(TOKENS.alice), 'tus-resumable': '1.0.0' };

describe('one clock for every route', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each([
    ['in the future', new Date(Date.UTC(2099, 0, 1))],
    ['in the past', new Date(Date.UTC(2001, 0, 1))],
  ])(
    'with the clock %s: a tus upload lives and expires by it, on every route',
    async (_n, start) => {
      const clock = new ManualClock(start);
      t = await createTestApp({ deps: { clock: clock.now } });
      const created = await t.app.inject({
        method: 'POST',
        url: FILES,
        headers: { ...tus, 'upload-length': '5', 'upload-metadata': 'ttl MTA=' }, // ttl 10
      });
      expect(created.statusCode).toBe(201);
      // Upload-Expires comes from the injected clock: creation + 10 s.
      expect(created.headers['upload-expires']).toBe(
        new Date(start.getTime() + 10_000).toUTCString(),
      );
      const id = String(created.headers.location).split('/').pop() as string;

      // Fresh and incomplete: 204 on GET and details, 200 on tus HEAD.
      expect((await t.app.inject({ url: `${CONTENTS}/${id}`, headers: tus })).statusCode).toBe(204);
      const head = await t.app.inject({ method: 'HEAD', url: `${FILES}/${id}`, headers: tus });
      expect(head.statusCode).toBe(200);

      clock.advance(5_000);
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `${FILES}/${id}`,
        headers: {
          ...tus,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': '0',
        },
        payload: 'hello',
      });
      expect(patched.statusCode).toBe(204);
      const details = await t.app.inject({ url: `${CONTENTS}/${id}/details`, headers: tus });
      expect(details.statusCode).toBe(200);
      // UpdatedAt is the time of the PATCH on the same clock, not the machine's time.
      expect(new Date(details.json().UpdatedAt).getTime()).toBe(start.getTime() + 5_000);
      expect((await t.app.inject({ url: `${CONTENTS}/${id}`, headers: tus })).body).toBe('hello');

      // Past the TTL by the clock: 410 everywhere, tus HEAD and PATCH included.
      clock.advance(5_000);
      for (const [method, url] of [
        ['GET', `${CONTENTS}/${id}`],
        ['GET', `${CONTENTS}/${id}/details`],
        ['HEAD', `${FILES}/${id}`],
        ['PATCH', `${FILES}/${id}`],
        ['DELETE', `${FILES}/${id}`],
      ] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: {
            ...tus,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': '5',
          },
        });
        expect(response.statusCode, `${method} ${url}`).toBe(410);
      }
      // The sweeper purges by the same clock; then 404.
      expect(await t.app.expirySweeper.sweepOnce()).toBe(1);
      const after = await t.app.inject({ method: 'HEAD', url: `${FILES}/${id}`, headers: tus });
      expect(after.statusCode).toBe(404);
    },
  );

  it('a plain POST records its times by the clock', async () => {
    const clock = new ManualClock(new Date(Date.UTC(2099, 5, 1)));
    t = await createTestApp({ deps: { clock: clock.now } });
    const created = await t.app.inject({
      method: 'POST',
      url: `${CONTENTS}?ttl=60`,
      headers: bearer(TOKENS.alice),
      payload: 'abc',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.CreatedAt).toBe(clock.now().toISOString());
    expect(body.UpdatedAt).toBe(clock.now().toISOString());
    expect(body.Expires).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
  });
});
