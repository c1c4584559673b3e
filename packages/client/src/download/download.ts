/** `download` and `details`: the typed raw calls, checked and turned into plain results. */
import type { DetailResponse } from '@temp-contents/contract';
import {
  TempContentsIncompleteError,
  toNetworkError,
  toTempContentsError,
} from '../errors/errors.js';
import type { RawClient } from '../raw/raw-client.js';
import { checkedBody } from './checked-body.js';
import { parseContentDispositionFilename } from './content-disposition.js';
import { formatRange, parseContentRange } from './content-range.js';
import type { Download, DownloadOptions } from './download-options.js';

/** What `downloadToFile` (per platform) needs from the client. */
export interface DownloadOperations {
  raw: RawClient;
  download(id: string, options?: DownloadOptions): Promise<Download>;
  head(id: string, options?: { signal?: AbortSignal | undefined }): Promise<ContentHead>;
}

/** The headers a `HEAD` on a content returns. */
export interface ContentHead {
  size: number | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  filename: string | undefined;
  headers: Headers;
}

function optionalNumber(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

function throwIfIncomplete(response: Response, method: string): void {
  if (response.status === 204) {
    throw new TempContentsIncompleteError({ headers: response.headers, method, url: response.url });
  }
}

export async function downloadContent(
  raw: RawClient,
  id: string,
  options: DownloadOptions = {},
): Promise<Download> {
  const { signal } = options;
  const header: { Range?: string; 'If-Range'?: string } = {};
  if (options.range !== undefined) header.Range = formatRange(options.range);
  if (options.ifRange !== undefined) header['If-Range'] = options.ifRange;
  const result = await raw
    .GET('/api/v1/temp-contents/{id}', {
      params: {
        path: { id },
        ...(options.inline ? { query: { inline: '1' as const } } : {}),
        header,
      },
      parseAs: 'stream',
      signal,
    })
    .catch((error: unknown) => {
      throw toNetworkError(error, `GET content ${id}`, signal);
    });
  const { response } = result;
  if (result.error !== undefined || !response.ok) {
    throw toTempContentsError(response, result.error, 'GET');
  }
  throwIfIncomplete(response, 'GET');
  const status = response.status === 206 ? 206 : 200;
  const headers = response.headers;
  const length = optionalNumber(headers.get('Content-Length'));
  const contentRange = status === 206 ? parseContentRange(headers.get('Content-Range')) : undefined;
  return {
    status,
    body: checkedBody(response.body, length, `GET content ${id}`, signal),
    length,
    size: status === 206 ? contentRange?.size : length,
    contentRange,
    filename: parseContentDispositionFilename(headers.get('Content-Disposition')),
    contentType: headers.get('Content-Type') ?? undefined,
    etag: headers.get('ETag') ?? undefined,
    lastModified: headers.get('Last-Modified') ?? undefined,
    headers,
  };
}

export async function headContent(
  raw: RawClient,
  id: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<ContentHead> {
  const { response } = await raw
    .HEAD('/api/v1/temp-contents/{id}', { params: { path: { id } }, signal: options.signal })
    .catch((error: unknown) => {
      throw toNetworkError(error, `HEAD content ${id}`, options.signal);
    });
  if (!response.ok) throw toTempContentsError(response, undefined, 'HEAD');
  throwIfIncomplete(response, 'HEAD');
  const headers = response.headers;
  return {
    size: optionalNumber(headers.get('Content-Length')),
    etag: headers.get('ETag') ?? undefined,
    lastModified: headers.get('Last-Modified') ?? undefined,
    filename: parseContentDispositionFilename(headers.get('Content-Disposition')),
    headers,
  };
}

export async function contentDetails(
  raw: RawClient,
  id: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<DetailResponse> {
  const result = await raw
    .GET('/api/v1/temp-contents/{id}/details', { params: { path: { id } }, signal: options.signal })
    .catch((error: unknown) => {
      throw toNetworkError(error, `GET details ${id}`, options.signal);
    });
  const { response } = result;
  if (result.error !== undefined || !response.ok) {
    throw toTempContentsError(response, result.error, 'GET');
  }
  throwIfIncomplete(response, 'GET');
  if (!result.data) throw toTempContentsError(response, undefined, 'GET');
  return result.data;
}
