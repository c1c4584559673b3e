import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ContentRecord } from '../content-record.js';
import { recordFromJson, recordToJson } from './record-json.js';

const RECORDS = 'records/';
const EXPIRY = 'expiry/';
const AWAITING = 'concat-waiting/';
/** Epoch milliseconds fit in 15 digits until the year 33658: keys sort by time as strings. */
const EXPIRY_DIGITS = 15;

/**
 * The source of truth for records: one JSON object per content (`records/<id>.json`), next to
 * the bytes that @tus/s3-store keeps under `<id>`. Each record also has an empty marker
 * `expiry/<expiresAt, zero-padded ms>/<id>`, so that the expiry index is rebuilt after Redis
 * lost its data with one LIST per 1000 contents instead of one GET per record, and in
 * expiry order.
 */
export class BucketRecords {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /**
   * Writes a new record, then its expiry marker; fails when the id exists (conditional PUT, as
   * ids must be unique), before any marker is written for it.
   */
  async create(record: ContentRecord): Promise<void> {
    await this.save(record, { onlyIfNew: true });
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: expiryKey(record.id, record.expiresAt.getTime()),
        Body: '',
        // The SDK sets no Content-Length for an empty body, and Node then sends it chunked,
        // which AWS S3 refuses for PutObject (501); self-hosted gateways let it pass.
        ContentLength: 0,
      }),
    );
  }

  /** Replaces a record (its size became known, or it completed). */
  async save(record: ContentRecord, { onlyIfNew = false } = {}): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: recordKey(record.id),
        Body: recordToJson(record),
        ContentType: 'application/json',
        ...(onlyIfNew ? { IfNoneMatch: '*' } : {}),
      }),
    );
  }

  async get(id: string): Promise<ContentRecord | undefined> {
    try {
      const answer = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: recordKey(id) }),
      );
      return recordFromJson(
        await (answer.Body as { transformToString(): Promise<string> }).transformToString(),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Deletes the record and, when its expiry is known, its expiry marker; missing objects are
   * fine.
   */
  async delete(id: string, expiresAtMs: number | undefined): Promise<void> {
    const keys = [
      recordKey(id),
      ...(expiresAtMs === undefined ? [] : [expiryKey(id, expiresAtMs)]),
    ];
    await this.s3.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }

  /**
   * concatenation-unfinished: an empty marker `concat-waiting/<partialId>/<finalId>` per
   * partial a final upload waits for, so that the replica completing a partial finds the final
   * with one LIST, also after Redis lost its data.
   */
  async awaitPartials(finalId: string, partialIds: readonly string[]): Promise<void> {
    for (const partialId of partialIds) {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: awaitingKey(partialId, finalId),
          Body: '',
          ContentLength: 0,
        }),
      );
    }
  }

  async finalsAwaiting(partialId: string): Promise<string[]> {
    const finals: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${AWAITING}${partialId}/`,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      for (const object of page.Contents ?? []) {
        const finalId = (object.Key ?? '').split('/')[2];
        if (finalId !== undefined && finalId !== '') finals.push(finalId);
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return finals;
  }

  async stopAwaiting(finalId: string, partialIds: readonly string[]): Promise<void> {
    if (partialIds.length === 0) return;
    await this.s3.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: {
          Objects: partialIds.map((partialId) => ({ Key: awaitingKey(partialId, finalId) })),
          Quiet: true,
        },
      }),
    );
  }

  /** Every (id, expiresAt) the bucket knows, oldest first, page by page. */
  async *expiries(): AsyncGenerator<{ id: string; expiresAt: number }[]> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: EXPIRY,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      const entries = [];
      for (const object of page.Contents ?? []) {
        const [, at, id] = (object.Key ?? '').split('/');
        if (at !== undefined && id !== undefined && /^[0-9]+$/.test(at)) {
          entries.push({ id, expiresAt: Number(at) });
        }
      }
      yield entries;
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }
}

function recordKey(id: string): string {
  return `${RECORDS}${id}.json`;
}

function awaitingKey(partialId: string, finalId: string): string {
  return `${AWAITING}${partialId}/${finalId}`;
}

function expiryKey(id: string, expiresAtMs: number): string {
  return `${EXPIRY}${String(expiresAtMs).padStart(EXPIRY_DIGITS, '0')}/${id}`;
}

/** NoSuchKey / NotFound / 404 from any S3-compatible store. */
export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NotFound' ||
    e?.Code === 'NoSuchKey' ||
    e?.$metadata?.httpStatusCode === 404
  );
}
