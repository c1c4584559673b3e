import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/** Requests pipelined on one connection take effect in the order they were sent. */
describe('pipelined requests', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const auth = `Authorization: Bearer ${TOKENS.alice}\r\nTus-Resumable: 1.0.0\r\nHost: x`;

  /** Writes all requests at once on one connection; resolves with the status lines answered. */
  function pipeline(port: number, requests: string[], answers: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let raw = '';
      socket.on('data', (data: Buffer) => {
        raw += data.toString('latin1');
        const statuses = raw.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];
        if (statuses.length >= answers) {
          socket.destroy();
          resolve(statuses);
        }
      });
      socket.on('error', reject);
      socket.setTimeout(10_000, () => reject(new Error(`no ${answers} answers: ${raw}`)));
      socket.write(requests.join(''));
    });
  }

  async function tusUpload(base: string, length: number): Promise<string> {
    const created = await fetch(`${base}/api/v1/temp-contents/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKENS.alice}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(length),
      },
    });
    return (created.headers.get('location') as string).split('/').pop() as string;
  }

  it('a GET pipelined after a DELETE of the same upload answers 404, not its bytes', async () => {
    t = await createTestApp();
    const base = await t.listen();
    const id = await tusUpload(base, 5);
    const patched = await fetch(`${base}/api/v1/temp-contents/files/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${TOKENS.alice}`,
        'tus-resumable': '1.0.0',
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
      body: 'hello',
    });
    expect(patched.status).toBe(204);
    const statuses = await pipeline(
      Number(new URL(base).port),
      [
        `DELETE /api/v1/temp-contents/files/${id} HTTP/1.1\r\n${auth}\r\n\r\n`,
        `GET /api/v1/temp-contents/${id} HTTP/1.1\r\n${auth}\r\n\r\n`,
      ],
      2,
    );
    expect(statuses).toEqual(['HTTP/1.1 204', 'HTTP/1.1 404']);
  });

  it('a GET pipelined after the PATCH that completes an upload answers 200', async () => {
    t = await createTestApp();
    const base = await t.listen();
    const id = await tusUpload(base, 5);
    const statuses = await pipeline(
      Number(new URL(base).port),
      [
        `PATCH /api/v1/temp-contents/files/${id} HTTP/1.1\r\n${auth}\r\n` +
          'Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n' +
          'Content-Length: 5\r\n\r\nhello',
        `GET /api/v1/temp-contents/${id} HTTP/1.1\r\n${auth}\r\n\r\n`,
      ],
      2,
    );
    expect(statuses).toEqual(['HTTP/1.1 204', 'HTTP/1.1 200']);
  });
});
