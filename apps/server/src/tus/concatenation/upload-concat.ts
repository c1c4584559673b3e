import type { IncomingHttpHeaders } from 'node:http';
import { API_PATHS } from '@temp-contents/contract';
import { isContentId } from '../../contents/content-id.js';
import { ApiError } from '../../errors/api-error.js';

/** What a creation's `Upload-Concat` asks for. */
export type UploadConcat =
  | { kind: 'partial' }
  | { kind: 'final'; partials: Array<{ url: string; id: string }> };

/**
 * concatenation: "The Client MUST set the Upload-Concat header to `partial`" for a partial upload,
 * and to "`final;` followed by a list of the partial uploads' URLs" (space-separated, in order)
 * for a final one. Each URL must name an upload of this server: absolute as in our `Location`
 * (`origin` is that of the request, plus the path prefix of `TC_PUBLIC_URL`), or a path.
 * Duplicates are refused: the client asked for something it cannot have meant. Whether the ids
 * exist is judged later, with the tenant.
 */
export function readUploadConcat(
  headers: IncomingHttpHeaders,
  origin: string,
): UploadConcat | undefined {
  const raw = headers['upload-concat'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (value === 'partial') return { kind: 'partial' };
  if (!value.startsWith('final;')) {
    throw invalid(
      `Upload-Concat must be "partial" or "final;<url> <url> ...", not "${cut(value)}".`,
    );
  }
  const urls = value
    .slice('final;'.length)
    .trim()
    .split(/[ \t]+/)
    .filter(Boolean);
  if (urls.length === 0) throw invalid('Upload-Concat: final lists no partial upload.');
  const seen = new Set<string>();
  const partials = urls.map((url) => {
    const id = uploadIdOf(url, origin);
    if (id === undefined) {
      throw invalid(`Upload-Concat: "${cut(url)}" is not an upload URL of this server.`);
    }
    if (seen.has(id)) throw invalid(`Upload-Concat: "${cut(url)}" is listed twice.`);
    seen.add(id);
    return { url, id };
  });
  return { kind: 'final', partials };
}

/** The upload id in `url`, an absolute URL on `origin` or a path; undefined for anything else. */
function uploadIdOf(url: string, origin: string): string | undefined {
  const base = new URL(origin);
  const prefix = base.pathname.replace(/\/+$/, '');
  let path: string;
  if (url.startsWith('/') && !url.startsWith('//')) {
    path = url;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.origin !== base.origin || parsed.search !== '' || parsed.hash !== '') {
      return undefined;
    }
    path = parsed.pathname;
  }
  for (const root of new Set([`${prefix}${API_PATHS.tusFiles}/`, `${API_PATHS.tusFiles}/`])) {
    if (path.startsWith(root)) {
      const id = path.slice(root.length);
      return isContentId(id) ? id : undefined;
    }
  }
  return undefined;
}

export function invalid(detail: string): ApiError {
  return new ApiError('INVALID_UPLOAD_CONCAT', detail);
}

function cut(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
