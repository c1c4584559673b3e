import type { ContentRecord } from '../content-record.js';

/** A record as stored in the bucket and cached in Redis: dates as epoch milliseconds. */
interface RecordJson {
  id: string;
  tenant: string;
  creatorId: string;
  name: string;
  contentType: string;
  size: number | null;
  offset: number;
  ttlSeconds: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export function recordToJson(record: ContentRecord): string {
  const json: RecordJson = {
    ...record,
    createdAt: record.createdAt.getTime(),
    updatedAt: record.updatedAt.getTime(),
    expiresAt: record.expiresAt.getTime(),
  };
  return JSON.stringify(json);
}

export function recordFromJson(text: string): ContentRecord {
  const json = JSON.parse(text) as RecordJson;
  return {
    id: json.id,
    tenant: json.tenant,
    creatorId: json.creatorId,
    name: json.name,
    contentType: json.contentType,
    size: json.size,
    offset: json.offset,
    ttlSeconds: json.ttlSeconds,
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
    expiresAt: new Date(json.expiresAt),
  };
}
