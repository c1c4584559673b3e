/** The raw client's additions to openapi-fetch, seen through a fetch of our own (no server). */
import { describe, expect, it } from 'vitest';
import { createTempContentsClient } from '../index.js';

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(
      JSON.stringify({
        ID: 'id1',
        Name: '',
        Size: '3',
        Expires: '2030-01-01T00:00:00Z',
        CreatedAt: '2030-01-01T00:00:00Z',
        UpdatedAt: '2030-01-01T00:00:00Z',
        CreatorID: 'me',
        TTLSeconds: 3600,
      }),
      {
        status: 201,
        headers: { 'Content-Type': 'application/json', Location: '/api/v1/temp-contents/id1' },
      },
    );
  };
  return { fetch, requests };
}

describe('raw client', () => {
  it('sends the token, extra headers and the bytes as application/octet-stream', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createTempContentsClient({
      baseUrl: 'http://api.test/prefix/',
      token: 'secret',
      fetch,
      headers: { 'X-Client': 'tests' },
    });
    await client.raw.POST('/api/v1/temp-contents', {
      params: { query: { filename: 'a b.txt', ttl: 60 } },
      body: new Uint8Array([1, 2, 3]),
    });
    const [request] = requests;
    expect(request?.url).toBe(
      'http://api.test/prefix/api/v1/temp-contents?filename=a%20b.txt&ttl=60',
    );
    expect(request?.headers.get('Authorization')).toBe('Bearer secret');
    expect(request?.headers.get('X-Client')).toBe('tests');
    expect(request?.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(new Uint8Array(await (request as Request).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it('keeps a Content-Type the caller chose', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createTempContentsClient({ baseUrl: 'http://api.test', token: 't', fetch });
    await client.raw.POST('/api/v1/temp-contents', {
      body: 'a,b\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(requests[0]?.headers.get('Content-Type')).toBe('text/csv');
    expect(await requests[0]?.text()).toBe('a,b\n');
  });

  it('asks getToken before every request and sends nothing without a token', async () => {
    const { fetch, requests } = recordingFetch();
    let n = 0;
    const client = createTempContentsClient({
      baseUrl: 'http://api.test',
      getToken: async () => `token-${++n}`,
      fetch,
    });
    await client.upload(new Uint8Array(3));
    await client.upload(new Uint8Array(3));
    expect(requests.map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);

    const anonymous = createTempContentsClient({ baseUrl: 'http://api.test', fetch });
    await anonymous.upload(new Uint8Array(3));
    expect(requests[2]?.headers.has('Authorization')).toBe(false);
  });

  it('resolves the plain upload Location against the base URL', async () => {
    const { fetch } = recordingFetch();
    const client = createTempContentsClient({ baseUrl: 'http://api.test/', token: 't', fetch });
    expect(await client.upload(new Uint8Array(3))).toEqual({
      id: 'id1',
      location: 'http://api.test/api/v1/temp-contents/id1',
      transport: 'plain',
      uploadUrl: undefined,
      size: 3,
    });
  });
});
