import { readFileSync } from 'node:fs';
import { specPath } from '@temp-contents/contract/spec-path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { OPERATION_IDS, UNMATCHED } from './operation-ids.js';
import { parseSamples } from './test-support/exposition.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

describe('OPERATION_IDS', () => {
  it('lists exactly the operations of spec/temp-contents.yaml, each under its method and path', () => {
    const spec = parse(readFileSync(specPath, 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const declared = Object.fromEntries(
      Object.entries(spec.paths).flatMap(([path, item]) =>
        METHODS.flatMap((method) => {
          const operationId = item[method]?.operationId;
          return operationId === undefined
            ? []
            : [[`${method.toUpperCase()} ${path}`, operationId]];
        }),
      ),
    );
    expect(OPERATION_IDS).toEqual(declared);
  });
});

describe('the operation label of real requests', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { TC_METRICS: 'on' } });
    baseUrl = await t.listen();
  });
  afterAll(async () => {
    t.app.server.closeAllConnections();
    await t.close();
  });

  /** Requests labelled `operation` so far, whatever their status. */
  const labelled = async (operation: string) => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const prefix = `tc_http_requests_total{operation="${operation}",`;
    return [...parseSamples(text)]
      .filter(([key]) => key.startsWith(prefix))
      .reduce((sum, [, value]) => sum + value, 0);
  };

  it.each([
    ['POST', '/api/v1/temp-contents', {}, 'TempContentsPost'],
    ['GET', '/api/v1/temp-contents/abc', {}, 'TempContentsGet'],
    ['HEAD', '/api/v1/temp-contents/abc', {}, 'TempContentsHead'],
    ['GET', '/api/v1/temp-contents/abc/details', {}, 'TempContentsDetails'],
    ['OPTIONS', '/api/v1/temp-contents/files', {}, 'optionsTus'],
    ['POST', '/api/v1/temp-contents/files', {}, 'postTus'],
    ['HEAD', '/api/v1/temp-contents/files/abc', {}, 'headTus'],
    ['PATCH', '/api/v1/temp-contents/files/abc', {}, 'patchTus'],
    ['DELETE', '/api/v1/temp-contents/files/abc', {}, 'deleteTus'],
    ['POST', '/api/v1/temp-contents/files/abc', { 'x-http-method-override': 'PATCH' }, 'patchTus'],
    [
      'POST',
      '/api/v1/temp-contents/files/abc',
      { 'x-http-method-override': 'delete' },
      'deleteTus',
    ],
    // The plain upload does not honour the override: it stays a plain upload.
    ['POST', '/api/v1/temp-contents', { 'x-http-method-override': 'PATCH' }, 'TempContentsPost'],
    ['GET', '/health', {}, 'getHealth'],
    // Fastify answers HEAD for every GET route; the spec lists no HEAD there.
    ['HEAD', '/ready', {}, 'getReady'],
    ['GET', '/no/such/path', {}, UNMATCHED],
    ['PUT', '/api/v1/temp-contents', {}, UNMATCHED],
  ])('%s %s %j is %s', async (method, path, headers, want) => {
    const before = await labelled(want);
    const response = await fetch(`${baseUrl}${path}`, { method, headers });
    await response.arrayBuffer();
    // Counted when the response's `close` event comes, which may trail the client's read.
    await expect.poll(() => labelled(want)).toBe(before + 1);
  });
});
