import { createHash, getHashes } from 'node:crypto';
import { concatenationFaults } from './concatenation-faults.js';
import type { Fault, ProxyRequest, ProxyResponse } from './fault-proxy.js';

/** What some faults need to know about the server behind the proxy. */
export interface FaultSetting {
  /** The owner tenant's token and another tenant's token. */
  tokens: { owner: string; other: string };
  /** The server's TC_MAX_UPLOAD_BYTES (Tus-Max-Size). */
  maxUploadBytes: number;
}

const path = (request: ProxyRequest) => request.url.replace(/\?.*$/, '');
const query = (request: ProxyRequest) => new URLSearchParams(request.url.replace(/^[^?]*\??/, ''));
const isPlainPost = (r: ProxyRequest) => r.method === 'POST' && path(r) === '/api/v1/temp-contents';
const isTus = (r: ProxyRequest) => path(r).startsWith('/api/v1/temp-contents/files');
const isTusPost = (r: ProxyRequest) =>
  r.method === 'POST' && path(r) === '/api/v1/temp-contents/files';
const isTusUpload = (r: ProxyRequest) => /^\/api\/v1\/temp-contents\/files\/[^/]+$/.test(path(r));
const isDownload = (r: ProxyRequest) =>
  (r.method === 'GET' || r.method === 'HEAD') &&
  /^\/api\/v1\/temp-contents\/[^/]+$/.test(path(r)) &&
  !isTus(r);
const isDetails = (r: ProxyRequest) =>
  r.method === 'GET' && /^\/api\/v1\/temp-contents\/[^/]+\/details$/.test(path(r));

function header(response: ProxyResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function jsonBody(response: ProxyResponse): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as unknown;
    return typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `value` is a well-formed `Upload-Checksum` of an algorithm Node knows whose digest is
 * not the digest of `body`: a chunk a correct server must answer 460 to.
 */
function checksumMismatches(value: string | undefined, body: Buffer): boolean {
  const match = value === undefined ? null : /^(\S+) (\S+)$/.exec(value.trim());
  const algorithm = match?.[1]?.toLowerCase();
  if (!match || algorithm === undefined || !getHashes().includes(algorithm)) return false;
  const actual = createHash(algorithm).update(body).digest();
  const declared = Buffer.from(match[2] ?? '', 'base64');
  return declared.length === actual.length && !declared.equals(actual);
}

function setJson(response: ProxyResponse, body: unknown): void {
  response.body = Buffer.from(JSON.stringify(body));
}

function replaceQuery(request: ProxyRequest, name: string, value: string | undefined): void {
  const params = query(request);
  if (value === undefined) params.delete(name);
  else params.set(name, value);
  const search = params.toString();
  request.url = `${path(request)}${search ? `?${search}` : ''}`;
}

/**
 * The faults the self-test injects, one behaviour each. `expect` is what the failing check's
 * message must contain, so a run that fails for an unrelated reason does not count.
 */
export function faultCatalog(setting: FaultSetting): Fault[] {
  return [
    {
      id: 'plain-post-200',
      breaks: 'TempContentsPost answers 200 instead of 201',
      expect: /expected status 201, got 200/,
      onResponse: (res, req) => {
        if (isPlainPost(req) && res.status === 201) res.status = 200;
      },
    },
    {
      id: 'plain-post-no-location',
      breaks: 'TempContentsPost 201 without Location',
      expect: /missing Location header/,
      onResponse: (res, req) => {
        if (isPlainPost(req)) delete res.headers.location;
      },
    },
    {
      id: 'tus-post-no-location',
      breaks: 'postTus 201 without Location',
      expect: /Location/,
      onResponse: (res, req) => {
        if (isTusPost(req)) delete res.headers.location;
      },
    },
    {
      id: 'range-ignored',
      breaks: 'Range ignored: always the full content',
      expect: /expected status 206, got 200/,
      onRequest: (req) => {
        delete req.headers.range;
        return undefined;
      },
    },
    {
      id: 'content-range-end-off-by-one',
      breaks: 'Content-Range last-pos one too high',
      expect: /Content-Range is "bytes \d+-\d+\/\d+", expected/,
      onResponse: (res) => {
        const value = header(res, 'content-range');
        const match = value && /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value);
        if (res.status === 206 && match)
          res.headers['content-range'] = `bytes ${match[1]}-${Number(match[2]) + 1}/${match[3]}`;
      },
    },
    {
      id: 'content-range-wrong-total',
      breaks: 'Content-Range complete-length wrong',
      expect: /Content-Range is "bytes \d+-\d+\/\d+", expected/,
      onResponse: (res) => {
        const value = header(res, 'content-range');
        const match = value && /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value);
        if (res.status === 206 && match)
          res.headers['content-range'] = `bytes ${match[1]}-${match[2]}/${Number(match[3]) + 1}`;
      },
    },
    {
      id: '416-without-content-range',
      breaks: '416 without Content-Range: bytes */size',
      expect: /416 Content-Range is "\(missing\)"/,
      onResponse: (res) => {
        if (res.status === 416) delete res.headers['content-range'];
      },
    },
    {
      id: '416-as-400',
      breaks: 'unsatisfiable range answered 400',
      expect: /expected status 416, got 400/,
      onResponse: (res) => {
        if (res.status === 416) {
          res.status = 400;
          delete res.headers['content-range'];
        }
      },
    },
    {
      id: 'head-upload-offset-plus-one',
      breaks: 'tus HEAD Upload-Offset one too high',
      expect: /Upload-Offset/,
      onResponse: (res, req) => {
        const offset = header(res, 'upload-offset');
        if (req.method === 'HEAD' && isTusUpload(req) && offset !== undefined)
          res.headers['upload-offset'] = String(Number(offset) + 1);
      },
    },
    {
      id: 'patch-upload-offset-minus-one',
      breaks: 'PATCH 204 Upload-Offset one too low',
      expect: /PATCH 204 Upload-Offset is \d+, expected \d+/,
      onResponse: (res, req) => {
        const offset = header(res, 'upload-offset');
        if (
          req.method === 'PATCH' &&
          res.status === 204 &&
          offset !== undefined &&
          Number(offset) > 0
        ) {
          res.headers['upload-offset'] = String(Number(offset) - 1);
        }
      },
    },
    {
      id: 'tus-412-as-400',
      breaks: 'unsupported Tus-Resumable answered 400 instead of 412',
      expect: /expected status 412, got 400/,
      onResponse: (res) => {
        if (res.status === 412) res.status = 400;
      },
    },
    {
      id: 'tus-412-without-tus-version',
      breaks: '412 without Tus-Version',
      expect: /missing Tus-Version header/,
      onResponse: (res) => {
        if (res.status === 412) delete res.headers['tus-version'];
      },
    },
    {
      id: 'errors-text-plain',
      breaks: 'errors sent as text/plain instead of the JSON envelope',
      expect: /Content-Type is "text\/plain[^"]*", expected application\/json/,
      onResponse: (res, req) => {
        if (res.status >= 400 && req.method !== 'HEAD') {
          res.headers['content-type'] = 'text/plain; charset=utf-8';
          res.body = Buffer.from(`Error ${res.status}\n`);
        }
      },
    },
    {
      id: 'errors-without-trace-id',
      breaks: 'error envelope without traceId',
      expect: /traceId is missing/,
      onResponse: (res) => {
        const body = res.status >= 400 ? jsonBody(res) : undefined;
        if (body) {
          delete body.traceId;
          setJson(res, body);
        }
      },
    },
    {
      id: 'details-size-number',
      breaks: 'details Size as a JSON number',
      expect: /Size is (a number|\d+, expected)/,
      onResponse: (res, req) => {
        const body = isDetails(req) && res.status === 200 ? jsonBody(res) : undefined;
        if (body && typeof body.Size === 'string') {
          body.Size = Number(body.Size);
          setJson(res, body);
        }
      },
    },
    {
      id: 'accept-bad-ttl',
      breaks: 'invalid ttl accepted (400 becomes 201)',
      expect: /expected status 400, got 201/,
      onRequest: (req) => {
        const ttl = query(req).get('ttl');
        if (isPlainPost(req) && ttl !== null && !/^[1-9][0-9]*$/.test(ttl))
          replaceQuery(req, 'ttl', '60');
        else if (isPlainPost(req) && ttl !== null && Number(ttl) > 259200)
          replaceQuery(req, 'ttl', '60');
        return undefined;
      },
    },
    {
      id: 'cross-tenant-leak',
      breaks: "another tenant's content served (tenant isolation broken)",
      expect: /other tenant's token answered 2\d\d, expected 404/,
      onRequest: (req) => {
        if (req.headers.authorization === `Bearer ${setting.tokens.other}`) {
          req.headers.authorization = `Bearer ${setting.tokens.owner}`;
        }
        return undefined;
      },
    },
    {
      id: 'no-tus-resumable',
      breaks: 'tus responses without Tus-Resumable',
      expect: /Tus-Resumable/,
      onResponse: (res, req) => {
        if (isTus(req) && req.method !== 'OPTIONS') delete res.headers['tus-resumable'];
      },
    },
    {
      id: 'head-without-no-store',
      breaks: 'tus HEAD without Cache-Control: no-store',
      expect: /Cache-Control/,
      onResponse: (res, req) => {
        if (req.method === 'HEAD' && isTusUpload(req)) delete res.headers['cache-control'];
      },
    },
    {
      id: 'expired-as-200',
      breaks: 'expired content answers 200 instead of 410',
      expect: /expected status 410, got 200/,
      onResponse: (res) => {
        if (res.status === 410) {
          res.status = 200;
          res.body = Buffer.alloc(0);
        }
      },
    },
    {
      id: 'no-www-authenticate',
      breaks: '401 without WWW-Authenticate',
      expect: /WWW-Authenticate "\(missing\)"/,
      onResponse: (res) => {
        delete res.headers['www-authenticate'];
      },
    },
    {
      id: 'head-content-length-wrong',
      breaks: 'HEAD on a download declares a wrong Content-Length',
      expect: /Content-Length is \d+, expected \d+/,
      onResponse: (res, req) => {
        const length = header(res, 'content-length');
        if (req.method === 'HEAD' && isDownload(req) && length !== undefined)
          res.headers['content-length'] = String(Number(length) + 1);
      },
    },
    {
      id: 'no-nosniff',
      breaks: 'downloads without X-Content-Type-Options: nosniff',
      expect: /X-Content-Type-Options/,
      onResponse: (res) => {
        delete res.headers['x-content-type-options'];
      },
    },
    {
      id: 'disposition-without-utf8',
      breaks: 'Content-Disposition loses the UTF-8 name (no filename*)',
      expect: /no filename\* for a non-ASCII name/,
      onResponse: (res) => {
        const value = header(res, 'content-disposition');
        if (value) res.headers['content-disposition'] = value.replace(/;\s*filename\*=[^;]*/i, '');
      },
    },
    {
      id: 'disposition-unescaped-quotes',
      breaks: 'Content-Disposition filename with unescaped quotes',
      expect: /Content-Disposition/,
      onResponse: (res) => {
        const value = header(res, 'content-disposition');
        const star = value && /filename\*=UTF-8''([^;]*)/i.exec(value);
        if (!value || !star?.[1]) return;
        const name = decodeURIComponent(star[1]);
        // A naive server writes the raw name between quotes; Node refuses non-Latin-1 values.
        if (/^[\x20-\x7e]*$/.test(name))
          res.headers['content-disposition'] = `${value.split(';')[0]}; filename="${name}"`;
      },
    },
    {
      id: 'inline-ignored',
      breaks: 'inline=1 ignored (always attachment)',
      expect: /disposition type is "attachment", expected "inline"/,
      onRequest: (req) => {
        if (isDownload(req)) replaceQuery(req, 'inline', undefined);
        return undefined;
      },
    },
    {
      id: 'offset-mismatch-as-400',
      breaks: 'Upload-Offset mismatch answered 400 instead of 409',
      expect: /expected status 409, got 400/,
      onResponse: (res) => {
        if (res.status === 409) res.status = 400;
      },
    },
    {
      id: 'patch-content-type-ignored',
      breaks: 'PATCH with a wrong Content-Type accepted (no 415)',
      expect: /expected status 415, got 204/,
      onRequest: (req) => {
        if (req.method === 'PATCH') req.headers['content-type'] = 'application/offset+octet-stream';
        return undefined;
      },
    },
    {
      id: 'oversize-upload-accepted',
      breaks: 'Upload-Length above Tus-Max-Size accepted (no 413)',
      expect: /expected status 413, got 201/,
      onRequest: (req) => {
        const length = req.headers['upload-length'];
        if (isTusPost(req) && typeof length === 'string' && Number(length) > setting.maxUploadBytes)
          req.headers['upload-length'] = '1';
        return undefined;
      },
    },
    {
      id: 'delete-not-terminating',
      breaks: 'DELETE answers 204 but keeps the upload',
      expect: /after DELETE/,
      onRequest: (req) =>
        req.method === 'DELETE' &&
        isTusUpload(req) &&
        req.headers.authorization === `Bearer ${setting.tokens.owner}`
          ? { status: 204, headers: { 'tus-resumable': '1.0.0' }, body: Buffer.alloc(0) }
          : undefined,
    },
    {
      id: 'weak-etag',
      breaks: 'weak ETag on downloads',
      expect: /not a strong entity-tag/,
      onResponse: (res) => {
        const etag = header(res, 'etag');
        if (etag && !etag.startsWith('W/')) res.headers.etag = `W/${etag}`;
      },
    },
    {
      id: 'if-range-ignored',
      breaks: 'If-Range ignored (stale validator still gets 206)',
      expect: /If-Range .*expected status 200, got 206/,
      onRequest: (req) => {
        delete req.headers['if-range'];
        return undefined;
      },
    },
    {
      id: 'no-accept-ranges',
      breaks: 'downloads without Accept-Ranges: bytes',
      expect: /Accept-Ranges/,
      onResponse: (res) => {
        delete res.headers['accept-ranges'];
      },
    },
    {
      id: 'partial-body-corrupted',
      breaks: 'one byte of every 206 body flipped',
      expect: /body differs from the uploaded bytes at byte \d+/,
      onResponse: (res, req) => {
        if (res.status === 206 && req.method === 'GET' && res.body.length > 0)
          res.body[0] = (res.body[0] ?? 0) ^ 0xff;
      },
    },
    {
      id: 'head-without-upload-length',
      breaks: 'tus HEAD without Upload-Length',
      expect: /missing Upload-Length header/,
      onResponse: (res, req) => {
        if (req.method === 'HEAD' && isTusUpload(req)) delete res.headers['upload-length'];
      },
    },
    {
      id: 'unknown-upload-500',
      breaks: 'unknown tus upload answers 500 instead of 404',
      expect: /expected status 404, got 500/,
      onResponse: (res, req) => {
        if (isTus(req) && res.status === 404) res.status = 500;
      },
    },
    {
      id: 'patch-without-upload-expires',
      breaks: 'PATCH 204 without Upload-Expires',
      expect: /missing Upload-Expires header/,
      onResponse: (res, req) => {
        if (req.method === 'PATCH') delete res.headers['upload-expires'];
      },
    },
    {
      id: '401-as-403',
      breaks: 'missing token answered 403 instead of 401',
      expect: /answered 403, expected 401/,
      onResponse: (res) => {
        if (res.status === 401) res.status = 403;
      },
    },
    {
      id: 'incomplete-as-200',
      breaks: 'an unfinished upload is downloadable (200 instead of 204)',
      expect: /expected status 204, got 200/,
      onResponse: (res, req) => {
        if (isDownload(req) && res.status === 204) res.status = 200;
      },
    },
    {
      id: 'checksum-mismatch-as-400',
      breaks: 'a checksum mismatch answered 400 instead of 460',
      expect: /checksum.*expected status 460, got 400/,
      onResponse: (res) => {
        if (res.status === 460) res.status = 400;
      },
    },
    {
      id: 'checksum-header-ignored',
      breaks: 'Upload-Checksum ignored: a chunk with a wrong checksum is accepted (204)',
      expect: /checksum: PATCH with a wrong \w+ Upload-Checksum.*expected status 460, got 204/,
      onRequest: (req) => {
        delete req.headers['upload-checksum'];
        return undefined;
      },
    },
    {
      id: 'checksum-mismatch-stored',
      breaks: 'a chunk with a wrong checksum is stored although the answer is 460',
      expect: /the offset moved/,
      readsBody: (req) => req.method === 'PATCH' && req.headers['upload-checksum'] !== undefined,
      onRequest: (req) => {
        const value = req.headers['upload-checksum'];
        if (typeof value === 'string' && checksumMismatches(value, req.body ?? Buffer.alloc(0))) {
          delete req.headers['upload-checksum'];
          req.headers['x-fault-checksum-mismatch'] = '1';
        }
        return undefined;
      },
      onResponse: (res, req) => {
        if (req.headers['x-fault-checksum-mismatch'] === '1' && res.status === 204) {
          res.status = 460;
          delete res.headers['upload-offset'];
          res.headers['content-type'] = 'application/json';
          setJson(res, {
            errors: [{ code: 'CHECKSUM_MISMATCH', title: 'Checksum mismatch' }],
            traceId: 'fault',
          });
        }
      },
    },
    {
      id: 'checksum-trailer-dropped',
      breaks: 'Upload-Checksum trailers dropped: a chunk with a wrong trailer is accepted (204)',
      expect: /checksum-trailer: .*expected status 460, got 204/,
      readsBody: (req) => req.headers.trailer !== undefined,
      onRequest: (req) => {
        delete req.headers.trailer;
        req.trailers = {};
        return undefined;
      },
    },
    {
      id: 'options-without-checksum-algorithm',
      breaks: 'OPTIONS without Tus-Checksum-Algorithm while advertising checksum',
      expect: /missing Tus-Checksum-Algorithm header/,
      onResponse: (res, req) => {
        if (req.method === 'OPTIONS') delete res.headers['tus-checksum-algorithm'];
      },
    },
    {
      id: '409-without-upload-offset',
      breaks: '409 without the current Upload-Offset',
      expect: /409.*missing Upload-Offset header/,
      onResponse: (res) => {
        if (res.status === 409) delete res.headers['upload-offset'];
      },
    },
    {
      id: 'options-without-tus-version',
      breaks: 'OPTIONS without Tus-Version',
      expect: /missing Tus-Version header/,
      onResponse: (res, req) => {
        if (req.method === 'OPTIONS') delete res.headers['tus-version'];
      },
    },
    ...concatenationFaults(),
  ];
}
