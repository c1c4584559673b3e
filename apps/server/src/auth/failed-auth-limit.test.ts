import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * Invalid tokens are limited per client address: past the limit the address is refused (429)
 * before its next token is checked, valid or not, so tokens cannot be guessed at speed.
 */
describe('failed authentication per client address', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const start = async (env: Record<string, string> = {}) => {
    t = await createTestApp({
      env: { TC_RATE_LIMIT: 'on', ...env },
      configure: (config) => {
        config.rateLimit.failedAuthLimit = 2;
      },
    });
    return t;
  };
  const get = (app: TestApp, token: string, address = '203.0.113.7') =>
    app.app.inject({
      url: '/api/v1/temp-contents/0123456789abcdef0123456789abcdef/details',
      headers: bearer(token),
      remoteAddress: address,
    });

  it('answers 429 with Retry-After once an address sent too many invalid tokens', async () => {
    const app = await start();
    expect((await get(app, 'guess-1')).statusCode).toBe(401);
    expect((await get(app, 'guess-2')).statusCode).toBe(401);
    const limited = await get(app, 'guess-3');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(limited.json().errors[0].code).toBe('RATE_LIMITED');
    // Refused before the token is checked: a right guess gets no answer that tells it so.
    expect((await get(app, TOKENS.alice)).statusCode).toBe(429);
    // Other addresses are not affected, and a valid token never counts as a failure.
    expect((await get(app, TOKENS.alice, '198.51.100.9')).statusCode).toBe(404);
    expect((await get(app, TOKENS.alice, '198.51.100.9')).statusCode).toBe(404);
    expect((await get(app, TOKENS.alice, '198.51.100.9')).statusCode).toBe(404);
  });

  it('is off with TC_RATE_LIMIT=off', async () => {
    const app = await start({ TC_RATE_LIMIT: 'off' });
    for (let i = 0; i < 4; i++) expect((await get(app, `guess-${i}`)).statusCode).toBe(401);
  });
});
