import { checkFilename, checkTtl } from '../contents/upload-params.js';
import { ApiError } from '../errors/api-error.js';

/**
 * `Upload-Metadata` (tus 1.0.0, creation extension): "one or more comma-separated key-value
 * pairs. The key and value MUST be separated by a space. The key MUST NOT contain spaces and
 * commas and MUST NOT be empty. [...] the value MUST be Base64 encoded. All keys MUST be unique."
 *
 * We read it more leniently than @tus/server (whose parser rejects `a YQ==, b Yg==` and unpadded
 * Base64): whitespace around commas and between key and value is tolerated, padding is optional.
 * Values stay Base64 (`raw`), so keys we do not use pass through to @tus/server untouched.
 */
export interface MetadataPair {
  key: string;
  /** The value as sent (Base64, maybe unpadded), or null for a key without value. */
  raw: string | null;
}

const KEY = /^[\x21-\x2b\x2d-\x7e]+$/; // printable ASCII without space and comma
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseUploadMetadata(header: string): MetadataPair[] {
  const pairs: MetadataPair[] = [];
  if (header.trim() === '') return pairs;
  const seen = new Set<string>();
  for (const item of header.split(',')) {
    const tokens = item.trim().split(/[ \t]+/);
    const [key, raw, extra] = tokens;
    if (key === undefined || key === '' || !KEY.test(key) || extra !== undefined) {
      throw invalid(`"${truncate(item.trim())}" is not a "key base64value" pair.`);
    }
    if (seen.has(key)) throw invalid(`Key "${key}" appears more than once.`);
    seen.add(key);
    // A plain decimal is tolerated (ttl, as some clients send it); readCreationMetadata decides.
    if (raw !== undefined && !isBase64(raw) && !/^[0-9]+$/.test(raw)) {
      throw invalid(`The value of "${key}" is not Base64.`);
    }
    pairs.push({ key, raw: raw ?? null });
  }
  return pairs;
}

/**
 * The pairs in the canonical form @tus/server's strict parser accepts (padded Base64), with
 * `ttl` rewritten as the Base64 of the value we read (it may have come as a plain decimal).
 */
export function stringifyUploadMetadata(
  pairs: readonly MetadataPair[],
  ttlSeconds: number,
): string {
  return pairs
    .map(({ key, raw }) => {
      if (key === 'ttl') return `ttl ${Buffer.from(String(ttlSeconds)).toString('base64')}`;
      return raw === null ? key : `${key} ${Buffer.from(raw, 'base64').toString('base64')}`;
    })
    .join(',');
}

/** What a creation request's metadata means to us; unknown keys are ignored. */
export interface CreationMetadata {
  /** '' when no `filename` was given. */
  name: string;
  ttlSeconds: number;
}

/**
 * `filename` and `ttl` follow the plain upload's rules (checkFilename, checkTtl). `filetype`
 * is ignored like any other key: the spec says the server derives the served type from the
 * name, whatever the client declares.
 */
export function readCreationMetadata(pairs: readonly MetadataPair[]): CreationMetadata {
  const byKey = new Map(pairs.map((pair) => [pair.key, pair.raw]));
  let filename: string | undefined;
  if (byKey.has('filename')) {
    const raw = byKey.get('filename') ?? null;
    filename = raw === null ? '' : decodeUtf8(raw);
    if (filename === undefined) throw invalid('filename is not valid UTF-8.');
    // A `filename` key sent without a value is a client mistake in tus metadata (unlike an
    // empty query parameter, which clients send for "no name").
    if (filename === '') throw invalid('filename must not be empty.');
  }
  const name = checkFilename(filename);
  if (!name.ok) throw invalid(name.reason);
  const ttl = checkTtl(byKey.has('ttl') ? readTtlText(byKey.get('ttl') ?? null) : undefined);
  if (!ttl.ok) throw invalid(`${ttl.reason} (Base64 or plain decimal)`);
  return { name: name.value, ttlSeconds: ttl.value };
}

/**
 * The `ttl` value, Base64 as tus requires or a plain decimal as some clients send. The two
 * cannot be confused: Base64 of an ASCII digit always starts with `M`, `N` or `O`, so a string of
 * digits is never the Base64 form of a number.
 */
function readTtlText(raw: string | null): string {
  if (raw === null) return '';
  return /^[0-9]+$/.test(raw) ? raw : (decodeUtf8(raw) ?? '');
}

function isBase64(value: string): boolean {
  // Unpadded Base64 is accepted; a length of 4n+1 can never be Base64.
  return BASE64.test(value) && value.replace(/=+$/, '').length % 4 !== 1;
}

function decodeUtf8(raw: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'base64'));
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function invalid(detail: string): ApiError {
  return new ApiError('INVALID_UPLOAD_METADATA', `Upload-Metadata: ${detail}`);
}
