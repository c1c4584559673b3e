import { FILENAME_MAX_BYTES, TTL_SECONDS } from '@temp-contents/contract';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * `ttl` as sent in a query string or tus metadata: decimal digits only, 1..259200, 3600 when
 * absent. "1e3", "+5", "5.0" and repeated parameters are rejected, not coerced.
 */
export function checkTtl(raw: unknown): Checked<number> {
  if (raw === undefined) return { ok: true, value: TTL_SECONDS.default };
  const value = typeof raw === 'string' && /^[0-9]{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= TTL_SECONDS.min && value <= TTL_SECONDS.max)) {
    return {
      ok: false,
      reason: `ttl must be an integer from ${TTL_SECONDS.min} to ${TTL_SECONDS.max} seconds.`,
    };
  }
  return { ok: true, value };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `filename`: '' when absent; otherwise 1..255 UTF-8 bytes, well-formed Unicode, no control
 * characters (U+0000-U+001F, U+007F) and no path separators, so it can always be offered back
 * in Content-Disposition and never names a path.
 */
export function checkFilename(raw: unknown): Checked<string> {
  // An empty value counts as absent: clients that pass an empty string send `filename=`.
  if (raw === undefined || raw === '') return { ok: true, value: '' };
  if (typeof raw !== 'string') return { ok: false, reason: 'filename must be given once.' };
  if (Buffer.byteLength(raw, 'utf8') > FILENAME_MAX_BYTES) {
    return { ok: false, reason: `filename must be at most ${FILENAME_MAX_BYTES} bytes in UTF-8.` };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f/\\]/.test(raw)) {
    return { ok: false, reason: 'filename must not contain control characters, / or \\.' };
  }
  if (LONE_SURROGATE.test(raw)) {
    return { ok: false, reason: 'filename must be well-formed Unicode.' };
  }
  return { ok: true, value: raw };
}
