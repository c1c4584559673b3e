import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type TestApp,
  type TestAppOptions,
  TOKENS,
} from '../test-support/test-app.js';

/**
 * How the tus routes sit in the whole app: rate limits on hijacked replies, CORS from
 * TC_CORS_ORIGINS (not @tus/server's "any origin"), and the absolute Location under
 * TC_PUBLIC_URL / TC_TRUST_PROXY.
 */

const auth = { authorization: `Bearer ${TOKENS.alice}`, 'tus-resumable': '1.0.0' };
const ID_PATH = '/api/v1/temp-contents/files/[0-9a-f]{32}$';

describe('tus routes in the app', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    app?.app.server.closeAllConnections();
    await app?.close();
    app = undefined;
  });
  const start = async (options: TestAppOptions) => {
    app = await createTestApp(options);
    return app.listen();
  };

  it.each([
    ['on (default)', {}, true],
    ['off (behind nginx, which drops request trailers)', { TC_TUS_CHECKSUM_TRAILER: 'off' }, false],
  ] as const)(
    'advertises checksum-trailer only with TC_TUS_CHECKSUM_TRAILER %s',
    async (_n, env, on) => {
      const baseUrl = await start({ env });
      const options = await fetch(`${baseUrl}/api/v1/temp-contents/files`, { method: 'OPTIONS' });
      expect(options.status).toBe(200);
      const extensions = (options.headers.get('tus-extension') ?? '').split(',');
      expect(extensions).toContain('checksum');
      expect(extensions.includes('checksum-trailer')).toBe(on);
    },
  );

  it("counts tus requests in the 'special' tier and answers 429 in the envelope", async () => {
    const baseUrl = await start({
      env: { TC_RATE_LIMIT: 'on' },
      configure: (config) => {
        config.rateLimit.limits.special = 2;
      },
    });
    const post = () =>
      fetch(`${baseUrl}/api/v1/temp-contents/files`, {
        method: 'POST',
        headers: { ...auth, 'upload-length': '1' },
      });
    const first = await post();
    expect(first.status).toBe(201);
    // Headers set by the limiter survive the hijacked reply.
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await post()).status).toBe(201);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[0-9]+$/);
    expect(limited.headers.get('tus-resumable')).toBe('1.0.0');
    expect((await limited.json()).errors[0].code).toBe('RATE_LIMITED');
  });

  it('sends CORS headers from TC_CORS_ORIGINS, not a wildcard, and answers preflights', async () => {
    const origin = 'https://app.example.com';
    const baseUrl = await start({ env: { TC_CORS_ORIGINS: origin } });
    const created = await fetch(`${baseUrl}/api/v1/temp-contents/files`, {
      method: 'POST',
      headers: { ...auth, origin, 'upload-length': '1' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(origin);
    expect(created.headers.get('access-control-expose-headers')).toMatch(/Location/);
    expect(created.headers.get('access-control-expose-headers')).toMatch(/Upload-Offset/);

    const other = await fetch(`${baseUrl}/api/v1/temp-contents/files`, {
      method: 'POST',
      headers: { ...auth, origin: 'https://evil.example', 'upload-length': '1' },
    });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('*');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');

    const preflight = await fetch(created.headers.get('location') as string, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'upload-offset, tus-resumable, content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
  });

  it.each<{
    name: string;
    env: Record<string, string>;
    headers: Record<string, string>;
    want: RegExp;
  }>([
    {
      name: 'the request Host by default',
      env: {},
      headers: {
        'x-forwarded-host': 'proxy.example',
        'x-forwarded-proto': 'https',
        forwarded: 'host=fwd.example;proto=https',
      },
      want: new RegExp(`^http://127\\.0\\.0\\.1:[0-9]+${ID_PATH}`),
    },
    {
      name: 'TC_PUBLIC_URL when set',
      env: { TC_PUBLIC_URL: 'https://files.example.com/base' },
      headers: { 'x-forwarded-host': 'proxy.example' },
      want: new RegExp(`^https://files\\.example\\.com/base${ID_PATH}`),
    },
    {
      name: 'X-Forwarded-Host/-Proto behind a trusted proxy',
      env: { TC_TRUST_PROXY: 'true' },
      headers: { 'x-forwarded-host': 'proxy.example', 'x-forwarded-proto': 'https' },
      want: new RegExp(`^https://proxy\\.example${ID_PATH}`),
    },
    {
      name: 'Forwarded (RFC 7239) behind a trusted proxy',
      env: { TC_TRUST_PROXY: 'true' },
      headers: {
        forwarded: 'for=192.0.2.1;host="fwd.example:8443";proto=https, host=second.example',
      },
      want: new RegExp(`^https://fwd\\.example:8443${ID_PATH}`),
    },
  ])('builds the absolute Location from $name', async ({ env, headers, want }) => {
    const baseUrl = await start({ env });
    const created = await fetch(`${baseUrl}/api/v1/temp-contents/files`, {
      method: 'POST',
      headers: { ...auth, ...headers, 'upload-length': '1' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(want);
  });
});
