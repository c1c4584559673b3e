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
