import { randomBytes } from 'node:crypto';

/** 128 random bits as 32 lowercase hex digits (the spec asks for at least 122). */
export function newContentId(): string {
  return randomBytes(16).toString('hex');
}

/** Cheap shape check, so malformed ids answer 404 without touching storage. */
export function isContentId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}
