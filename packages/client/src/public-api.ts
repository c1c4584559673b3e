/** Everything both entries (Node `index.ts`, browser `browser.ts`) export besides the factory. */
export type { DetailResponse, ErrorEnvelope, paths } from '@temp-contents/contract';
export type { TokenSource } from './auth/token.js';
export type {
  ResumeUploadOptions,
  TempContentsClient,
  TempContentsClientOptions,
} from './client.js';
export { sizeAsBigInt, sizeAsNumber } from './details/size.js';
export { parseContentDispositionFilename } from './download/content-disposition.js';
export {
  type ByteRange,
  type ContentRange,
  formatRange,
  parseContentRange,
} from './download/content-range.js';
export type { ContentHead } from './download/download.js';
export type {
  Download,
  DownloadOptions,
  DownloadToFileOptions,
  DownloadToFileResult,
} from './download/download-options.js';
export {
  isErrorEnvelope,
  TempContentsError,
  type TempContentsErrorCode,
  TempContentsIncompleteError,
  TempContentsNetworkError,
  toTempContentsError,
} from './errors/errors.js';
export type { BinaryBody, ClientPaths } from './raw/binary-paths.js';
export type { RawClient } from './raw/raw-client.js';
export type { UploadSource } from './upload/source.js';
export { DEFAULT_RETRY_DELAYS, shouldRetryTus } from './upload/tus-upload.js';
export {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_PLAIN_UPLOAD_MAX_BYTES,
  idFromUploadUrl,
} from './upload/upload.js';
export type { UploadOptions, UploadResult } from './upload/upload-options.js';
