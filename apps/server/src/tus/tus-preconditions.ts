import type { IncomingHttpHeaders } from 'node:http';
import { TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';
import { ApiError } from '../errors/api-error.js';
import {
  type CreationMetadata,
  parseUploadMetadata,
  readCreationMetadata,
  stringifyUploadMetadata,
} from './upload-metadata.js';

export type TusMethod = 'OPTIONS' | 'POST' | 'HEAD' | 'PATCH' | 'DELETE';

/** Methods served on the creation URL and on an upload's URL. */
export const CREATION_METHODS: readonly TusMethod[] = ['OPTIONS', 'POST'];
export const UPLOAD_METHODS: readonly TusMethod[] = ['HEAD', 'PATCH', 'DELETE'];

/**
 * tus 1.0.0 §X-HTTP-Method-Override: "If a request contains the X-HTTP-Method-Override header,
 * the Server MUST use the value of the header as the request method." @tus/server 2.x ignores
 * the header, so the override is resolved here.
 */
export function effectiveMethod(method: string, headers: IncomingHttpHeaders): string {
  const override = single(headers['x-http-method-override']);
  return (override?.trim() || method).toUpperCase();
}

/**
 * tus 1.0.0 §Tus-Resumable: "If the version specified by the Client is not supported by the
 * Server, it MUST respond with the 412 Precondition Failed status and MUST include the
 * Tus-Version header into the response. In addition, the Server MUST NOT process the request."
 * @tus/server answers a missing header with 412 but no Tus-Version, and a wrong one with 400.
 */
export function checkTusVersion(headers: IncomingHttpHeaders): void {
  const version = single(headers['tus-resumable']);
  if (version?.trim() !== TUS_VERSION) {
    throw new ApiError(
      'TUS_VERSION_UNSUPPORTED',
      version === undefined
        ? `Tus-Resumable is required; this server speaks tus ${TUS_VERSION}.`
        : `Tus-Resumable ${JSON.stringify(version)} is not supported; this server speaks tus ${TUS_VERSION}.`,
      { 'Tus-Version': TUS_VERSION },
    );
  }
}

export interface CreationRequest {
  /** Declared total size, or null for `Upload-Defer-Length: 1`. */
  length: number | null;
  metadata: CreationMetadata;
  /** concatenation: a partial upload (a final one never reaches @tus/server). */
  concat?: { kind: 'partial' } | undefined;
  /** Headers to hand to @tus/server instead of the client's, in the form it accepts. */
  normalizedHeaders: Record<string, string>;
}

/** Everything a creation (POST) can get wrong, judged before @tus/server runs. */
export function checkCreation(
  headers: IncomingHttpHeaders,
  maxUploadBytes: number,
): CreationRequest {
  // Upload-Concat is judged by the route (concatenation/upload-concat.ts) and never handed to
  // @tus/server, which would answer 501.
  const normalizedHeaders: Record<string, string> = {};
  const lengthHeader = single(headers['upload-length']);
  const deferHeader = single(headers['upload-defer-length']);
  if ((lengthHeader === undefined) === (deferHeader === undefined)) {
    // creation: "The Client MUST include either the Upload-Length or the Upload-Defer-Length header."
    throw new ApiError(
      'INVALID_UPLOAD_LENGTH',
      'Send exactly one of Upload-Length (the total size) and Upload-Defer-Length: 1.',
    );
  }
  let length: number | null = null;
  if (lengthHeader !== undefined) {
    const parsed = parseLength(lengthHeader);
    if (parsed === undefined) {
      throw new ApiError('INVALID_UPLOAD_LENGTH', 'Upload-Length must be a non-negative integer.');
    }
    length = parsed;
    // creation: "If the length of the upload exceeds the maximum, which MAY be specified using
    // the Tus-Max-Size header, the Server MUST respond with the 413 Request Entity Too Large status."
    if (length > maxUploadBytes) {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `Upload-Length ${length} exceeds Tus-Max-Size ${maxUploadBytes}.`,
      );
    }
    normalizedHeaders['upload-length'] = String(length);
  } else if (deferHeader?.trim() !== '1') {
    throw new ApiError('INVALID_UPLOAD_LENGTH', 'Upload-Defer-Length must be 1.');
  } else {
    normalizedHeaders['upload-defer-length'] = '1';
  }

  const metadataHeader = single(headers['upload-metadata']);
  const pairs = metadataHeader === undefined ? [] : parseUploadMetadata(metadataHeader);
  const metadata = readCreationMetadata(pairs);
  if (pairs.length > 0)
    normalizedHeaders['upload-metadata'] = stringifyUploadMetadata(pairs, metadata.ttlSeconds);

  // creation-with-upload: the body must be typed application/offset+octet-stream. @tus/server
  // silently drops a body with any other type; a client would then believe bytes were stored.
  if (hasBody(headers)) {
    requireTusContentType(headers);
    normalizedHeaders['content-type'] = TUS_CONTENT_TYPE;
  }
  return { length, metadata, normalizedHeaders };
}

export interface PatchRequest {
  offset: number;
  /** Upload-Length sent with this PATCH (deferred-length uploads), if any. */
  length: number | undefined;
  normalizedHeaders: Record<string, string>;
}

export function checkPatch(headers: IncomingHttpHeaders): PatchRequest {
  // core: "All PATCH requests MUST use Content-Type: application/offset+octet-stream, otherwise
  // the server SHOULD return a 415 Unsupported Media Type status." (@tus/server: 403 or 400.)
  requireTusContentType(headers);
  const offsetHeader = single(headers['upload-offset']);
  const offset = offsetHeader === undefined ? undefined : parseLength(offsetHeader);
  if (offset === undefined) {
    // @tus/server answers a missing Upload-Offset with 403.
    throw new ApiError(
      'INVALID_UPLOAD_OFFSET',
      offsetHeader === undefined
        ? 'Upload-Offset is required.'
        : 'Upload-Offset must be a non-negative integer.',
    );
  }
  const normalizedHeaders: Record<string, string> = {
    'content-type': TUS_CONTENT_TYPE,
    // An offset past any possible upload is judged by the route (409) and never forwarded.
    'upload-offset': Number.isFinite(offset) ? String(offset) : '0',
  };
  const lengthHeader = single(headers['upload-length']);
  let length: number | undefined;
  if (lengthHeader !== undefined) {
    length = parseLength(lengthHeader);
    if (length === undefined) {
      throw new ApiError('INVALID_UPLOAD_LENGTH', 'Upload-Length must be a non-negative integer.');
    }
    normalizedHeaders['upload-length'] = String(length);
  }
  return { offset, length, normalizedHeaders };
}

function requireTusContentType(headers: IncomingHttpHeaders): void {
  const type = headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== TUS_CONTENT_TYPE) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The body must be typed ${TUS_CONTENT_TYPE}${type ? `, not ${type}` : ''}.`,
    );
  }
}

/** True when the request carries a body (a chunked one, or a non-zero Content-Length). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}

/**
 * tus: offsets and lengths are "a non-negative integer": digits only. Any 64-bit value (up to
 * 20 digits) is valid; one above 2^53-1, which no upload here can reach, is Infinity, so it is
 * judged like any other too-large value (413 over Tus-Max-Size, 409 as an offset).
 */
function parseLength(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^[0-9]{1,20}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : Number.POSITIVE_INFINITY;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
