import { TOKENS } from '../../test-support/test-app.js';

/** Headers of a tus request by alice: her bearer token and the tus version. */
export const TUS_AUTH = { authorization: `Bearer ${TOKENS.alice}`, 'tus-resumable': '1.0.0' };

/** One tus PATCH of `body` at `offset`, as alice. */
export function tusPatch(url: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: {
      ...TUS_AUTH,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
    body: new Uint8Array(body),
  });
}

/** Creates an upload of `length` bytes at `filesUrl` (the tus endpoint) as alice; its URL. */
export async function createUpload(filesUrl: string, length: number): Promise<string> {
  const response = await fetch(filesUrl, {
    method: 'POST',
    headers: { ...TUS_AUTH, 'upload-length': String(length) },
  });
  if (response.status !== 201) throw new Error(`creating an upload answered ${response.status}`);
  return response.headers.get('location') as string;
}

/** HEAD of an upload as alice: the status, and the offset it reports. */
export async function headOffset(url: string): Promise<{ status: number; offset: number }> {
  const response = await fetch(url, { method: 'HEAD', headers: TUS_AUTH });
  return { status: response.status, offset: Number(response.headers.get('upload-offset')) };
}

/**
 * HEAD as alice, waiting out 423 as a tus client does (Retry-After): after a replica dies
 * holding an upload's lock, the lock lasts until its lease lapses. One in-process server
 * (memory locks) never answers 423 here.
 */
export async function headThroughLock(url: string, budgetMs = 30_000): Promise<Response> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const response = await fetch(url, { method: 'HEAD', headers: TUS_AUTH });
    if (response.status !== 423 || Date.now() > deadline) return response;
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 2) * 1000));
  }
}
