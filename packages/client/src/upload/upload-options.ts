/** Options and result of `upload` and `resumeUpload`. */

export interface UploadOptions {
  /** Stored as the content's `Name`; defaults to the File's or path's base name. */
  filename?: string | undefined;
  /** Time-to-live in seconds (1..259200); the server's default is 3600. */
  ttl?: number | undefined;
  /**
   * `true` always uses tus, `false` always one plain POST; by default bodies up to the client's
   * `plainUploadMaxBytes` (8 MiB) go as a plain POST and larger or unknown-length ones via tus.
   */
  resumable?: boolean | undefined;
  /** Bytes per tus PATCH (default 8 MiB); also bounds the memory a streamed upload holds. */
  chunkSize?: number | undefined;
  /** Delays in ms between tus retries (default `[0, 1000, 3000, 5000]`); `null` disables them. */
  retryDelays?: readonly number[] | null | undefined;
  /** Size of a stream source, when known; lets tus send `Upload-Length` up front. */
  size?: number | undefined;
  /** Called as bytes are accepted; `bytesTotal` is undefined while a stream's size is unknown. */
  onProgress?: ((bytesSent: number, bytesTotal: number | undefined) => void) | undefined;
  /**
   * Called once a tus upload has its URL, before any byte is sent: store it to resume after a
   * crash or abort with `resumeUpload(url, source)`.
   */
  onUploadUrl?: ((url: string) => void) | undefined;
  /** Aborting rejects with the signal's reason; a tus upload stays resumable on the server. */
  signal?: AbortSignal | undefined;
  /**
   * Parallel upload (tus concatenation): more than 1 splits the source into that many partial
   * uploads sent at the same time, then has the server concatenate them into the content. Needs
   * a source of known size (Blob, File, bytes, file path) and a server that advertises
   * `concatenation`; implies `resumable: true`. `onUploadUrl` is not called: resume with the
   * partial URLs `onPartialUploadUrls` gives.
   */
  parallelUploads?: number | undefined;
  /**
   * Called once every partial upload of a parallel upload has its URL, before their bytes are
   * all sent: store them to finish after a crash or abort with `resumeUpload(urls, source)`.
   */
  onPartialUploadUrls?: ((urls: string[]) => void) | undefined;
  /**
   * tus checksums: every PATCH carries `Upload-Checksum` (sha256, else sha1), so a chunk damaged
   * on the way is refused by the server (460) and sent again. By default they are used when the
   * server advertises them (one `OPTIONS` before the upload); `true` requires them (the upload
   * fails before sending a byte if the server offers none); `false` never sends them.
   */
  checksum?: boolean | undefined;
}

export interface UploadResult {
  /** The content id, for `download`, `details` and tus `HEAD`/`PATCH`/`DELETE`. */
  id: string;
  /** Absolute URL of the content (`<baseUrl>/api/v1/temp-contents/{id}`). */
  location: string;
  /** How the bytes were sent. */
  transport: 'plain' | 'tus';
  /** The tus upload URL (`.../files/{id}`), for tus uploads. */
  uploadUrl: string | undefined;
  /** Bytes uploaded. */
  size: number;
  /** The checksum algorithm every PATCH carried, for tus uploads that used checksums. */
  checksum: 'sha256' | 'sha1' | undefined;
}
