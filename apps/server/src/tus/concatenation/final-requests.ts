import type { ServerResponse } from 'node:http';
import { API_PATHS, HEADERS, TUS_VERSION } from '@temp-contents/contract';
import { type Locker, Metadata } from '@tus/utils';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ContentService } from '../../contents/content-service.js';
import { ApiError } from '../../errors/api-error.js';
import { type ContentRecord, isComplete } from '../../storage/content-record.js';
import { hasBody } from '../tus-preconditions.js';
import {
  parseUploadMetadata,
  readCreationMetadata,
  stringifyUploadMetadata,
} from '../upload-metadata.js';
import { BROKEN_FINAL } from './final-uploads.js';
import { invalid, type UploadConcat } from './upload-concat.js';

/** What the tus requests on final uploads need: the app's service, locks and limits. */
export interface FinalRequestContext {
  service: ContentService;
  locker: Locker;
  maxUploadBytes: number;
}

type FinalConcat = Extract<UploadConcat, { kind: 'final' }>;

/**
 * `POST /files` with `Upload-Concat: final;...` (concatenation, concatenation-unfinished),
 * answered here: @tus/server has no concatenation. The partials must be this tenant's live
 * partial uploads with known lengths; anything else is INVALID_UPLOAD_CONCAT naming the URL,
 * and another tenant's upload reads as unknown, like a random id. Answers 201 once the final is
 * recorded and, when its partials are already complete, assembled (so it is downloadable when
 * the client reads the 201).
 */
export async function createFinalUpload(
  ctx: FinalRequestContext,
  request: FastifyRequest,
  res: ServerResponse,
  principal: Principal,
  origin: string,
  concat: FinalConcat,
): Promise<void> {
  const { headers } = request;
  // concatenation: "The Client MUST NOT include the Upload-Length header in the final upload
  // creation": its length is the sum of its partials'.
  if (headers['upload-length'] !== undefined || headers['upload-defer-length'] !== undefined) {
    throw new ApiError(
      'INVALID_UPLOAD_LENGTH',
      'A final upload takes its length from its partial uploads: send no Upload-Length or Upload-Defer-Length.',
    );
  }
  if (hasBody(headers))
    throw invalid('A final upload is made of its partial uploads: send no body.');
  const metadataHeader = headers['upload-metadata'];
  const pairs = typeof metadataHeader === 'string' ? parseUploadMetadata(metadataHeader) : [];
  const metadata = readCreationMetadata(pairs);

  let size = 0;
  for (const { url, id } of concat.partials) {
    const partial = await partialFor(ctx.service, principal, url, id);
    if (partial.concat?.kind !== 'partial') {
      throw invalid(`"${url}" is not a partial upload (create those with Upload-Concat: partial).`);
    }
    if (partial.size === null) {
      throw invalid(`The length of "${url}" is deferred: declare it before the final upload.`);
    }
    size += partial.size;
  }
  // creation: an upload longer than Tus-Max-Size is refused with 413.
  if (size > ctx.maxUploadBytes) {
    throw new ApiError(
      'PAYLOAD_TOO_LARGE',
      `The partial uploads add up to ${size} bytes, more than Tus-Max-Size ${ctx.maxUploadBytes}.`,
    );
  }

  const record = ctx.service.newRecord(principal, {
    ...metadata,
    size,
    concat: {
      kind: 'final',
      partialIds: concat.partials.map((partial) => partial.id),
      partialUrls: concat.partials.map((partial) => partial.url),
    },
  });
  await ctx.service.finals.create(
    record,
    pairs.length === 0 ? {} : Metadata.parse(stringifyUploadMetadata(pairs, metadata.ttlSeconds)),
  );
  let assembly: string;
  try {
    assembly = await ctx.service.finals.assemble(record.id, ctx.locker);
  } catch (error) {
    // No Location was sent: nothing of a failed creation may remain (e.g. 507 on a full disk).
    await ctx.service.discard(record.id);
    throw error;
  }
  if (assembly === 'broken') {
    await ctx.service.discard(record.id);
    throw invalid('A partial upload expired or was removed while the final upload was created.');
  }
  res.writeHead(201, {
    [HEADERS.tusResumable]: TUS_VERSION,
    [HEADERS.location]: `${origin}${API_PATHS.tusFiles}/${record.id}`,
    [HEADERS.uploadExpires]: record.expiresAt.toUTCString(),
  });
  res.end();
}

/**
 * `HEAD` on a final upload, answered here because @tus/server always reports an offset.
 * concatenation: "The response to a HEAD request for a final upload SHOULD NOT contain the
 * Upload-Offset header unless the concatenation has been successfully finished. After successful
 * concatenation, the Upload-Offset and Upload-Length MUST be set and their values MUST be equal."
 * It also (re)starts the assembly: a HEAD repairs what a crash between a partial's completion and
 * the copy left behind. A final that can never complete (a partial expired or was terminated
 * first) is 410.
 */
export async function writeFinalHead(
  ctx: FinalRequestContext,
  res: ServerResponse,
  principal: Principal,
  found: ContentRecord,
): Promise<void> {
  const assembly = isComplete(found)
    ? 'complete'
    : await ctx.service.finals.assemble(found.id, ctx.locker);
  if (assembly === 'broken') {
    throw new ApiError('GONE', BROKEN_FINAL);
  }
  const record = await ctx.service.lookup(principal, found.id);
  const upload = await ctx.service.uploads.getUpload(record.id);
  const headers: Record<string, string> = {
    [HEADERS.tusResumable]: TUS_VERSION,
    [HEADERS.cacheControl]: 'no-store',
    [HEADERS.uploadLength]: String(record.size),
    [HEADERS.uploadExpires]: record.expiresAt.toUTCString(),
    ...concatHeaders(record),
  };
  if (isComplete(record)) headers[HEADERS.uploadOffset] = String(record.offset);
  if (upload.metadata !== undefined && Object.keys(upload.metadata).length > 0) {
    headers[HEADERS.uploadMetadata] = Metadata.stringify(upload.metadata);
  }
  res.writeHead(200, headers);
  res.end();
}

/** concatenation: a PATCH on a final upload "MUST" be answered with 403 Forbidden. */
export function refusePatchOfFinal(record: ContentRecord): void {
  if (record.concat?.kind === 'final') {
    throw new ApiError(
      'FORBIDDEN',
      'This is a final upload: its bytes come from its partial uploads and cannot be patched.',
    );
  }
}

/**
 * concatenation: "The response to a HEAD request against a partial or final upload MUST include
 * the Upload-Concat header and its value as received in the upload creation request."
 */
export function concatHeaders(record: ContentRecord | undefined): Record<string, string> {
  const role = record?.concat;
  if (role === undefined) return {};
  const value = role.kind === 'partial' ? 'partial' : `final;${role.partialUrls.join(' ')}`;
  return { [HEADERS.uploadConcat]: value };
}

/** The partial `id` as `principal` may see it; unknown, foreign and expired ones are refused. */
async function partialFor(
  service: ContentService,
  principal: Principal,
  url: string,
  id: string,
): Promise<ContentRecord> {
  try {
    return await service.lookup(principal, id);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      throw invalid(`"${url}" is not a known upload.`);
    }
    if (error instanceof ApiError && error.code === 'GONE') {
      throw invalid(`"${url}" has expired.`);
    }
    throw error;
  }
}
