/**
 * Type tests: correct calls compile with precise types; wrong ones (unknown path, operation or
 * method, `Size` as a number, a missing id, a wrong body or parameter type) do not.
 */
import type { DetailResponse, ErrorEnvelope, operations } from '@temp-contents/contract';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createTempContentsClient,
  type Download,
  sizeAsBigInt,
  sizeAsNumber,
  type TempContentsClient,
  TempContentsError,
  type UploadResult,
} from './index.js';

declare const client: TempContentsClient;
declare const bytes: Uint8Array;
declare const stream: ReadableStream<Uint8Array>;

describe('createTempContentsClient', () => {
  it('takes a token or a token function, not both', () => {
    createTempContentsClient({ baseUrl: 'http://localhost:8080', token: 't' });
    createTempContentsClient({ baseUrl: 'http://localhost:8080', getToken: async () => 't' });
    createTempContentsClient({ baseUrl: 'http://localhost:8080' });
    // @ts-expect-error -- one source of token at a time
    createTempContentsClient({ baseUrl: 'x', token: 't', getToken: () => 't' });
    // @ts-expect-error -- baseUrl is required
    createTempContentsClient({ token: 't' });
  });
});

describe('high-level methods', () => {
  it('return precise types', () => {
    expectTypeOf(client.upload(bytes)).resolves.toEqualTypeOf<UploadResult>();
    expectTypeOf(client.details('id')).resolves.toEqualTypeOf<DetailResponse>();
    expectTypeOf(client.download('id')).resolves.toEqualTypeOf<Download>();
    expectTypeOf<Download['status']>().toEqualTypeOf<200 | 206>();
    expectTypeOf<Download['body']>().toEqualTypeOf<ReadableStream<Uint8Array>>();
    expectTypeOf<UploadResult['transport']>().toEqualTypeOf<'plain' | 'tus'>();
  });

  it('keep Size a string; the helpers give a number or a bigint', async () => {
    const details = await client.details('id');
    expectTypeOf(details.Size).toEqualTypeOf<string>();
    expectTypeOf(sizeAsNumber(details)).toEqualTypeOf<number>();
    expectTypeOf(sizeAsBigInt(details)).toEqualTypeOf<bigint>();
    // @ts-expect-error -- Size is a decimal string, not a number
    const size: number = details.Size;
    // @ts-expect-error -- no arithmetic on the string either
    const next = details.Size + 1 - 1;
    void size;
    void next;
  });

  it('accept the documented sources and options only', () => {
    void client.upload(new Blob([]), { filename: 'a.txt', ttl: 60, resumable: true });
    void client.upload(stream, { size: 10, chunkSize: 1024, retryDelays: null });
    void client.upload('/path/to/file');
    // @ts-expect-error -- a number is not a source
    void client.upload(42);
    // @ts-expect-error -- ttl is a number of seconds
    void client.upload(bytes, { ttl: '60' });
    // @ts-expect-error -- the id is required
    void client.details();
    // @ts-expect-error -- ranges are objects or a Range header string
    void client.download('id', { range: [0, 10] });
  });

  it('throw errors with typed fields', () => {
    const error = new TempContentsError({ status: 404, headers: new Headers() });
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.traceId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.code).toExtend<string>();
  });
});

describe('raw (openapi-fetch over the contract)', () => {
  it('types parameters and responses per operation', async () => {
    const result = await client.raw.GET('/api/v1/temp-contents/{id}/details', {
      params: { path: { id: 'abc' } },
    });
    expectTypeOf(result.data).toEqualTypeOf<DetailResponse | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<ErrorEnvelope | undefined>();
  });

  it('sends bytes, Blobs and streams as the plain upload body', () => {
    void client.raw.POST('/api/v1/temp-contents', { body: bytes });
    void client.raw.POST('/api/v1/temp-contents', {
      body: new Blob([]),
      params: { query: { ttl: 60 } },
    });
    void client.raw.POST('/api/v1/temp-contents', { body: stream });
    // @ts-expect-error -- a JSON object is not a binary body
    void client.raw.POST('/api/v1/temp-contents', { body: { name: 'x' } });
    // @ts-expect-error -- nor is a number
    void client.raw.POST('/api/v1/temp-contents', { body: 42 });
    // The body may be omitted: the spec lets a POST without one store an empty file.
    void client.raw.POST('/api/v1/temp-contents', {});
    void client.raw.POST('/api/v1/temp-contents', {
      body: bytes,
      // @ts-expect-error -- ttl is an integer, not a string
      params: { query: { ttl: '60' } },
    });
  });

  it('rejects unknown paths, methods and operations', () => {
    // @ts-expect-error -- no such path
    void client.raw.GET('/api/v1/temp-content/{id}', { params: { path: { id: 'x' } } });
    // @ts-expect-error -- the API has no PUT on a content
    void client.raw.PUT('/api/v1/temp-contents/{id}', { params: { path: { id: 'x' } } });
    // @ts-expect-error -- nor a DELETE (only the tus upload can be terminated)
    void client.raw.DELETE('/api/v1/temp-contents/{id}', { params: { path: { id: 'x' } } });
    expectTypeOf<operations>().not.toHaveProperty('TempContentsDelete');
    expectTypeOf<operations>().toHaveProperty('TempContentsDetails');
  });

  it('requires the id path parameter', () => {
    // @ts-expect-error -- params.path.id is required
    void client.raw.GET('/api/v1/temp-contents/{id}', {});
    // @ts-expect-error -- the init object itself is required
    void client.raw.GET('/api/v1/temp-contents/{id}/details');
    // @ts-expect-error -- the id is a string
    void client.raw.GET('/api/v1/temp-contents/{id}', { params: { path: { id: 42 } } });
  });

  it('types headers and query enums', () => {
    void client.raw.GET('/api/v1/temp-contents/{id}', {
      params: { path: { id: 'x' }, query: { inline: '1' }, header: { Range: 'bytes=0-9' } },
      parseAs: 'stream',
    });
    void client.raw.GET('/api/v1/temp-contents/{id}', {
      // @ts-expect-error -- inline is one of '0' | '1' | 'true' | 'false'
      params: { path: { id: 'x' }, query: { inline: 'yes' } },
    });
    void client.raw.PATCH('/api/v1/temp-contents/files/{id}', {
      params: {
        path: { id: 'x' },
        header: {
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': 0,
          'Content-Type': 'application/offset+octet-stream',
        },
      },
      body: bytes,
    });
    void client.raw.PATCH('/api/v1/temp-contents/files/{id}', {
      params: {
        path: { id: 'x' },
        // @ts-expect-error -- Upload-Offset is required by tus
        header: { 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream' },
      },
      body: bytes,
    });
  });
});
