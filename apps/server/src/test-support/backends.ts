import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import './scale-out-services.global.js';

/** The storage backends every backend-neutral suite runs against. */
export const BACKENDS = ['fs', 's3'] as const;
export type BackendKind = (typeof BACKENDS)[number];

/**
 * The environment of a fresh scale-out deployment on the test run's shared services: a new
 * bucket and a Redis key prefix of its own, so deployments never see each other's contents.
 * Also sets the AWS credentials in this process, for stores opened in-process.
 */
export async function scaleOutEnv(): Promise<Record<string, string>> {
  const services = inject('scaleOut');
  const credentials = {
    AWS_ACCESS_KEY_ID: services.accessKeyId,
    AWS_SECRET_ACCESS_KEY: services.secretAccessKey,
    AWS_REGION: services.region,
  };
  Object.assign(process.env, credentials);
  const bucket = `tc-${randomBytes(8).toString('hex')}`;
  const s3 = new S3Client({
    endpoint: services.endpoint,
    region: services.region,
    forcePathStyle: true,
    credentials: { accessKeyId: services.accessKeyId, secretAccessKey: services.secretAccessKey },
  });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    s3.destroy();
  }
  return {
    TC_STORAGE: 's3',
    TC_S3_BUCKET: bucket,
    TC_S3_ENDPOINT: services.endpoint,
    TC_S3_REGION: services.region,
    TC_S3_FORCE_PATH_STYLE: 'true',
    TC_REDIS_URL: services.redisUrl,
    TC_REDIS_PREFIX: `${bucket}:`,
    ...credentials,
  };
}

/** The environment a test app or server process needs for `backend`. */
export async function backendEnv(backend: BackendKind): Promise<Record<string, string>> {
  return backend === 'fs' ? {} : scaleOutEnv();
}
