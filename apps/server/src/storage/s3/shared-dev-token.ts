import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from './bucket-records.js';

const KEY = 'dev-token';
const TOKEN = /^[A-Za-z0-9_-]{20,}$/;

/**
 * The development token of a bucket: created once (a conditional PUT, so replicas starting at
 * the same moment agree on one) and read back by every replica, so a zero-config scale-out
 * deployment accepts the same token on every replica. Anyone who can read the bucket can read
 * it: it is for development only, like the data dir's `dev-token` file.
 */
export async function ensureSharedDevToken(
  s3: S3Client,
  bucket: string,
): Promise<{ token: string; created: boolean }> {
  const existing = await read(s3, bucket);
  if (existing !== undefined) return { token: existing, created: false };
  const token = `dev_${randomBytes(24).toString('base64url')}`;
  try {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: `${token}\n`, IfNoneMatch: '*' }),
    );
    return { token, created: true };
  } catch (error) {
    // Another replica won the race (412 Precondition Failed, or 409 while its PUT is running).
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 412 && status !== 409) throw error;
    for (let attempt = 0; attempt < 50; attempt++) {
      const winner = await read(s3, bucket);
      if (winner !== undefined) return { token: winner, created: false };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the development token in bucket "${bucket}" could not be read`);
  }
}

async function read(s3: S3Client, bucket: string): Promise<string | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: KEY }));
    const text = (
      await (answer.Body as { transformToString(): Promise<string> }).transformToString()
    ).trim();
    return TOKEN.test(text) ? text : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
