/** Options and results of `download` and `downloadToFile`. */
import type { ByteRange, ContentRange } from './content-range.js';

export interface DownloadOptions {
  /** One byte range (`{ start, end }`, `{ start }`, `{ suffix }` or a literal `Range` value). */
  range?: ByteRange | undefined;
  /** `If-Range`: apply `range` only while the content still has this ETag (or date). */
  ifRange?: string | undefined;
  /** `Content-Disposition: inline` instead of `attachment`. */
  inline?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface Download {
  /** 200 for the whole content, 206 for a range. */
  status: 200 | 206;
  /**
   * The bytes. Errors while reading it are `TempContentsNetworkError`s, including a body that
   * ends before its `Content-Length`.
   */
  body: ReadableStream<Uint8Array>;
  /** Bytes in `body` (`Content-Length`). */
  length: number | undefined;
  /** Size of the whole content (from `Content-Range` on 206, `Content-Length` on 200). */
  size: number | undefined;
  /** The range sent, for a 206. */
  contentRange: ContentRange | undefined;
  /** The stored file name, from `Content-Disposition` (UTF-8 `filename*` preferred). */
  filename: string | undefined;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  headers: Headers;
}

export interface DownloadToFileOptions {
  /** Called as bytes are written; `bytesDone` counts the bytes already in the file too. */
  onProgress?: ((bytesDone: number, bytesTotal: number | undefined) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface DownloadToFileResult {
  path: string;
  /** Size of the complete file, checked against the content's size. */
  size: number;
  /** Bytes that were already in the file and were kept (0 for a fresh download). */
  resumedFrom: number;
  /** Bytes fetched by this call. */
  bytesWritten: number;
}
