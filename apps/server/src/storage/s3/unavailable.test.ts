import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../../test-support/test-app.js';
import { type S3Services, startS3Services } from './test-support/s3-services.js';

/**
 * When Redis or the object store stops answering, requests that need them answer 503 in the
 * envelope with Retry-After (never 500), /ready says not ready so balancers stop sending, and
 * /health stays up; service resumes when the store is back, with nothing acknowledged lost.
 */

let services: S3Services;
let t: TestApp;
let stored: string;

beforeAll(async () => {
  services = await startS3Services();
  const options = await services.newStoreOptions();
  t = await createTestApp({
    env: {
      ...services.objects.env,
      TC_STORAGE: 's3',
      TC_S3_BUCKET: options.bucket,
      TC_REDIS_URL: services.redis.url,
    },
  });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/temp-contents',
    headers: bearer(TOKENS.alice),
    payload: 'kept while storage was away',
  });
  expect(created.statusCode).toBe(201);
  stored = created.json().ID;
});
afterAll(async () => {
  await t?.close();
  await services?.stop();
});

const cases = [
  ['Redis', () => services.redis.kill9(), () => services.redis.restart()],
  ['the object store', () => services.objects.kill9(), undefined],
] as const;

describe.each(cases)('%s down', (_name, stop, start) => {
  it('answers 503 with Retry-After on uploads and reads, /ready 503, /health 200', async () => {
    await stop();
    for (const request of [
      { method: 'POST', url: '/api/v1/temp-contents', payload: 'x' },
      { method: 'GET', url: '/api/v1/temp-contents/0123456789abcdef0123456789abcdef' },
    ] as const) {
      const response = await t.app.inject({ ...request, headers: bearer(TOKENS.alice) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().errors[0].code).toBe('UNAVAILABLE');
    }
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(503);
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    if (start !== undefined) {
      await start();
      await expect
        .poll(async () => (await t.app.inject({ url: '/ready' })).statusCode, { timeout: 20_000 })
        .toBe(200);
      const back = await t.app.inject({
        url: `/api/v1/temp-contents/${stored}`,
        headers: bearer(TOKENS.alice),
      });
      expect(back.body).toBe('kept while storage was away');
    }
  });
});
