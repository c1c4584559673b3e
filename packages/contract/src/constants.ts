/**
 * Runtime values the spec implies. `constants.test.ts` reads spec/temp-contents.yaml and checks
 * every value here against it, so the two cannot drift apart.
 */
import type { components, operations } from './generated/temp-contents.js';

export type ErrorCode = components['schemas']['ErrorCode'];
export type OperationId = keyof operations;

/** `ttl` query parameter / `ttl` upload metadata, in seconds. */
export const TTL_SECONDS = { default: 3600, min: 1, max: 259200 } as const;

/** Longest accepted `filename`, in UTF-8 bytes. */
export const FILENAME_MAX_BYTES = 255;

export const TUS_VERSION = '1.0.0';
/** tus extensions the server implements and advertises in `Tus-Extension`. */
export const TUS_EXTENSIONS = [
  'creation',
  'creation-with-upload',
  'creation-defer-length',
  'expiration',
  'termination',
  'checksum',
  'checksum-trailer',
  'concatenation',
  'concatenation-unfinished',
] as const;
/**
 * Algorithms accepted in `Upload-Checksum` and listed in `Tus-Checksum-Algorithm` (tus checksum
 * extension: sha1 is the one every server MUST support). Names as in the IANA hash registry.
 */
export const TUS_CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'md5'] as const;
export type TusChecksumAlgorithm = (typeof TUS_CHECKSUM_ALGORITHMS)[number];
export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

export const API_PATHS = {
  contents: '/api/v1/temp-contents',
  content: '/api/v1/temp-contents/{id}',
  details: '/api/v1/temp-contents/{id}/details',
  tusFiles: '/api/v1/temp-contents/files',
  tusFile: '/api/v1/temp-contents/files/{id}',
  health: '/health',
  ready: '/ready',
  metrics: '/metrics',
  uploadPage: '/',
  apiReference: '/docs',
  openapiYaml: '/openapi.yaml',
  openapiJson: '/openapi.json',
} as const;

/** Header names the contract relies on, spelled once. */
export const HEADERS = {
  acceptRanges: 'Accept-Ranges',
  authorization: 'Authorization',
  cacheControl: 'Cache-Control',
  contentDisposition: 'Content-Disposition',
  contentLength: 'Content-Length',
  contentRange: 'Content-Range',
  contentType: 'Content-Type',
  etag: 'ETag',
  ifRange: 'If-Range',
  lastModified: 'Last-Modified',
  location: 'Location',
  range: 'Range',
  retryAfter: 'Retry-After',
  trailer: 'Trailer',
  tusChecksumAlgorithm: 'Tus-Checksum-Algorithm',
  tusExtension: 'Tus-Extension',
  tusMaxSize: 'Tus-Max-Size',
  tusResumable: 'Tus-Resumable',
  tusVersion: 'Tus-Version',
  uploadChecksum: 'Upload-Checksum',
  uploadConcat: 'Upload-Concat',
  uploadDeferLength: 'Upload-Defer-Length',
  uploadExpires: 'Upload-Expires',
  uploadLength: 'Upload-Length',
  uploadMetadata: 'Upload-Metadata',
  uploadOffset: 'Upload-Offset',
  wwwAuthenticate: 'WWW-Authenticate',
} as const;

export type RateLimitTier = '1' | '2' | 'special';
/** Requests per minute per tenant+subject, as upstream's tiers. */
export const RATE_LIMIT_PER_MINUTE: Record<RateLimitTier, number> = {
  '1': 1000,
  '2': 100,
  special: 800,
};

/**
 * code -> HTTP status and title. A `Record` over the spec's `ErrorCode` enum: a code added to
 * the spec without an entry here does not compile.
 */
export const ERROR_REGISTRY: Record<ErrorCode, { status: number; title: string }> = {
  INVALID_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_TTL: { status: 400, title: 'Invalid TTL' },
  INVALID_FILENAME: { status: 400, title: 'Invalid filename' },
  INVALID_UPLOAD_CONCAT: { status: 400, title: 'Invalid Upload-Concat' },
  INVALID_UPLOAD_OFFSET: { status: 400, title: 'Invalid Upload-Offset' },
  INVALID_UPLOAD_LENGTH: { status: 400, title: 'Invalid Upload-Length' },
  INVALID_UPLOAD_METADATA: { status: 400, title: 'Invalid Upload-Metadata' },
  INVALID_UPLOAD_CHECKSUM: { status: 400, title: 'Invalid Upload-Checksum' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  OFFSET_MISMATCH: { status: 409, title: 'Upload-Offset mismatch' },
  GONE: { status: 410, title: 'Expired' },
  TUS_VERSION_UNSUPPORTED: { status: 412, title: 'Unsupported tus version' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'Range not satisfiable' },
  UPLOAD_LOCKED: { status: 423, title: 'Upload locked' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  CHECKSUM_MISMATCH: { status: 460, title: 'Checksum mismatch' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  HTTP_VERSION_NOT_SUPPORTED: { status: 505, title: 'HTTP version not supported' },
  INSUFFICIENT_STORAGE: { status: 507, title: 'Insufficient storage' },
};
