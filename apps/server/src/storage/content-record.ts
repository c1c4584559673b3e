/**
 * One temp content. Every content is an upload: a plain POST is a creation-with-upload done
 * in one request, a tus upload fills the same record chunk by chunk.
 */
export interface ContentRecord {
  /** Random id (>= 122 bits), also the tus upload id. */
  id: string;
  /** Tenant of the token that created it; other tenants must get 404. */
  tenant: string;
  /** Subject of the token that created it (`CreatorID`). */
  creatorId: string;
  /** File name given at creation; '' when none was given. */
  name: string;
  /** Media type declared at creation, served back on download. */
  contentType: string;
  /** Declared total length in bytes; null while a tus upload defers its length. */
  size: number | null;
  /** Bytes received so far; the content is complete when `offset === size`. */
  offset: number;
  ttlSeconds: number;
  createdAt: Date;
  updatedAt: Date;
  /** createdAt + ttlSeconds: TTL counts from creation, not from completion. */
  expiresAt: Date;
  /** Its part in tus concatenation; absent for an ordinary content. */
  concat?: ConcatRole;
}

/**
 * tus concatenation: a partial upload is an ordinary upload marked as such; a final upload lists
 * its partials (ids, in order, and the URLs as the client sent them, echoed by HEAD) and gets a
 * copy of their bytes once all of them are complete.
 */
export type ConcatRole =
  | { kind: 'partial' }
  | { kind: 'final'; partialIds: string[]; partialUrls: string[] };

export function isComplete(record: ContentRecord): boolean {
  return record.size !== null && record.offset === record.size;
}

export function isExpired(record: ContentRecord, now: Date): boolean {
  return record.expiresAt.getTime() <= now.getTime();
}
