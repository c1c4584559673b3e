import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { API_PATHS } from '@temp-contents/contract';
import { specPath } from '@temp-contents/contract/spec-path';
import { readWebManifest } from '@temp-contents/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { WEB_UI_CSP } from './web-ui.js';

// The pages' HTTP side, without a browser (web-ui.chromium.test.ts drives them in Chromium).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('service pages', () => {
  it.each([
    [API_PATHS.uploadPage, 'text/html; charset=utf-8', '<title>temp-contents: upload</title>'],
    [API_PATHS.apiReference, 'text/html; charset=utf-8', '<div id="swagger-ui">'],
    [API_PATHS.openapiYaml, 'application/yaml; charset=utf-8', 'openapi: 3.1.0'],
    [API_PATHS.openapiJson, 'application/json; charset=utf-8', '"openapi": "3.1.0"'],
  ])(
    'GET %s answers %s without a token, with a strict CSP and nosniff',
    async (url, type, text) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.body).toContain(text);
      expect(response.headers).toMatchObject({
        'content-security-policy': WEB_UI_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
        'content-length': String(response.rawPayload.byteLength),
      });
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    },
  );

  it('serves the spec file as it is, and the same document as JSON', async () => {
    const yaml = await t.app.inject({ method: 'GET', url: API_PATHS.openapiYaml });
    expect(yaml.body).toBe(await readFile(specPath, 'utf8'));
    const json = (await t.app.inject({ method: 'GET', url: API_PATHS.openapiJson })).json();
    expect(json.openapi).toBe('3.1.0');
    expect(Object.keys(json.paths).sort()).toEqual(Object.values(API_PATHS).sort());
  });

  it('loads nothing from another origin: every script and stylesheet is ours, under /ui/', async () => {
    for (const url of [API_PATHS.uploadPage, API_PATHS.apiReference]) {
      const html = (await t.app.inject({ method: 'GET', url })).body;
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
      expect(refs.length).toBeGreaterThan(2);
      for (const ref of refs) expect(ref).toMatch(/^(\/|data:)/);
      for (const asset of refs.filter((ref) => ref.startsWith('/ui/'))) {
        const response = await t.app.inject({ method: 'GET', url: asset });
        expect(response.statusCode, asset).toBe(200);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    }
  });

  it('sends the gzip copy to clients that accept it, and 304 for a current ETag', async () => {
    const manifest = await readWebManifest();
    const script = manifest?.files.find((f) => f.url.startsWith('/ui/') && f.gzip !== undefined);
    expect(script).toBeDefined();
    const url = script?.url as string;
    const plain = await t.app.inject({ method: 'GET', url });
    const zipped = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.rawPayload.byteLength);
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);

    const again = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': plain.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.each([
    ['an unknown asset', 'GET', '/ui/nothing-here.js', 404, 'NOT_FOUND'],
    ['another method on a page', 'POST', '/docs', 405, 'METHOD_NOT_ALLOWED'],
  ])('answers %s in the error envelope', async (_name, method, url, status, code) => {
    const response = await t.app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.json().errors[0].code).toBe(code);
  });
});
