import type { RangeDecision } from '../http/range.js';

/**
 * One plain byte range, the only `Range` form that nginx's range filter and `http/range.ts`
 * read the same way (several ranges: nginx answers multipart, we the whole content; huge
 * numbers: their overflow rules differ).
 */
const PLAIN_RANGE = /^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$/;

/**
 * True when nginx, given `X-Accel-Redirect`, answers a GET exactly as we would: the whole
 * content without `Range`, or the one range we decided to serve. `If-Range` stays with us (its
 * comparison rules are ours to keep), and so does every status nginx cannot know: 204, 404,
 * 410, 416 are decided before this is asked.
 */
export function nginxCanServe(
  headers: { range?: string | undefined; 'if-range'?: string | string[] | undefined },
  decision: RangeDecision,
): boolean {
  if (headers['if-range'] !== undefined) return false;
  if (headers.range === undefined) return decision.kind === 'full';
  return decision.kind === 'partial' && PLAIN_RANGE.test(headers.range);
}
