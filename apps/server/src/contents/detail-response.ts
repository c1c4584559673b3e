import type { DetailResponse } from '@temp-contents/contract';
import type { ContentRecord } from '../storage/content-record.js';

/** The wire form of a record: `Size` as a decimal string, RFC 3339 UTC times, subject as creator. */
export function toDetailResponse(record: ContentRecord): DetailResponse {
  return {
    ID: record.id,
    Name: record.name,
    Size: String(record.size ?? record.offset),
    Expires: record.expiresAt.toISOString(),
    CreatedAt: record.createdAt.toISOString(),
    CreatorID: record.creatorId,
    UpdatedAt: record.updatedAt.toISOString(),
    TTLSeconds: record.ttlSeconds,
  };
}
