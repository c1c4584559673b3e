import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import {
  API_PATHS,
  HEADERS,
  TUS_CHECKSUM_ALGORITHMS,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from '@temp-contents/contract';
import { MemoryLocker, Server as TusServer } from '@tus/server';
import type { Locker } from '@tus/utils';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_REALM } from '../auth/auth-plugin.js';
import type { Principal } from '../auth/principal.js';
import type { ServerConfig } from '../config/server-config.js';
import type { ContentService } from '../contents/content-service.js';
import { ApiError } from '../errors/api-error.js';
import { sendErrorEnvelope } from '../errors/error-envelope.js';
import { type AllowConfig, toApiError } from '../errors/error-handler.js';
import { type LockObserver, observedLocker } from '../metrics/observed-locker.js';
import type { ContentRecord } from '../storage/content-record.js';
import type { SpooledBody } from './checksum/spooled-body.js';
import { receiveVerifiedBody } from './checksum/verified-chunk.js';
import {
  concatHeaders,
  createFinalUpload,
  type FinalRequestContext,
  refusePatchOfFinal,
  writeFinalHead,
} from './concatenation/final-requests.js';
import { readUploadConcat } from './concatenation/upload-concat.js';
import { withCurrentOffset } from './offset-conflict.js';
import { publicOrigin } from './public-origin.js';
import { mapTusError } from './tus-error-map.js';
import {
  CREATION_METHODS,
  type CreationRequest,
  checkCreation,
  checkPatch,
  checkTusVersion,
  effectiveMethod,
  UPLOAD_METHODS,
} from './tus-preconditions.js';
import { webBody } from './web-body.js';

/**
 * How long a request waits for an upload that another request holds. A waiter first asks the
 * holder to stop; the holder gets `drainMs` to finish writing what it has received, then is cut
 * and releases the lock. A waiter that still has no lock after `acquireTimeoutMs` answers 423.
 */
export interface LockTimings {
  drainMs: number;
  acquireTimeoutMs: number;
}

export const DEFAULT_LOCK_TIMINGS: LockTimings = { drainMs: 1000, acquireTimeoutMs: 3000 };

export interface TusRoutesOptions {
  config: ServerConfig;
  /** The app's one service: every tus request reaches storage and the clock through it. */
  service: ContentService;
  /**
   * Upload locks. Defaults to @tus/server's in-process MemoryLocker, right for one process;
   * replicas sharing uploads pass a shared one (any @tus/utils `Locker`, e.g. Redis-backed).
   */
  locker?: Locker;
  lockTimings?: Partial<LockTimings>;
  /** Told of every lock acquisition and wait (the app's metrics). */
  lockObserver?: LockObserver | undefined;
}

/** What one tus request carries from our checks into @tus/server's hooks and back. */
interface TusCall {
  principal: Principal;
  origin: string;
  id: string | undefined;
  creation: CreationRequest | undefined;
  /** The record this request created (POST) or found (HEAD, PATCH, DELETE). */
  record: ContentRecord | undefined;
  created: boolean;
  /** The error @tus/server turned into its error response, as given to `onResponseError`. */
  thrown: unknown;
}

/**
 * tus 1.0.0 at /api/v1/temp-contents/files: @tus/server handles the protocol (locking, offsets,
 * writing bytes through the content store's DataStore); this plugin puts our rules around it.
 * Before: method override, version, auth, tenant, expiry and header checks (answering what
 * @tus/server gets wrong itself). After: its text errors become our JSON envelope, and every
 * answer gets `Upload-Expires` from the record. See docs/tus.md.
 */
export const tusRoutes: FastifyPluginAsync<TusRoutesOptions> = async (app, options) => {
  const { config, service } = options;
  const timings = { ...DEFAULT_LOCK_TIMINGS, ...options.lockTimings };
  // checksum-trailer only where trailers reach us (TC_TUS_CHECKSUM_TRAILER).
  const extensions = TUS_EXTENSIONS.filter(
    (name) => name !== 'checksum-trailer' || config.tusChecksumTrailer,
  );
  const calls = new WeakMap<Request, TusCall>();
  const callOf = (req: Request): TusCall => {
    const call = calls.get(req);
    if (call === undefined) throw new Error('tus request without context');
    return call;
  };

  const locker =
    options.locker ?? new MemoryLocker({ acquireLockTimeout: timings.acquireTimeoutMs });
  // concatenation: final uploads are ours (@tus/server has no concatenation).
  const finals: FinalRequestContext = { service, locker, maxUploadBytes: config.maxUploadBytes };

  const tus = new TusServer({
    path: API_PATHS.tusFiles,
    datastore: service.uploads,
    locker:
      options.lockObserver === undefined ? locker : observedLocker(locker, options.lockObserver),
    lockDrainTimeout: timings.drainMs,
    maxSize: config.maxUploadBytes,
    // The upload id IS the content id: the record is built (with its id) before the upload.
    namingFunction: (req) => {
      const call = callOf(req);
      const creation = call.creation as CreationRequest;
      call.record = service.newRecord(call.principal, {
        ...creation.metadata,
        size: creation.length,
        ...(creation.concat === undefined ? {} : { concat: creation.concat }),
      });
      return call.record.id;
    },
    getFileIdFromRequest: (req) => callOf(req).id,
    generateUrl: (req, { id }) => `${callOf(req).origin}${API_PATHS.tusFiles}/${id}`,
    onUploadCreate: async (req, upload) => {
      const call = callOf(req);
      const record = call.record as ContentRecord;
      // Record before bytes: a crash in between leaves a record that expires and is swept,
      // never bytes nobody knows about.
      await service.register(record);
      call.created = true;
      upload.creation_date = record.createdAt.toISOString();
      return { metadata: upload.metadata ?? {} };
    },
    onUploadFinish: async (req, upload) => {
      // concatenation-unfinished: a final upload waiting for this partial may now be complete.
      if (callOf(req).record?.concat?.kind === 'partial') {
        await service.finals.partialCompleted(upload.id, locker).catch((error: unknown) => {
          // The partial is stored; a HEAD on the final retries the assembly.
          app.log.error({ err: error, id: upload.id }, 'assembling final uploads failed');
        });
      }
      return {};
    },
    onResponseError: (req, error) => {
      const call = calls.get(req);
      if (call !== undefined) call.thrown = error;
      return undefined;
    },
  });

  // tus bodies are streamed to storage by @tus/server: no parser may touch them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  const serve = async (request: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    reply.hijack();
    const res = reply.raw;
    // Headers hooks put on the reply (CORS, RateLimit-*) would be lost with the hijack.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value as string | number | string[]);
    }
    res.setHeader(HEADERS.tusResumable, TUS_VERSION);
    try {
      await handle(request, res, id);
    } catch (error) {
      const apiError = toApiError(error);
      logOutcome(request, apiError, error);
      sendErrorEnvelope(res, apiError, request.id, errorHeaders(), request.raw);
    }
  };

  const handle = async (request: FastifyRequest, res: ServerResponse, id: string | undefined) => {
    const method = effectiveMethod(request.method, request.headers);
    const allowed = id === undefined ? CREATION_METHODS : UPLOAD_METHODS;
    if (!(allowed as readonly string[]).includes(method)) {
      throw new ApiError('METHOD_NOT_ALLOWED', `${method} is not a tus method for this URL.`, {
        allow: allowed.join(', '),
      });
    }
    if (method === 'OPTIONS') return writeOptions(res, config.maxUploadBytes, extensions);
    checkTusVersion(request.headers);
    const principal = request.principal;
    if (principal === undefined) {
      // Only reachable through an override of OPTIONS, which the auth hook lets through.
      throw new ApiError('UNAUTHORIZED', 'A bearer token is required.', {
        'www-authenticate': `Bearer realm="${AUTH_REALM}"`,
      });
    }

    const call: TusCall = {
      principal,
      origin: '',
      id,
      creation: undefined,
      record: undefined,
      created: false,
      thrown: undefined,
    };
    let forward: Record<string, string> = {};
    if (method === 'POST') {
      call.origin = publicOrigin(request, config);
      const concat = readUploadConcat(request.headers, call.origin);
      if (concat?.kind === 'final') {
        return createFinalUpload(finals, request, res, principal, call.origin, concat);
      }
      call.creation = { ...checkCreation(request.headers, config.maxUploadBytes), concat };
      forward = call.creation.normalizedHeaders;
    } else {
      const patch = method === 'PATCH' ? checkPatch(request.headers) : undefined;
      call.record = await service.lookup(principal, id as string);
      if (call.record.concat?.kind === 'final') {
        if (method === 'HEAD') return writeFinalHead(finals, res, principal, call.record);
        if (patch !== undefined) refusePatchOfFinal(call.record);
      }
      if (patch !== undefined && !Number.isFinite(patch.offset)) {
        // core: "If the offsets do not match, the Server MUST respond with the 409 Conflict
        // status without modifying the upload resource."
        throw await withCurrentOffset(
          new ApiError('OFFSET_MISMATCH', 'Upload-Offset is past the end of any upload.'),
          service,
          call.record,
        );
      }
      if (patch !== undefined) {
        forward = patch.normalizedHeaders;
        if (patch.length !== undefined) {
          if (patch.length > config.maxUploadBytes) {
            throw new ApiError(
              'PAYLOAD_TOO_LARGE',
              `Upload-Length ${patch.length} exceeds Tus-Max-Size ${config.maxUploadBytes}.`,
            );
          }
          // Our spec: an Upload-Length equal to the known length is ignored (@tus/server
          // rejects any Upload-Length once the length is known).
          if (patch.length === call.record.size) {
            const { 'upload-length': _ignored, ...rest } = forward;
            forward = rest;
          }
        }
      }
    }

    // checksum, checksum-trailer: a body with Upload-Checksum reaches the store only verified.
    const verified =
      method === 'POST' || method === 'PATCH'
        ? await receiveVerifiedBody(request.raw, { dir: tmpdir(), limit: config.maxUploadBytes })
        : undefined;
    try {
      await handOver(request, res, method, forward, call, verified);
    } finally {
      await verified?.dispose();
    }
  };

  const handOver = async (
    request: FastifyRequest,
    res: ServerResponse,
    method: string,
    forward: Record<string, string>,
    call: TusCall,
    verified: SpooledBody | undefined,
  ) => {
    const webRequest = toWebRequest(request, method, forward, verified);
    calls.set(webRequest, call);
    const response = await tus.handleWeb(webRequest);

    if (response.status >= 400) {
      if (call.created && call.record !== undefined) {
        // A creation that failed after its record was written (e.g. creation-with-upload body
        // too large): the client got no Location, so nothing may remain.
        await service.discard(call.record.id);
      }
      let apiError = mapTusError(response.status, call.thrown);
      if (apiError.code === 'OFFSET_MISMATCH' && call.record !== undefined) {
        apiError = await withCurrentOffset(apiError, service, call.record);
      }
      if (clientGone(request, res)) {
        request.log.info({ code: apiError.code }, 'tus client went away');
        res.destroy();
        return;
      }
      logOutcome(request, apiError, call.thrown);
      sendErrorEnvelope(res, apiError, request.id, errorHeaders(), request.raw);
      return;
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) {
      // CORS is the app's (TC_CORS_ORIGINS); @tus/server would allow any origin. Its bodies
      // are empty strings, typed text/plain by the Fetch Response: there is no body to type.
      if (name.startsWith('access-control-') || name === 'content-type') continue;
      headers[name] = value;
    }
    headers[HEADERS.tusResumable.toLowerCase()] = TUS_VERSION;
    // expiration: "If the expiration is known at the creation, the Upload-Expires header MUST
    // be included in the response to the initial POST request." We also send it on HEAD and on
    // every PATCH (complete or not), as our spec does: the content expires too.
    if (method !== 'DELETE' && call.record !== undefined) {
      headers[HEADERS.uploadExpires.toLowerCase()] = call.record.expiresAt.toUTCString();
    }
    if (method === 'HEAD') Object.assign(headers, concatHeaders(call.record));
    res.writeHead(response.status, headers);
    res.end();
  };

  app.route({
    method: ['OPTIONS', 'POST'],
    url: API_PATHS.tusFiles,
    handler: (request, reply) => serve(request, reply, undefined),
  });
  app.route({
    // POST too: clients that cannot send PATCH or DELETE tunnel them as
    // `POST` + `X-HTTP-Method-Override`.
    method: ['HEAD', 'PATCH', 'DELETE', 'POST'],
    url: `${API_PATHS.tusFiles}/:id`,
    // ...but a 405 on this URL advertises only the tus methods.
    config: { allow: UPLOAD_METHODS } satisfies AllowConfig,
    handler: (request, reply) => serve(request, reply, (request.params as { id: string }).id),
  });
};

/**
 * tus core: the Server "MUST" answer OPTIONS with Tus-Version, and "MAY" add Tus-Extension and
 * Tus-Max-Size; checksum: it "MUST" list its algorithms in Tus-Checksum-Algorithm. Answered here
 * from the contract's lists rather than by @tus/server, which derives them from its DataStore and
 * would leave out `expiration` and the checksums (implemented by us, not by the store). 200, not
 * 204: the protocol allows both, and the reference server and several clients expect 200.
 */
function writeOptions(
  res: ServerResponse,
  maxUploadBytes: number,
  extensions: readonly string[],
): void {
  res.writeHead(200, {
    [HEADERS.tusResumable]: TUS_VERSION,
    [HEADERS.tusVersion]: TUS_VERSION,
    [HEADERS.tusExtension]: extensions.join(','),
    [HEADERS.tusMaxSize]: String(maxUploadBytes),
    [HEADERS.tusChecksumAlgorithm]: TUS_CHECKSUM_ALGORITHMS.join(','),
    'content-length': '0',
  });
  res.end();
}

/**
 * The Fetch Request @tus/server works on: the effective method, only the headers it reads
 * (in the form its validators accept), and the raw body stream, or the verified body already
 * received (checksum). Anything else (Origin, X-Forwarded-Proto, ...) is ours to judge, not
 * @tus/server's.
 */
function toWebRequest(
  request: FastifyRequest,
  method: string,
  forward: Record<string, string>,
  verified: SpooledBody | undefined,
): Request {
  const headers = new Headers({ 'tus-resumable': TUS_VERSION, ...forward });
  const contentLength =
    verified === undefined ? request.headers['content-length'] : String(verified.size);
  if (contentLength !== undefined) headers.set('content-length', contentLength);
  const hasBody = method === 'POST' || method === 'PATCH';
  const init: RequestInit & { duplex: 'half' } = { method, headers, duplex: 'half' };
  if (hasBody) {
    const body = verified === undefined ? request.raw : verified.open();
    init.body = webBody(body);
  }
  const webRequest = new Request(`http://tus.internal${request.url.split('?', 1)[0]}`, init);
  // @tus/server aborts the request's work when the Node request errors (client gone); it finds
  // the Node objects where srvx's NodeRequest keeps them.
  Object.defineProperty(webRequest, 'runtime', {
    value: { name: 'node', node: { req: request.raw } },
  });
  return webRequest;
}

/**
 * Headers of every tus error. One answered before the body was read (409, 413, 415...) also
 * closes the connection, after the rest of the body was read (see sendErrorEnvelope).
 */
function errorHeaders(): Record<string, string> {
  return { [HEADERS.tusResumable]: TUS_VERSION };
}

function clientGone(request: FastifyRequest, res: ServerResponse): boolean {
  return res.destroyed || request.raw.socket === null || request.raw.socket.destroyed;
}

function logOutcome(request: FastifyRequest, error: ApiError, cause: unknown): void {
  if (error.status >= 500) {
    request.log.error({ err: cause, code: error.code }, 'tus request failed');
  } else {
    request.log.info({ code: error.code, detail: error.detail }, 'tus request rejected');
  }
}
