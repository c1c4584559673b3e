import type { ContentRecord } from '../content-record.js';

/** A record as stored in the bucket and cached in Redis: dates as epoch milliseconds. */
type RecordJson = Omit<ContentRecord, 'createdAt' | 'updatedAt' | 'expiresAt'> & {
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
};

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
    ...json,
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
    expiresAt: new Date(json.expiresAt),
  };
}
