/**
 * `createTempContentsClient`: the typed raw client plus the high-level operations. Shared by the
 * Node and browser entries, which differ only in the `Platform` they pass.
 */
import type { DetailResponse } from '@temp-contents/contract';
import type { TokenSource } from './auth/token.js';
import type { ContentHead, DownloadOperations } from './download/download.js';
import { contentDetails, downloadContent, headContent } from './download/download.js';
import type {
  Download,
  DownloadOptions,
  DownloadToFileOptions,
  DownloadToFileResult,
} from './download/download-options.js';
import type { Platform } from './platform/platform.js';
import { createRawClient, type RawClient } from './raw/raw-client.js';
import type { UploadSource } from './upload/source.js';
import {
  DEFAULT_PLAIN_UPLOAD_MAX_BYTES,
  resumeTusUpload,
  type UploadContext,
  uploadContent,
} from './upload/upload.js';
import type { UploadOptions, UploadResult } from './upload/upload-options.js';

export type TempContentsClientOptions = TokenSource & {
  /** Origin (and optional path prefix) of the deployment, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** `fetch` to use for non-tus requests (tests, proxies); defaults to `globalThis.fetch`. */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Headers added to every request, tus ones included. */
  headers?: Record<string, string> | undefined;
  /** Largest body `upload` sends as one plain POST (default 8 MiB). */
  plainUploadMaxBytes?: number | undefined;
};

export type ResumeUploadOptions = Omit<UploadOptions, 'resumable' | 'filename' | 'ttl'>;

export interface TempContentsClient {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /**
   * The typed openapi-fetch client over the contract's `paths` (errors as values, no retries).
   * Binary bodies are sent as given; read a download as a stream with `parseAs: 'stream'`.
   */
  readonly raw: RawClient;
  /** Uploads `source`; plain POST when small, tus otherwise. */
  upload(source: UploadSource, options?: UploadOptions): Promise<UploadResult>;
  /**
   * Continues the tus upload at `uploadUrl` with the same bytes `source` held the first time, or
   * a parallel upload from the URLs of its partial uploads (`onPartialUploadUrls`).
   */
  resumeUpload(
    uploadUrl: string | readonly string[],
    source: UploadSource,
    options?: ResumeUploadOptions,
  ): Promise<UploadResult>;
  /** Downloads a content (or one range of it) as a stream. */
  download(id: string, options?: DownloadOptions): Promise<Download>;
  /** The download headers of a content (`HEAD`), without its bytes. */
  head(id: string, options?: { signal?: AbortSignal | undefined }): Promise<ContentHead>;
  /**
   * Downloads a content into `path`, continuing a partial file with `Range` (Node only; browsers
   * reject with a TypeError).
   */
  downloadToFile(
    id: string,
    path: string,
    options?: DownloadToFileOptions,
  ): Promise<DownloadToFileResult>;
  /** The content's details; `Size` is a decimal string (see `sizeAsNumber`/`sizeAsBigInt`). */
  details(id: string, options?: { signal?: AbortSignal | undefined }): Promise<DetailResponse>;
}

export function createClientWith(
  options: TempContentsClientOptions,
  platform: Platform,
): TempContentsClient {
  if (!options.baseUrl) throw new TypeError('createTempContentsClient: baseUrl is required');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const auth: TokenSource = options.getToken
    ? { getToken: options.getToken }
    : { token: options.token };
  const raw = createRawClient({ baseUrl, auth, fetch: options.fetch, headers: options.headers });
  const context: UploadContext = {
    raw,
    baseUrl,
    auth,
    headers: options.headers,
    platform,
    plainUploadMaxBytes: options.plainUploadMaxBytes ?? DEFAULT_PLAIN_UPLOAD_MAX_BYTES,
  };
  const operations: DownloadOperations = {
    raw,
    download: (id, downloadOptions) => downloadContent(raw, id, downloadOptions),
    head: (id, headOptions) => headContent(raw, id, headOptions),
  };
  return {
    baseUrl,
    raw,
    upload: (source, uploadOptions) => uploadContent(context, source, uploadOptions),
    resumeUpload: (uploadUrl, source, resumeOptions) =>
      resumeTusUpload(context, uploadUrl, source, resumeOptions),
    download: operations.download,
    head: operations.head,
    downloadToFile: (id, path, fileOptions) =>
      platform.downloadToFile(operations, id, path, fileOptions ?? {}),
    details: (id, detailsOptions) => contentDetails(raw, id, detailsOptions),
  };
}
