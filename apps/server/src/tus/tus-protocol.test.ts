import { createHash, randomBytes } from 'node:crypto';
import { type ErrorCode, TUS_EXTENSIONS } from '@temp-contents/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/backends.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { type Body, sendTusRequest } from './test-support/tus-request.js';

/**
 * tus 1.0.0 (core, creation, creation-with-upload, creation-defer-length, expiration,
 * termination, checksum, checksum-trailer, concatenation, concatenation-unfinished) and our spec's tus operations, one request per case against the real server on
 * a loopback port. Each case states the upload it starts from, the request, and what must come
 * back: status, headers (a RegExp, an exact string, or null for "absent"), the error code of
 * the JSON envelope, and what must hold afterwards (offset, download status).
 */

const MAX = 1024 * 1024; // TC_MAX_UPLOAD_BYTES for this file
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const UPLOAD_URL = /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/temp-contents\/files\/[0-9a-f]{32}$/;
const OCTETS = 'application/offset+octet-stream';
const TEN = Buffer.from('0123456789');

/** The upload a case starts from. */
type Given =
  | 'none' // the request goes to /files
  | 'fresh' // Upload-Length 10, nothing written, filename a.txt
  | 'half' // Upload-Length 10, 5 bytes written
  | 'complete' // Upload-Length 10, all written
  | 'deferred' // Upload-Defer-Length 1, nothing written
  | 'expired' // ttl 1, the app's clock moved past it
  | 'foreign' // created by another tenant
  | 'deleted' // created then terminated
  | 'unknown' // a well-formed id nobody created
  | 'malformed' // not an id at all
  | 'partial' // Upload-Concat: partial, Upload-Length 10, nothing written
  | 'final' // final upload of the complete partials '01234' and '56789'
  | 'final-unfinished' // final upload of '01234' and a partial holding '567' of 5 bytes
  | 'final-broken'; // as final-unfinished, then the unfinished partial was terminated

/**
 * Uploads a concatenation case creates before its request; `{0}`, `{1}`... in its header values
 * become their URLs, `{path0}`... their paths (as alice unless said otherwise).
 */
type Part =
  | 'p01234' // partial, complete: '01234'
  | 'p56789' // partial, complete: '56789'
  | 'p567' // partial of 5 bytes holding '567'; `finishPartials` sends '89'
  | 'pMax' // partial of Tus-Max-Size bytes, nothing written
  | 'pDeferred' // partial with a deferred length
  | 'pForeign' // partial of another tenant, complete
  | 'pExpired' // partial whose ttl (1 s) is over
  | 'plain'; // an ordinary complete upload, not a partial

interface Case {
  name: string;
  given: Given;
  method: string;
  headers?: Record<string, string | undefined>;
  /**
   * Bytes with Content-Length, or `{ chunked }` bytes sent without Content-Length (with
   * `trailers` after them, if given).
   */
  body?: Body;
  status: number;
  code?: ErrorCode;
  want?: Record<string, string | RegExp | null>;
  /** concatenation: uploads made before the request (see `Part`). */
  before?: Part[];
  /** concatenation-unfinished: after the request, the unfinished partials get their last bytes. */
  finishPartials?: boolean;
  /** Headers of a HEAD on the upload afterwards (same notation as `want`). */
  headAfter?: Record<string, string | RegExp | null>;
  /** `Name` in the details afterwards (with `contentAfter: 200`). */
  nameAfter?: string;
  /** The upload's Upload-Offset afterwards (HEAD). */
  offsetAfter?: number;
  /** Status of GET /api/v1/temp-contents/{id} afterwards. */
  contentAfter?: number;
  /**
   * checksum: the same PATCH sent again with a right `Upload-Checksum` then succeeds, and the
   * content (complete after it) holds exactly the 10 bytes of TEN.
   */
  retrySucceeds?: boolean;
}

const V = { 'tus-resumable': '1.0.0' };
const patch = (offset: string | undefined, extra: Record<string, string | undefined> = {}) => ({
  ...V,
  'content-type': OCTETS,
  'upload-offset': offset,
  ...extra,
});
/** `Upload-Checksum` of `bytes`: `<algorithm> <Base64 digest>`. */
const checksum = (algorithm: string, bytes: Buffer) =>
  `${algorithm} ${createHash(algorithm).update(bytes).digest('base64')}`;
/** What a 'half' upload lacks: the last 5 bytes of TEN. */
const REST = TEN.subarray(5);
const WRONG = Buffer.from('5678X');
const ALGORITHMS = ['sha1', 'sha256', 'md5'] as const;

const CASES: Case[] = [
  // --- OPTIONS (core): discovery, no token and no Tus-Resumable needed ----------------------
  {
    name: 'OPTIONS advertises version, extensions, checksum algorithms and max size (200)',
    given: 'none',
    method: 'OPTIONS',
    headers: { authorization: undefined, 'tus-resumable': undefined },
    status: 200,
    want: {
      'tus-version': '1.0.0',
      'tus-extension': TUS_EXTENSIONS.join(','),
      'tus-checksum-algorithm': 'sha1,sha256,md5',
      'tus-max-size': String(MAX),
      'tus-resumable': '1.0.0',
      'content-length': '0',
    },
  },

  // --- Tus-Resumable (core): 412 + Tus-Version, request not processed ------------------------
  ...(['POST', 'HEAD', 'PATCH', 'DELETE'] as const).flatMap((method): Case[] =>
    [undefined, '0.2.2', '1.0.1'].map((version) => ({
      name: `${method} with Tus-Resumable ${version ?? 'missing'} is 412 and not processed`,
      given: method === 'POST' ? 'none' : 'fresh',
      method,
      headers: {
        'tus-resumable': version,
        'upload-length': '10',
        'content-type': OCTETS,
        'upload-offset': '0',
      },
      ...(method === 'PATCH' ? { body: Buffer.from('01234') } : {}),
      status: 412,
      code: 'TUS_VERSION_UNSUPPORTED',
      want: { 'tus-version': '1.0.0', 'tus-resumable': '1.0.0' },
      ...(method === 'POST' ? {} : { offsetAfter: 0 }),
    })),
  ),

  // --- auth and tenants --------------------------------------------------------------------
  {
    name: 'POST without a token is 401 with a Bearer challenge',
    given: 'none',
    method: 'POST',
    headers: { authorization: undefined, ...V, 'upload-length': '10' },
    status: 401,
    code: 'UNAUTHORIZED',
    want: { 'www-authenticate': /^Bearer/, 'tus-resumable': '1.0.0' },
  },
  {
    // Rejected before the body is read (the reply is then answered outside the tus route):
    // still the envelope and Tus-Resumable, which the table checks on every case.
    name: 'POST without a token and a 1 MiB body is 401',
    given: 'none',
    method: 'POST',
    headers: {
      authorization: undefined,
      ...V,
      'upload-length': String(1024 * 1024),
      'content-type': 'application/offset+octet-stream',
    },
    body: Buffer.alloc(1024 * 1024),
    status: 401,
    code: 'UNAUTHORIZED',
    want: { connection: 'close' },
  },
  ...(['HEAD', 'PATCH', 'DELETE'] as const).flatMap((method): Case[] => [
    {
      name: `${method} without a token is 401`,
      given: 'fresh',
      method,
      headers: { authorization: undefined, ...patch('0') },
      status: 401,
      code: 'UNAUTHORIZED',
      offsetAfter: 0,
    },
    {
      name: `${method} on another tenant's upload is 404`,
      given: 'foreign',
      method,
      headers: patch('0'),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: `${method} on an unknown upload is 404`,
      given: 'unknown',
      method,
      headers: patch('0'),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: `${method} on a malformed id is 404`,
      given: 'malformed',
      method,
      headers: patch('0'),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: `${method} on an expired upload is 410`,
      given: 'expired',
      method,
      headers: patch('0'),
      ...(method === 'PATCH' ? { body: Buffer.from('x') } : {}),
      status: 410,
      code: 'GONE',
    },
    {
      name: `${method} on a terminated upload is 404`,
      given: 'deleted',
      method,
      headers: patch('0'),
      status: 404,
      code: 'NOT_FOUND',
    },
  ]),

  // --- POST (creation) ---------------------------------------------------------------------
  {
    name: 'POST with Upload-Length creates: 201, absolute Location, Upload-Expires',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '10' },
    status: 201,
    want: {
      location: UPLOAD_URL,
      'tus-resumable': '1.0.0',
      'upload-expires': IMF_FIXDATE,
      'upload-offset': null,
    },
    offsetAfter: 0,
    contentAfter: 204,
  },
  {
    name: 'POST with Upload-Length 0 creates a complete, empty content',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '0' },
    status: 201,
    want: { location: UPLOAD_URL, 'upload-expires': IMF_FIXDATE },
    offsetAfter: 0,
    contentAfter: 200,
  },
  {
    name: 'POST with Upload-Defer-Length: 1 creates (creation-defer-length)',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-defer-length': '1' },
    status: 201,
    want: { location: UPLOAD_URL, 'upload-expires': IMF_FIXDATE },
    offsetAfter: 0,
    contentAfter: 204,
  },
  {
    name: 'POST with filename and ttl metadata, spaces around commas',
    given: 'none',
    method: 'POST',
    headers: {
      ...V,
      'upload-length': '10',
      'upload-metadata': `filename ${b64('résumé.pdf')} , ttl ${b64('600')},  other`,
    },
    status: 201,
    want: { location: UPLOAD_URL },
  },
  {
    name: 'POST with a plain decimal ttl and unpadded Base64 filename',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '10', 'upload-metadata': 'ttl 600,filename YS50eHQ' },
    status: 201,
    want: { location: UPLOAD_URL },
  },
  {
    name: 'POST ignores unknown metadata keys (filetype, empty keys)',
    given: 'none',
    method: 'POST',
    headers: {
      ...V,
      'upload-length': '10',
      'upload-metadata': `filetype ${b64('text/plain')},flag`,
    },
    status: 201,
  },
  ...(
    [
      ['ttl 0', `ttl ${b64('0')}`],
      ['ttl above 259200', `ttl ${b64('259201')}`],
      ['ttl not a number', `ttl ${b64('abc')}`],
      ['ttl without value', 'ttl'],
      ['plain ttl out of range', 'ttl 999999'],
      ['filename with a slash', `filename ${b64('a/b')}`],
      ['filename with a control character', `filename ${b64('a\u0001b')}`],
      ['filename over 255 bytes', `filename ${b64('é'.repeat(128))}`],
      ['filename without value', 'filename'],
      ['filename not UTF-8', `filename ${Buffer.from([0xff, 0xfe]).toString('base64')}`],
      ['a value that is not Base64', 'filename a!b'],
      ['a duplicate key', `ttl ${b64('60')},ttl ${b64('60')}`],
      ['three tokens in a pair', `filename ${b64('a')} ${b64('b')}`],
      ['an empty pair', `filename ${b64('a')},,ttl ${b64('60')}`],
    ] as const
  ).map(
    ([what, metadata]): Case => ({
      name: `POST with ${what} is 400`,
      given: 'none',
      method: 'POST',
      headers: { ...V, 'upload-length': '10', 'upload-metadata': metadata },
      status: 400,
      code: 'INVALID_UPLOAD_METADATA',
    }),
  ),
  ...(
    [
      ['neither Upload-Length nor Upload-Defer-Length', {}],
      [
        'both Upload-Length and Upload-Defer-Length',
        { 'upload-length': '10', 'upload-defer-length': '1' },
      ],
      ['Upload-Length not a number', { 'upload-length': 'ten' }],
      ['a negative Upload-Length', { 'upload-length': '-1' }],
      ['a fractional Upload-Length', { 'upload-length': '1.5' }],
      ['Upload-Defer-Length other than 1', { 'upload-defer-length': '2' }],
    ] as const
  ).map(
    ([what, headers]): Case => ({
      name: `POST with ${what} is 400`,
      given: 'none',
      method: 'POST',
      headers: { ...V, ...headers },
      status: 400,
      code: 'INVALID_UPLOAD_LENGTH',
    }),
  ),
  {
    name: 'POST with Upload-Length over Tus-Max-Size is 413',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': String(MAX + 1) },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    // A valid 64-bit length beyond what JavaScript numbers hold exactly is still a length.
    name: 'POST with Upload-Length above 2^53-1 is 413',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '9007199254740993' },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'POST with Upload-Length of 21 digits (not a 64-bit value) is 400',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '100000000000000000000' },
    status: 400,
    code: 'INVALID_UPLOAD_LENGTH',
  },
  {
    name: 'POST with a body stores it (creation-with-upload) and reports Upload-Offset',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '10', 'content-type': OCTETS },
    body: Buffer.from('0123'),
    status: 201,
    want: { location: UPLOAD_URL, 'upload-offset': '4', 'upload-expires': IMF_FIXDATE },
    offsetAfter: 4,
    contentAfter: 204,
  },
  {
    name: 'POST with the whole body completes the upload at once',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '10', 'content-type': OCTETS },
    body: TEN,
    status: 201,
    want: { 'upload-offset': '10', 'upload-expires': IMF_FIXDATE },
    offsetAfter: 10,
    contentAfter: 200,
  },
  {
    name: 'POST with a body longer than Upload-Length is 413',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '3', 'content-type': OCTETS },
    body: TEN,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'POST with a body of another media type is 415',
    given: 'none',
    method: 'POST',
    headers: { ...V, 'upload-length': '10', 'content-type': 'text/plain' },
    body: TEN,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },

  // --- HEAD (core) -------------------------------------------------------------------------
  {
    name: 'HEAD reports offset, length, metadata, expiry, no-store',
    given: 'half',
    method: 'HEAD',
    headers: V,
    status: 200,
    want: {
      'upload-offset': '5',
      'upload-length': '10',
      'upload-defer-length': null,
      'upload-metadata': `filename ${b64('a.txt')}`,
      'upload-expires': IMF_FIXDATE,
      'cache-control': 'no-store',
      'tus-resumable': '1.0.0',
    },
  },
  {
    name: 'HEAD on a deferred-length upload sends Upload-Defer-Length: 1',
    given: 'deferred',
    method: 'HEAD',
    headers: V,
    status: 200,
    want: { 'upload-offset': '0', 'upload-defer-length': '1', 'upload-length': null },
  },

  // --- PATCH (core) ------------------------------------------------------------------------
  {
    name: 'PATCH appends: 204 with the new Upload-Offset and Upload-Expires',
    given: 'fresh',
    method: 'PATCH',
    headers: patch('0'),
    body: Buffer.from('01234'),
    status: 204,
    want: { 'upload-offset': '5', 'upload-expires': IMF_FIXDATE, 'tus-resumable': '1.0.0' },
    offsetAfter: 5,
    contentAfter: 204,
  },
  {
    name: 'PATCH that completes the upload makes the content downloadable',
    given: 'half',
    method: 'PATCH',
    headers: patch('5'),
    body: Buffer.from('56789'),
    status: 204,
    want: { 'upload-offset': '10', 'upload-expires': IMF_FIXDATE },
    offsetAfter: 10,
    contentAfter: 200,
  },
  {
    name: 'PATCH with a chunked body (no Content-Length) appends',
    given: 'fresh',
    method: 'PATCH',
    headers: patch('0'),
    body: { chunked: Buffer.from('0123456') },
    status: 204,
    want: { 'upload-offset': '7' },
    offsetAfter: 7,
  },
  {
    name: 'PATCH with an empty body on a complete upload is 204',
    given: 'complete',
    method: 'PATCH',
    headers: patch('10'),
    status: 204,
    want: { 'upload-offset': '10' },
    offsetAfter: 10,
    contentAfter: 200,
  },
  ...(['0', '3', '6'] as const).map(
    (offset): Case => ({
      name: `PATCH at Upload-Offset ${offset} when the upload holds 5 is 409 with Upload-Offset 5, nothing written`,
      given: 'half',
      method: 'PATCH',
      headers: patch(offset),
      body: Buffer.from('abc'),
      status: 409,
      code: 'OFFSET_MISMATCH',
      want: { 'upload-offset': '5' },
      offsetAfter: 5,
    }),
  ),
  {
    name: 'PATCH at a wrong offset with a 4 MiB body is 409 at once and closes the connection',
    given: 'half',
    method: 'PATCH',
    headers: patch('0'),
    body: Buffer.alloc(4 * 1024 * 1024),
    status: 409,
    code: 'OFFSET_MISMATCH',
    want: { connection: 'close', 'upload-offset': '5' },
    offsetAfter: 5,
  },
  {
    name: 'PATCH of another media type with a 4 MiB body is 415 and closes the connection',
    given: 'fresh',
    method: 'PATCH',
    headers: patch('0', { 'content-type': 'text/plain' }),
    body: Buffer.alloc(4 * 1024 * 1024),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    want: { connection: 'close' },
    offsetAfter: 0,
  },
  {
    name: 'PATCH past Upload-Length (Content-Length) is 413, nothing written',
    given: 'half',
    method: 'PATCH',
    headers: patch('5'),
    body: Buffer.from('5678901'),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    offsetAfter: 5,
    contentAfter: 204,
  },
  {
    name: 'PATCH past Upload-Length (chunked) is 413, nothing past the length stored',
    given: 'half',
    method: 'PATCH',
    headers: patch('5'),
    body: { chunked: Buffer.from('5678901') },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    offsetAfter: 5,
  },
  ...(
    [
      ['missing', undefined],
      ['not a number', 'five'],
      ['negative', '-1'],
      ['fractional', '1.5'],
      ['exponent', '1e1'],
    ] as const
  ).map(
    ([what, offset]): Case => ({
      name: `PATCH with Upload-Offset ${what} is 400`,
      given: 'fresh',
      method: 'PATCH',
      headers: patch(offset),
      body: Buffer.from('01234'),
      status: 400,
      code: 'INVALID_UPLOAD_OFFSET',
      offsetAfter: 0,
    }),
  ),
  ...(
    [
      ['missing', undefined],
      ['application/octet-stream', 'application/octet-stream'],
      ['text/plain', 'text/plain'],
    ] as const
  ).map(
    ([what, type]): Case => ({
      name: `PATCH with Content-Type ${what} is 415`,
      given: 'fresh',
      method: 'PATCH',
      headers: patch('0', { 'content-type': type }),
      body: Buffer.from('01234'),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      offsetAfter: 0,
    }),
  ),
  {
    name: 'PATCH with a Content-Type no parser knows and a 1 MiB body is 415',
    given: 'fresh',
    method: 'PATCH',
    headers: patch('0', { 'content-type': 'AAA' }),
    body: Buffer.alloc(1024 * 1024),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    want: { connection: 'close' },
    offsetAfter: 0,
  },
  {
    name: 'PATCH declares the length of a deferred upload and completes it',
    given: 'deferred',
    method: 'PATCH',
    headers: patch('0', { 'upload-length': '10' }),
    body: TEN,
    status: 204,
    want: { 'upload-offset': '10' },
    offsetAfter: 10,
    contentAfter: 200,
  },
  {
    name: 'PATCH with an Upload-Length equal to the known length is accepted',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { 'upload-length': '10' }),
    body: Buffer.from('56789'),
    status: 204,
    want: { 'upload-offset': '10' },
    contentAfter: 200,
  },
  {
    name: 'PATCH with an Upload-Length different from the known length is 400',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { 'upload-length': '12' }),
    body: Buffer.from('56789'),
    status: 400,
    code: 'INVALID_UPLOAD_LENGTH',
    offsetAfter: 5,
  },
  {
    name: 'PATCH declaring a length above 2^53-1 is 413',
    given: 'deferred',
    method: 'PATCH',
    headers: patch('0', { 'upload-length': '18446744073709551615' }),
    body: TEN,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    offsetAfter: 0,
  },
  {
    name: 'PATCH at an Upload-Offset above 2^53-1 is 409 and stores nothing',
    given: 'half',
    method: 'PATCH',
    headers: patch('9007199254740993'),
    body: Buffer.from('56789'),
    status: 409,
    code: 'OFFSET_MISMATCH',
    want: { 'upload-offset': '5' },
    offsetAfter: 5,
  },
  {
    name: 'PATCH declaring a length over Tus-Max-Size is 413',
    given: 'deferred',
    method: 'PATCH',
    headers: patch('0', { 'upload-length': String(MAX + 1) }),
    body: TEN,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    offsetAfter: 0,
  },

  // --- checksum: Upload-Checksum verified before anything is stored ------------------------
  ...ALGORITHMS.map(
    (algorithm): Case => ({
      name: `PATCH with a right ${algorithm} Upload-Checksum stores the chunk`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { 'upload-checksum': checksum(algorithm, REST) }),
      body: REST,
      status: 204,
      want: { 'upload-offset': '10', 'upload-expires': IMF_FIXDATE },
      offsetAfter: 10,
      contentAfter: 200,
    }),
  ),
  ...ALGORITHMS.map(
    (algorithm): Case => ({
      name: `PATCH with a wrong ${algorithm} Upload-Checksum is 460, chunk discarded, offset kept`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { 'upload-checksum': checksum(algorithm, WRONG) }),
      body: REST,
      status: 460,
      code: 'CHECKSUM_MISMATCH',
      // Answered after the whole body was read: the connection stays open.
      want: { 'upload-offset': null, connection: 'keep-alive' },
      offsetAfter: 5,
      contentAfter: 204,
      retrySucceeds: true,
    }),
  ),
  {
    name: 'PATCH with an upper-case algorithm name is accepted (SHA256)',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', {
      'upload-checksum': checksum('sha256', REST).replace('sha256', 'SHA256'),
    }),
    body: REST,
    status: 204,
    offsetAfter: 10,
  },
  {
    name: 'PATCH with a right checksum of a chunked body stores it',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { 'upload-checksum': checksum('sha256', REST) }),
    body: { chunked: REST },
    status: 204,
    want: { 'upload-offset': '10' },
    offsetAfter: 10,
    contentAfter: 200,
  },
  {
    name: 'PATCH with a wrong checksum of a chunked body is 460, nothing stored',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { 'upload-checksum': checksum('sha256', WRONG) }),
    body: { chunked: REST },
    status: 460,
    code: 'CHECKSUM_MISMATCH',
    offsetAfter: 5,
    retrySucceeds: true,
  },
  ...(
    [
      ['an unsupported algorithm (crc32)', `crc32 ${Buffer.alloc(4).toString('base64')}`],
      ['an unsupported algorithm (sha512)', checksum('sha512', REST)],
      ['no digest', 'sha1'],
      ['two spaces', `sha1  ${createHash('sha1').update(REST).digest('base64')}`],
      ['a digest that is not Base64', 'sha1 !!!!'],
      ['a digest of the wrong length', `sha1 ${createHash('md5').update(REST).digest('base64')}`],
      ['an empty value', ''],
    ] as const
  ).map(
    ([what, value]): Case => ({
      name: `PATCH with Upload-Checksum of ${what} is 400, chunk discarded`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { 'upload-checksum': value }),
      body: REST,
      status: 400,
      code: 'INVALID_UPLOAD_CHECKSUM',
      offsetAfter: 5,
      retrySucceeds: true,
    }),
  ),
  {
    name: 'PATCH with a right checksum at a wrong offset is 409 with Upload-Offset',
    given: 'half',
    method: 'PATCH',
    headers: patch('3', { 'upload-checksum': checksum('sha1', REST) }),
    body: REST,
    status: 409,
    code: 'OFFSET_MISMATCH',
    want: { 'upload-offset': '5' },
    offsetAfter: 5,
  },
  {
    name: 'PATCH with a right checksum of a chunked body past Upload-Length is 413, nothing stored',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { 'upload-checksum': checksum('sha1', TEN) }),
    body: { chunked: TEN },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    offsetAfter: 5,
  },
  {
    name: 'PATCH with a checksum and a chunked body over Tus-Max-Size is 413 before its end',
    given: 'deferred',
    method: 'PATCH',
    headers: patch('0', { 'upload-checksum': checksum('sha1', REST) }),
    body: { chunked: Buffer.alloc(2 * MAX) },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    want: { connection: 'close' },
    offsetAfter: 0,
  },
  {
    name: 'POST + X-HTTP-Method-Override: PATCH with a wrong checksum is 460',
    given: 'half',
    method: 'POST',
    headers: patch('5', {
      'x-http-method-override': 'PATCH',
      'upload-checksum': checksum('sha1', WRONG),
    }),
    body: REST,
    status: 460,
    code: 'CHECKSUM_MISMATCH',
    offsetAfter: 5,
  },
  {
    name: 'POST with a body and a right checksum creates the upload with the body',
    given: 'none',
    method: 'POST',
    headers: {
      ...V,
      'upload-length': '10',
      'content-type': OCTETS,
      'upload-checksum': checksum('sha256', TEN),
    },
    body: TEN,
    status: 201,
    want: { location: UPLOAD_URL, 'upload-offset': '10' },
    offsetAfter: 10,
    contentAfter: 200,
  },
  {
    name: 'POST with a body and a wrong checksum is 460 and creates nothing',
    given: 'none',
    method: 'POST',
    headers: {
      ...V,
      'upload-length': '10',
      'content-type': OCTETS,
      'upload-checksum': checksum('sha256', WRONG),
    },
    body: TEN,
    status: 460,
    code: 'CHECKSUM_MISMATCH',
    want: { location: null },
  },

  // --- checksum-trailer: Upload-Checksum after a chunked body ------------------------------
  ...ALGORITHMS.map(
    (algorithm): Case => ({
      name: `PATCH with a right ${algorithm} checksum trailer stores the chunk`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { trailer: 'Upload-Checksum' }),
      body: { chunked: REST, trailers: { 'Upload-Checksum': checksum(algorithm, REST) } },
      status: 204,
      want: { 'upload-offset': '10' },
      offsetAfter: 10,
      contentAfter: 200,
    }),
  ),
  ...ALGORITHMS.map(
    (algorithm): Case => ({
      name: `PATCH with a wrong ${algorithm} checksum trailer is 460, chunk discarded, offset kept`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { trailer: 'Upload-Checksum' }),
      body: { chunked: REST, trailers: { 'Upload-Checksum': checksum(algorithm, WRONG) } },
      status: 460,
      code: 'CHECKSUM_MISMATCH',
      offsetAfter: 5,
      contentAfter: 204,
      retrySucceeds: true,
    }),
  ),
  ...(
    [
      ['an unsupported algorithm', { 'Upload-Checksum': checksum('sha512', REST) }],
      ['a malformed value', { 'Upload-Checksum': 'sha1:abc' }],
      ['no trailer at all', {}],
    ] as const
  ).map(
    ([what, trailers]): Case => ({
      name: `PATCH announcing a checksum trailer with ${what} is 400, chunk discarded`,
      given: 'half',
      method: 'PATCH',
      headers: patch('5', { trailer: 'Upload-Checksum' }),
      body: { chunked: REST, trailers },
      status: 400,
      code: 'INVALID_UPLOAD_CHECKSUM',
      offsetAfter: 5,
      retrySucceeds: true,
    }),
  ),
  {
    name: 'PATCH announcing a checksum trailer with a Content-Length body (no trailers) is 400',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { trailer: 'Upload-Checksum' }),
    body: REST,
    status: 400,
    code: 'INVALID_UPLOAD_CHECKSUM',
    offsetAfter: 5,
  },
  {
    name: 'PATCH with Upload-Checksum both as header and announced trailer is 400',
    given: 'half',
    method: 'PATCH',
    headers: patch('5', { trailer: 'Upload-Checksum', 'upload-checksum': checksum('sha1', REST) }),
    body: { chunked: REST, trailers: { 'Upload-Checksum': checksum('sha1', REST) } },
    status: 400,
    code: 'INVALID_UPLOAD_CHECKSUM',
    offsetAfter: 5,
  },

  // --- DELETE (termination) ----------------------------------------------------------------
  {
    name: 'DELETE terminates an unfinished upload',
    given: 'half',
    method: 'DELETE',
    headers: V,
    status: 204,
    want: { 'tus-resumable': '1.0.0' },
    contentAfter: 404,
  },
  {
    name: 'DELETE terminates a finished upload and its content',
    given: 'complete',
    method: 'DELETE',
    headers: V,
    status: 204,
    contentAfter: 404,
  },

  // --- X-HTTP-Method-Override (core) -------------------------------------------------------
  {
    name: 'POST + X-HTTP-Method-Override: PATCH is a PATCH',
    given: 'fresh',
    method: 'POST',
    headers: patch('0', { 'x-http-method-override': 'PATCH' }),
    body: Buffer.from('012'),
    status: 204,
    want: { 'upload-offset': '3' },
    offsetAfter: 3,
  },
  {
    name: 'POST + X-HTTP-Method-Override: HEAD is a HEAD',
    given: 'half',
    method: 'POST',
    headers: { ...V, 'x-http-method-override': 'HEAD' },
    status: 200,
    want: { 'upload-offset': '5', 'cache-control': 'no-store' },
  },
  {
    name: 'POST + X-HTTP-Method-Override: DELETE is a DELETE',
    given: 'half',
    method: 'POST',
    headers: { ...V, 'x-http-method-override': 'DELETE' },
    status: 204,
    contentAfter: 404,
  },
  {
    name: 'POST on an upload URL without override is 405',
    given: 'fresh',
    method: 'POST',
    headers: { ...V, 'upload-length': '10' },
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    want: { allow: 'HEAD, PATCH, DELETE' },
    offsetAfter: 0,
  },
  {
    name: 'GET on an upload URL is not a tus operation (405)',
    given: 'complete',
    method: 'GET',
    headers: V,
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    // POST is accepted only as an override carrier, so Allow does not advertise it.
    want: { allow: 'DELETE, HEAD, PATCH' },
  },
  {
    name: 'OPTIONS on an upload URL is 405 with the tus methods in Allow',
    given: 'complete',
    method: 'OPTIONS',
    headers: V,
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    want: { allow: 'DELETE, HEAD, PATCH' },
  },
  ...CONCATENATION_CASES(),
];

/** concatenation, concatenation-unfinished. */
function CONCATENATION_CASES(): Case[] {
  const final = (list: string, extra: Record<string, string> = {}) => ({
    ...V,
    'upload-concat': `final;${list}`,
    ...extra,
  });
  const refused = (name: string, before: Part[], list: string): Case => ({
    name: `POST final of ${name} is 400`,
    given: 'none',
    method: 'POST',
    before,
    headers: final(list),
    status: 400,
    code: 'INVALID_UPLOAD_CONCAT',
  });
  return [
    {
      name: 'POST Upload-Concat: partial creates a partial upload; HEAD echoes Upload-Concat',
      given: 'none',
      method: 'POST',
      headers: { ...V, 'upload-length': '10', 'upload-concat': 'partial' },
      status: 201,
      want: { location: UPLOAD_URL, 'upload-expires': IMF_FIXDATE },
      headAfter: { 'upload-concat': 'partial', 'upload-offset': '0', 'upload-length': '10' },
      contentAfter: 204,
    },
    {
      name: 'POST final of complete partials: length is the sum, downloadable with its own name',
      given: 'none',
      method: 'POST',
      before: ['p01234', 'p56789'],
      headers: final('{0} {1}', { 'upload-metadata': `filename ${b64('joined.txt')}` }),
      status: 201,
      want: { location: UPLOAD_URL, 'upload-expires': IMF_FIXDATE, 'upload-offset': null },
      headAfter: {
        'upload-concat': 'final;{0} {1}',
        'upload-offset': '10',
        'upload-length': '10',
        'upload-metadata': `filename ${b64('joined.txt')}`,
        'cache-control': 'no-store',
      },
      contentAfter: 200,
      nameAfter: 'joined.txt',
    },
    {
      name: 'POST final of partials given by path is accepted',
      given: 'none',
      method: 'POST',
      before: ['p01234', 'p56789'],
      headers: final('{path0}  {path1}'),
      status: 201,
      headAfter: { 'upload-concat': 'final;{path0} {path1}', 'upload-offset': '10' },
      contentAfter: 200,
    },
    {
      name: 'POST final with Upload-Length is 400',
      given: 'none',
      method: 'POST',
      before: ['p01234', 'p56789'],
      headers: final('{0} {1}', { 'upload-length': '10' }),
      status: 400,
      code: 'INVALID_UPLOAD_LENGTH',
    },
    {
      name: 'POST final with a body is 400',
      given: 'none',
      method: 'POST',
      before: ['p01234'],
      headers: final('{0}', { 'content-type': OCTETS }),
      body: Buffer.from('x'),
      status: 400,
      code: 'INVALID_UPLOAD_CONCAT',
    },
    refused('a partial listed twice', ['p01234'], '{0} {0}'),
    refused("another tenant's partial", ['p01234', 'pForeign'], '{0} {1}'),
    refused('an unknown upload', ['p01234'], `{0} /api/v1/temp-contents/files/${'0'.repeat(32)}`),
    refused('an expired partial', ['p01234', 'pExpired'], '{0} {1}'),
    refused('an upload that is not partial', ['p01234', 'plain'], '{0} {1}'),
    refused('a partial of deferred length', ['pDeferred'], '{0}'),
    refused(
      'a URL of another server',
      [],
      `http://elsewhere.invalid/api/v1/temp-contents/files/${'0'.repeat(32)}`,
    ),
    refused('no URL at all', [], ''),
    {
      name: 'POST with Upload-Concat neither partial nor final is 400',
      given: 'none',
      method: 'POST',
      headers: { ...V, 'upload-length': '10', 'upload-concat': 'partial;x' },
      status: 400,
      code: 'INVALID_UPLOAD_CONCAT',
    },
    {
      name: 'POST final longer than Tus-Max-Size is 413',
      given: 'none',
      method: 'POST',
      before: ['pMax', 'p01234'],
      headers: final('{0} {1}'),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'POST final of an unfinished partial: 201, HEAD has no Upload-Offset, content 204',
      given: 'none',
      method: 'POST',
      before: ['p01234', 'p567'],
      headers: final('{0} {1}'),
      status: 201,
      headAfter: { 'upload-offset': null, 'upload-length': '10', 'upload-concat': 'final;{0} {1}' },
      contentAfter: 204,
    },
    {
      name: 'a final upload becomes complete and downloadable when its last partial completes',
      given: 'none',
      method: 'POST',
      before: ['p01234', 'p567'],
      headers: final('{0} {1}'),
      status: 201,
      finishPartials: true,
      headAfter: { 'upload-offset': '10', 'upload-length': '10' },
      contentAfter: 200,
    },
    ...(['final', 'final-unfinished'] as const).map(
      (given): Case => ({
        name: `PATCH on a ${given} upload is 403, nothing written`,
        given,
        method: 'PATCH',
        headers: patch('0'),
        body: Buffer.from('abc'),
        status: 403,
        code: 'FORBIDDEN',
        contentAfter: given === 'final' ? 200 : 204,
      }),
    ),
    {
      name: 'HEAD on a final upload whose partial was terminated before completing is 410, and its content too',
      given: 'final-broken',
      method: 'HEAD',
      headers: V,
      status: 410,
      code: 'GONE',
      contentAfter: 410,
    },
    {
      name: 'DELETE terminates a final upload and its content',
      given: 'final',
      method: 'DELETE',
      headers: V,
      status: 204,
      contentAfter: 404,
    },
  ];
}

describe.each(BACKENDS)('tus 1.0.0 protocol table (%s storage)', (backend) => {
  let app: TestApp;
  const clock = new ManualClock(new Date(Date.UTC(2030, 5, 1, 12, 0, 0, 250)));
  const server = { baseUrl: '', filesUrl: '' };
  let expiredId: string;
  let expiredPartialId: string;

  const request = (
    url: string,
    method: string,
    headers: Record<string, string | undefined>,
    body?: Body,
  ) => sendTusRequest(url, method, { authorization: `Bearer ${TOKENS.alice}`, ...headers }, body);

  const create = async (headers: Record<string, string>, token: string = TOKENS.alice) => {
    const response = await request(server.filesUrl, 'POST', {
      ...V,
      authorization: `Bearer ${token}`,
      ...headers,
    });
    expect(response.status, await response.text()).toBe(201);
    return response.headers.get('location') as string;
  };

  /** concatenation: makes the upload `part` stands for; its URL. */
  const makePart = async (part: Part): Promise<string> => {
    const partial = { 'upload-concat': 'partial' };
    const filled = async (url: string, bytes: string) => {
      const response = await request(url, 'PATCH', patch('0'), Buffer.from(bytes));
      expect(response.status).toBe(204);
      return url;
    };
    switch (part) {
      case 'p01234':
        return filled(await create({ ...partial, 'upload-length': '5' }), '01234');
      case 'p56789':
        return filled(await create({ ...partial, 'upload-length': '5' }), '56789');
      case 'p567':
        return filled(await create({ ...partial, 'upload-length': '5' }), '567');
      case 'pMax':
        return create({ ...partial, 'upload-length': String(MAX) });
      case 'pDeferred':
        return create({ ...partial, 'upload-defer-length': '1' });
      case 'pForeign':
        return create({ ...partial, 'upload-length': '0' }, TOKENS.carol);
      case 'pExpired':
        return `${server.filesUrl}/${expiredPartialId}`;
      case 'plain':
        return filled(await create({ 'upload-length': '5' }), '56789');
    }
  };
  /** Header values with `{n}` / `{pathN}` replaced by the URLs / paths of `parts`. */
  const withParts = <T extends string | RegExp | null | undefined>(
    values: Record<string, T>,
    parts: string[],
  ): Record<string, T> =>
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        typeof value === 'string'
          ? value.replace(/\{(path)?(\d+)\}/g, (_m, path, n) => {
              const url = parts[Number(n)] as string;
              return path === undefined ? url : new URL(url).pathname;
            })
          : value,
      ]),
    ) as Record<string, T>;
  /** Sends the rest of every unfinished ('p567') part. */
  const finishParts = async (before: Part[], parts: string[]) => {
    for (const [i, part] of before.entries()) {
      if (part !== 'p567') continue;
      const response = await request(parts[i] as string, 'PATCH', patch('3'), Buffer.from('89'));
      expect(response.status).toBe(204);
    }
  };

  const upload = async (given: Given): Promise<string> => {
    const filename = `filename ${b64('a.txt')}`;
    switch (given) {
      case 'none':
        return server.filesUrl;
      case 'fresh':
        return create({ 'upload-length': '10', 'upload-metadata': filename });
      case 'deferred':
        return create({ 'upload-defer-length': '1' });
      case 'half':
      case 'complete': {
        const url = await create({ 'upload-length': '10', 'upload-metadata': filename });
        const bytes = given === 'half' ? TEN.subarray(0, 5) : TEN;
        const response = await request(url, 'PATCH', patch('0'), bytes);
        expect(response.status).toBe(204);
        return url;
      }
      case 'expired':
        return `${server.filesUrl}/${expiredId}`;
      case 'foreign':
        return create({ 'upload-length': '10' }, TOKENS.carol);
      case 'deleted': {
        const url = await create({ 'upload-length': '10' });
        expect((await request(url, 'DELETE', V)).status).toBe(204);
        return url;
      }
      case 'unknown':
        return `${server.filesUrl}/${randomBytes(16).toString('hex')}`;
      case 'malformed':
        return `${server.filesUrl}/not-an-id`;
      case 'partial':
        return create({ 'upload-length': '10', 'upload-concat': 'partial' });
      case 'final':
      case 'final-unfinished':
      case 'final-broken': {
        const parts = [
          await makePart('p01234'),
          await makePart(given === 'final' ? 'p56789' : 'p567'),
        ];
        const url = await create({ 'upload-concat': `final;${parts.join(' ')}` });
        if (given === 'final-broken') {
          expect((await request(parts[1] as string, 'DELETE', V)).status).toBe(204);
        }
        return url;
      }
    }
  };

  beforeAll(async () => {
    app = await createTestApp({
      backend,
      env: { TC_MAX_UPLOAD_BYTES: String(MAX) },
      deps: { clock: clock.now },
    });
    server.baseUrl = await app.listen();
    server.filesUrl = `${server.baseUrl}/api/v1/temp-contents/files`;
    const url = await create({ 'upload-length': '10', 'upload-metadata': 'ttl 1' });
    expiredId = url.split('/').pop() as string;
    const partialUrl = await create({
      'upload-length': '0',
      'upload-concat': 'partial',
      'upload-metadata': 'ttl 1',
    });
    expiredPartialId = partialUrl.split('/').pop() as string;
    // TTL counts from creation, by the app's clock: move it past the TTL instead of sleeping.
    clock.advance(1000);
  });
  afterAll(async () => {
    // All requests are over; do not wait for keep-alive sockets to time out.
    app?.app.server.closeAllConnections();
    await app?.close();
  });

  it.each(CASES)('$name', async (c) => {
    const url = await upload(c.given);
    const parts: string[] = [];
    for (const part of c.before ?? []) parts.push(await makePart(part));
    const response = await request(url, c.method, withParts(c.headers ?? {}, parts), c.body);
    const text = await response.text();

    expect(response.status).toBe(c.status);
    for (const [name, want] of Object.entries(c.want ?? {})) {
      const got = response.headers.get(name);
      if (want === null) expect(got, name).toBeNull();
      else if (typeof want === 'string') expect(got, name).toBe(want);
      else expect(got, name).toMatch(want);
    }
    // Every tus response carries Tus-Resumable, errors included (our spec).
    expect(response.headers.get('tus-resumable')).toBe('1.0.0');
    if (c.status >= 400) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      if (c.method === 'HEAD') {
        expect(text).toBe('');
      } else {
        const envelope = JSON.parse(text);
        expect(envelope.errors[0]).toMatchObject({ code: c.code, title: expect.any(String) });
        expect(envelope.traceId).toEqual(expect.any(String));
      }
    } else {
      expect(response.headers.get('content-type')).toBeNull();
    }

    // For a creation, the follow-up checks look at the upload it created.
    const target = c.given === 'none' ? (response.headers.get('location') ?? url) : url;
    if (c.finishPartials) await finishParts(c.before ?? [], parts);
    if (c.headAfter !== undefined) {
      const head = await request(target, 'HEAD', V);
      expect(head.status).toBe(200);
      for (const [name, want] of Object.entries(withParts(c.headAfter, parts))) {
        const got = head.headers.get(name);
        if (want === null) expect(got, name).toBeNull();
        else if (typeof want === 'string') expect(got, name).toBe(want);
        else expect(got, name).toMatch(want);
      }
    }
    if (c.offsetAfter !== undefined) {
      const head = await request(target, 'HEAD', V);
      expect(head.status).toBe(200);
      expect(head.headers.get('upload-offset')).toBe(String(c.offsetAfter));
    }
    if (c.retrySucceeds) {
      const again = await request(
        url,
        c.method,
        { ...c.headers, trailer: undefined, 'upload-checksum': checksum('sha256', REST) },
        REST,
      );
      expect(again.status, await again.text()).toBe(204);
      expect(again.headers.get('upload-offset')).toBe('10');
    }
    const contentAfter = c.retrySucceeds ? 200 : c.contentAfter;
    if (contentAfter !== undefined) {
      const id = target.split('/').pop() as string;
      const content = await request(`${server.baseUrl}/api/v1/temp-contents/${id}`, 'GET', {});
      expect(content.status).toBe(contentAfter);
      const details = await request(
        `${server.baseUrl}/api/v1/temp-contents/${id}/details`,
        'GET',
        {},
      );
      expect(details.status).toBe(contentAfter);
      if (contentAfter === 200) {
        const bytes = Buffer.from(await content.arrayBuffer());
        expect(TEN.subarray(0, bytes.length).equals(bytes)).toBe(true);
        const detail = await details.json();
        // After a rejected chunk and its retry, the content is all of TEN: nothing of the
        // rejected chunk was kept.
        if (c.retrySucceeds) expect(bytes.equals(TEN)).toBe(true);
        expect(bytes.length).toBe(Number(detail.Size));
        if (c.nameAfter !== undefined) expect(detail.Name).toBe(c.nameAfter);
      }
    }
  });

  it('reads a plain decimal ttl and unpadded Base64, and echoes them as canonical metadata', async () => {
    const createdAt = clock.now().getTime();
    const url = await create({
      'upload-length': '10',
      'upload-metadata': 'ttl 600 , filename YS50eHQ',
    });
    const head = await request(url, 'HEAD', V);
    expect(head.headers.get('upload-metadata')).toBe(`ttl ${b64('600')},filename ${b64('a.txt')}`);
    const expires = Date.parse(head.headers.get('upload-expires') as string);
    // TTL counts from creation, by the app's clock; the header has whole seconds.
    expect(expires).toBe(Math.floor((createdAt + 600_000) / 1000) * 1000);
  });

  it('partials expire by their own TTL; the final upload keeps its bytes', async () => {
    const parts: string[] = [];
    for (const bytes of ['01234', '56789']) {
      const url = await create({
        'upload-length': '5',
        'upload-concat': 'partial',
        'upload-metadata': 'ttl 2',
      });
      expect((await request(url, 'PATCH', patch('0'), Buffer.from(bytes))).status).toBe(204);
      parts.push(url);
    }
    const finalUrl = await create({ 'upload-concat': `final;${parts.join(' ')}` });
    clock.advance(2000);
    for (const url of parts) expect((await request(url, 'HEAD', V)).status).toBe(410);
    // The sweeper's purge of the partials leaves the final upload whole.
    await app.app.expirySweeper.sweepOnce();
    for (const url of parts) expect((await request(url, 'HEAD', V)).status).toBe(404);
    const id = finalUrl.split('/').pop() as string;
    const content = await request(`${server.baseUrl}/api/v1/temp-contents/${id}`, 'GET', {
      range: 'bytes=3-6',
    });
    expect(content.status).toBe(206);
    expect(await content.text()).toBe('3456');
    const head = await request(finalUrl, 'HEAD', V);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('10');
  });
});
