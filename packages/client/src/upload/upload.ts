/**
 * `upload` and `resumeUpload`: one plain POST for small bodies, tus for large, unknown-length or
 * explicitly resumable ones.
 */
import { API_PATHS } from '@temp-contents/contract';
import type { TokenSource } from '../auth/token.js';
import { toNetworkError, toTempContentsError } from '../errors/errors.js';
import type { Platform } from '../platform/platform.js';
import type { RawClient } from '../raw/raw-client.js';
import {
  concatBytes,
  type NormalizedSource,
  normalizeSource,
  readPrefix,
  type UploadSource,
} from './source.js';
import { type ClientChecksumAlgorithm, chooseChecksumAlgorithm } from './tus-checksum.js';
import { createTusFileSource } from './tus-file-source.js';
import { DEFAULT_RETRY_DELAYS, runTusUpload, type TusRunOptions } from './tus-upload.js';
import type { UploadOptions, UploadResult } from './upload-options.js';

/** Bodies up to this size go as one plain POST unless `resumable: true`. */
export const DEFAULT_PLAIN_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
/** Bytes per tus PATCH unless `chunkSize` says otherwise. */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

export interface UploadContext {
  raw: RawClient;
  baseUrl: string;
  auth: TokenSource;
  headers: Record<string, string> | undefined;
  platform: Platform;
  plainUploadMaxBytes: number;
}

function contentUrl(baseUrl: string, id: string): string {
  return `${baseUrl}${API_PATHS.content.replace('{id}', encodeURIComponent(id))}`;
}

/** The upload id is the last path segment of the tus upload URL. */
export function idFromUploadUrl(url: string): string {
  const path = new URL(url, 'http://placeholder').pathname.replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

async function plainUpload(
  context: UploadContext,
  body: Blob | Uint8Array | ReadableStream<Uint8Array>,
  size: number | undefined,
  options: UploadOptions,
): Promise<UploadResult> {
  const { signal } = options;
  const query: { filename?: string; ttl?: number } = {};
  if (options.filename !== undefined) query.filename = options.filename;
  if (options.ttl !== undefined) query.ttl = options.ttl;
  options.onProgress?.(0, size);
  const result = await context.raw
    .POST('/api/v1/temp-contents', {
      params: { query },
      body,
      headers: { 'Content-Type': 'application/octet-stream' },
      signal,
    })
    .catch((error: unknown) => {
      throw toNetworkError(error, 'POST /api/v1/temp-contents', signal);
    });
  const { response, data } = result;
  if (result.error !== undefined || !response.ok || !data) {
    throw toTempContentsError(response, result.error, 'POST');
  }
  const location = response.headers.get('Location');
  const id = data.ID || idFromUploadUrl(location ?? '');
  const uploaded = Number(data.Size);
  options.onProgress?.(uploaded, uploaded);
  return {
    id,
    location: location
      ? new URL(location, `${context.baseUrl}/`).toString()
      : contentUrl(context.baseUrl, id),
    transport: 'plain',
    uploadUrl: undefined,
    size: uploaded,
    checksum: undefined,
  };
}

/**
 * The checksum algorithm for a tus upload (see `UploadOptions.checksum`): asks the server with
 * `OPTIONS` which algorithms it verifies, unless checksums are switched off.
 */
async function resolveChecksum(
  context: UploadContext,
  wanted: boolean | undefined,
  signal: AbortSignal | undefined,
): Promise<ClientChecksumAlgorithm | undefined> {
  if (wanted === false) return undefined;
  let algorithm: ClientChecksumAlgorithm | undefined;
  try {
    const { response } = await context.raw.OPTIONS(API_PATHS.tusFiles, { signal });
    if (response.ok) {
      algorithm = chooseChecksumAlgorithm(
        response.headers.get('Tus-Extension'),
        response.headers.get('Tus-Checksum-Algorithm'),
      );
    }
  } catch (error) {
    // Without checksums asked for, a failed discovery only means none; the upload's own
    // requests report the network error if there is one.
    if (wanted === true) throw toNetworkError(error, `OPTIONS ${API_PATHS.tusFiles}`, signal);
  }
  if (wanted === true && algorithm === undefined) {
    throw new Error(
      'checksums were required, but the server does not offer tus checksums with sha256 or sha1 (OPTIONS: Tus-Extension, Tus-Checksum-Algorithm)',
    );
  }
  return algorithm;
}

async function tusUpload(
  context: UploadContext,
  source: NormalizedSource,
  prefix: Uint8Array[],
  options: UploadOptions,
  uploadUrl: string | undefined,
): Promise<UploadResult> {
  let size = source.size;
  const checksum = await resolveChecksum(context, options.checksum, options.signal);
  const url = await runTusUpload(createTusFileSource(source, prefix), {
    ...tusRunBase(context, options, newUploadMetadata(source, options), source.size, checksum),
    ...(uploadUrl ? { uploadUrl, endpoint: undefined } : {}),
    onProgress(sent, total) {
      if (total !== undefined) size = total;
      options.onProgress?.(sent, total);
    },
    onUploadUrl: options.onUploadUrl,
  });
  const id = idFromUploadUrl(url);
  return {
    id,
    location: contentUrl(context.baseUrl, id),
    transport: 'tus',
    uploadUrl: url,
    size: size ?? 0,
    checksum,
  };
}

/** The tus metadata of a new upload: its file name and TTL, where given. */
function newUploadMetadata(
  source: NormalizedSource,
  options: UploadOptions,
): Record<string, string> {
  const metadata: Record<string, string> = {};
  const filename = options.filename ?? source.name;
  if (filename !== undefined) metadata.filename = filename;
  if (options.ttl !== undefined) metadata.ttl = String(options.ttl);
  return metadata;
}

/** What every tus run of this client shares: endpoint, chunks, retries, auth, checksum. */
function tusRunBase(
  context: UploadContext,
  options: UploadOptions,
  metadata: Record<string, string>,
  uploadSize: number | undefined,
  checksum: TusRunOptions['checksum'],
) {
  return {
    endpoint: `${context.baseUrl}${API_PATHS.tusFiles}` as string | undefined,
    metadata,
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    retryDelays: options.retryDelays === undefined ? DEFAULT_RETRY_DELAYS : options.retryDelays,
    uploadSize,
    auth: context.auth,
    headers: context.headers,
    signal: options.signal,
    checksum,
  };
}

/**
 * A parallel upload (tus concatenation) of a source of known size, or the resumption of one from
 * its partial uploads' URLs. The partial uploads carry the same `filename` and `ttl` as the
 * final one, so that resuming needs only the URLs: the metadata of the final upload is read back
 * from the first partial.
 */
async function parallelTusUpload(
  context: UploadContext,
  source: NormalizedSource,
  options: UploadOptions,
  partialUrls: readonly string[] | undefined,
): Promise<UploadResult> {
  if (source.kind !== 'sized') {
    throw new TypeError(
      'parallel uploads need a source of known size that can be read at any offset (a Blob, File, bytes or a file path), not a stream',
    );
  }
  let metadata = newUploadMetadata(source, options);
  if (partialUrls !== undefined) {
    if (partialUrls.length === 0) throw new TypeError('resumeUpload: no partial upload URL given');
    const { partialMetadataOf } = await import('./partial-metadata.js');
    metadata = await partialMetadataOf(context.raw, idFromUploadUrl(partialUrls[0] as string));
  }
  const checksum = await resolveChecksum(context, options.checksum, options.signal);
  const url = await runTusUpload(createTusFileSource(source), {
    ...tusRunBase(context, options, metadata, source.size, checksum),
    onProgress: options.onProgress,
    onUploadUrl: undefined,
    parallel: {
      count: options.parallelUploads ?? 1,
      partialUrls,
      partialMetadata: metadata,
      onPartialUrls: options.onPartialUploadUrls,
    },
  });
  const id = idFromUploadUrl(url);
  return {
    id,
    location: contentUrl(context.baseUrl, id),
    transport: 'tus',
    uploadUrl: url,
    size: source.size,
    checksum,
  };
}

export async function uploadContent(
  context: UploadContext,
  input: UploadSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const source = await normalizeSource(input, context.platform, options.size);
  const withName = { ...options, filename: options.filename ?? source.name };
  if ((options.parallelUploads ?? 1) > 1) {
    return parallelTusUpload(context, source, withName, undefined);
  }
  const limit = context.plainUploadMaxBytes;
  if (options.resumable === true) return tusUpload(context, source, [], withName, undefined);
  if (source.kind === 'sized') {
    if (options.resumable === false || source.size <= limit) {
      return plainUpload(context, source.body(), source.size, withName);
    }
    return tusUpload(context, source, [], withName, undefined);
  }
  if (options.resumable === false) {
    // A streamed plain POST (`duplex: 'half'`); browsers support this only over HTTP/2.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await source.next();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: () => source.cancel(),
    });
    return plainUpload(context, stream, source.size, withName);
  }
  // A stream: read up to the limit to learn whether it is small enough for one POST.
  const prefix = await readPrefix(source, limit);
  if (prefix.ended) {
    return plainUpload(context, concatBytes(prefix.chunks, prefix.bytes), prefix.bytes, withName);
  }
  return tusUpload(context, source, prefix.chunks, withName, undefined);
}

/** Resumes a tus upload from its URL, or a parallel one from its partial uploads' URLs. */
export async function resumeTusUpload(
  context: UploadContext,
  uploadUrl: string | readonly string[],
  input: UploadSource,
  options: Omit<UploadOptions, 'resumable' | 'filename' | 'ttl'> = {},
): Promise<UploadResult> {
  const source = await normalizeSource(input, context.platform, options.size);
  if (typeof uploadUrl !== 'string') return parallelTusUpload(context, source, options, uploadUrl);
  return tusUpload(context, source, [], options, uploadUrl);
}
