/**
 * The metadata a parallel upload gave its partial uploads (its `filename` and `ttl`), read back
 * with a tus `HEAD` of one of them, so that resuming it from the partial URLs alone creates the
 * same final upload.
 */
import { API_PATHS } from '@temp-contents/contract';
import { toNetworkError, toTempContentsError } from '../errors/errors.js';
import type { RawClient } from '../raw/raw-client.js';

/** `Upload-Metadata` of the upload `id` as decoded key/value pairs (a key alone maps to ''). */
export async function partialMetadataOf(
  raw: RawClient,
  id: string,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const result = await raw
    .HEAD('/api/v1/temp-contents/files/{id}', {
      params: { path: { id }, header: { 'Tus-Resumable': '1.0.0' } },
      signal,
    })
    .catch((error: unknown) => {
      throw toNetworkError(error, `HEAD ${API_PATHS.tusFiles}/${id}`, signal);
    });
  if (!result.response.ok) throw toTempContentsError(result.response, undefined, 'HEAD');
  const header = result.response.headers.get('Upload-Metadata') ?? '';
  const metadata: Record<string, string> = {};
  for (const pair of header.split(',')) {
    const [key, value] = pair.trim().split(/\s+/);
    if (key) metadata[key] = value ? new TextDecoder().decode(base64Bytes(value)) : '';
  }
  return metadata;
}

function base64Bytes(value: string): Uint8Array {
  const text = atob(value);
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
