import type { Fault, ProxyRequest, ProxyResponse } from './fault-proxy.js';

/**
 * Faults on tus concatenation (`concatenation`, `concatenation-unfinished`): each breaks one
 * behaviour of final uploads, and the tus suite must name it, prefixed with the extension the
 * target then advertises without honouring. The proxy learns which uploads are final ones from
 * the creations it forwards.
 */

const FILES = '/api/v1/temp-contents/files';
const path = (request: ProxyRequest) => request.url.replace(/\?.*$/, '');
const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;
const isFinalCreation = (r: ProxyRequest) =>
  r.method === 'POST' &&
  path(r) === FILES &&
  (single(r.headers['upload-concat']) ?? '').startsWith('final;');
const isFinalHead = (response: ProxyResponse, r: ProxyRequest) =>
  r.method === 'HEAD' && (single(response.headers['upload-concat']) ?? '').startsWith('final;');

/** Remembers the ids of the final uploads created through the proxy. */
function finalIds(): {
  learn(response: ProxyResponse, request: ProxyRequest): void;
  has(id: string | undefined): boolean;
} {
  const ids = new Set<string>();
  return {
    learn(response, request) {
      const location = single(response.headers.location);
      if (isFinalCreation(request) && response.status === 201 && location !== undefined) {
        ids.add(new URL(location, 'http://proxy.invalid').pathname.split('/').pop() ?? '');
      }
    },
    has: (id) => id !== undefined && ids.has(id),
  };
}

export function concatenationFaults(): Fault[] {
  const patched = finalIds();
  const downloaded = finalIds();
  return [
    {
      id: 'concat-final-length-wrong',
      breaks: 'HEAD of a final upload reports a length other than the sum of its partials',
      expect:
        /^concatenation is advertised but not honoured: .*Upload-Length is \d+, expected \d+, the sum of its partials/,
      onResponse: (res, req) => {
        const length = single(res.headers['upload-length']);
        if (isFinalHead(res, req) && length !== undefined) {
          res.headers['upload-length'] = String(Number(length) + 1);
        }
      },
    },
    {
      id: 'concat-patch-final-accepted',
      breaks: 'a PATCH on a final upload is accepted (204) instead of 403',
      expect:
        /^concatenation is advertised but not honoured: PATCH at offset \d+ on a final upload: expected status 403, got 204/,
      onRequest: (req) => {
        const id = path(req).split('/').pop();
        if (req.method !== 'PATCH' || !patched.has(id)) return undefined;
        const offset = Number(single(req.headers['upload-offset']) ?? '0');
        const length = Number(single(req.headers['content-length']) ?? '0');
        return {
          status: 204,
          headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset + length) },
          body: Buffer.alloc(0),
        };
      },
      onResponse: (res, req) => patched.learn(res, req),
    },
    {
      id: 'concat-head-without-upload-concat',
      breaks: 'HEAD of partial and final uploads without Upload-Concat',
      expect: /^concatenation is advertised but not honoured: .*missing Upload-Concat header/,
      onResponse: (res, req) => {
        if (req.method === 'HEAD') delete res.headers['upload-concat'];
      },
    },
    {
      id: 'concat-unfinished-offset-shown',
      breaks: 'HEAD of an unfinished final upload reports an Upload-Offset',
      expect:
        /^concatenation-unfinished is advertised but not honoured: HEAD of an unfinished final upload carries Upload-Offset/,
      onResponse: (res, req) => {
        const length = single(res.headers['upload-length']);
        if (isFinalHead(res, req) && res.headers['upload-offset'] === undefined && length) {
          res.headers['upload-offset'] = length;
        }
      },
    },
    {
      id: 'concat-unfinished-downloadable',
      breaks: 'a final upload is downloadable before its partials are complete',
      expect:
        /^concatenation-unfinished is advertised but not honoured: download of an unfinished final upload .*expected status 204, got 200/,
      onResponse: (res, req) => {
        downloaded.learn(res, req);
        const id = path(req).split('/').pop();
        if (req.method === 'GET' && !path(req).startsWith(FILES) && downloaded.has(id)) {
          if (res.status === 204) {
            res.status = 200;
            res.body = Buffer.from('not yet');
          }
        }
      },
    },
    {
      id: 'concat-final-refused',
      breaks: 'concatenation advertised, but a final upload is refused (400)',
      expect:
        /^concatenation is advertised but not honoured: POST of a final upload .*expected status 201, got 400/,
      onRequest: (req) =>
        isFinalCreation(req)
          ? {
              status: 400,
              headers: { 'tus-resumable': '1.0.0', 'content-type': 'application/json' },
              body: Buffer.from('{"errors":[{"code":"INVALID_REQUEST","title":"Bad request"}]}'),
            }
          : undefined,
    },
    {
      id: 'concat-partial-twice-accepted',
      breaks: 'a final upload listing a partial twice is accepted',
      expect:
        /^concatenation is advertised but not honoured: POST of a final upload of a partial listed twice: expected status 400, got 201/,
      onRequest: (req) => {
        if (isFinalCreation(req)) {
          const urls = (single(req.headers['upload-concat']) ?? '').slice('final;'.length);
          req.headers['upload-concat'] =
            `final;${[...new Set(urls.trim().split(/\s+/))].join(' ')}`;
        }
        return undefined;
      },
    },
  ];
}
