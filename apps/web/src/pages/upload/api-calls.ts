/**
 * The page's own API calls besides the tus upload: details and downloads, same origin, with the
 * pasted token. A failure is thrown as an {@link ErrorReport} built from the error envelope.
 */
import { API_PATHS, type DetailResponse } from '@temp-contents/contract';
import { readToken } from '../token-store.js';
import { type ErrorReport, localReport, reportFromResponse } from './error-report.js';

export class ApiCallError extends Error {
  constructor(readonly report: ErrorReport) {
    super(report.title);
  }
}

/** Absolute URL of a content's download (what "Copy link" copies). */
export function contentUrl(id: string): string {
  return new URL(API_PATHS.content.replace('{id}', encodeURIComponent(id)), location.origin).href;
}

async function call(url: string): Promise<Response> {
  const token = readToken();
  if (token === undefined) throw new ApiCallError(localReport('No token', 'Paste a token first.'));
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiCallError(reportFromResponse(0, undefined));
  }
  if (response.status !== 200) {
    throw new ApiCallError(reportFromResponse(response.status, await response.text()));
  }
  return response;
}

export async function fetchDetails(id: string): Promise<DetailResponse> {
  const url = new URL(API_PATHS.details.replace('{id}', encodeURIComponent(id)), location.origin);
  return (await (await call(url.href)).json()) as DetailResponse;
}

/**
 * The content's bytes as a Blob typed as the server typed them. A link cannot carry the bearer
 * token, so downloads go through fetch and an object URL.
 */
export async function fetchContent(id: string, inline: boolean): Promise<Blob> {
  const url = new URL(contentUrl(id));
  if (inline) url.searchParams.set('inline', '1');
  return (await call(url.href)).blob();
}
