import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { type Managed, startManaged, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { requireBinary } from './required-binary.js';
import { makeTempDir } from './temp-dir.js';

/** The repository root, three levels above this file (src/ or dist/ of tools/stack). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where scripts/install-scale-out-deps.sh builds versitygw (a pinned `go install`). */
export function versitygwPath(): string {
  return process.env.VERSITYGW_BIN ?? path.join(REPO_ROOT, '.tools', 'bin', 'versitygw');
}

export interface RunningObjectStore extends AsyncDisposable {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The posix root: one directory per bucket. */
  dataDir: string;
  pid: number | undefined;
  /** What a server needs to use this store: TC_S3_* and the AWS credential chain's variables. */
  env: Record<string, string>;
  /** Another bucket on the same gateway (tests isolate themselves with one each). */
  createBucket(name: string): Promise<void>;
  /** An S3 client with the root credentials (close it with `destroy()`). */
  client(): S3Client;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/**
 * versitygw (an S3-compatible gateway, Apache-2.0) over a fresh temp directory, on a free
 * loopback port, with one bucket created through the S3 API. Real multipart, ranged GETs and
 * presigned URLs: nothing is mocked.
 */
export async function startObjectStore(
  options: { bucket?: string } = {},
): Promise<RunningObjectStore> {
  const binary = requireBinary('versitygw', versitygwPath(), 'VERSITYGW_BIN');
  const data = await makeTempDir('tc-objects-');
  const dataDir = data.path;
  const accessKeyId = `tc${randomBytes(8).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  const region = 'us-east-1';
  const bucket = options.bucket ?? 'temp-contents';

  const clientOf = (endpoint: string, maxAttempts?: number) =>
    new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts,
    });

  let managed: Managed | undefined;
  let endpoint = '';
  // A port picked free can be taken before the gateway binds it: try a few.
  for (let attempt = 0; managed === undefined; attempt++) {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    const candidate = startManaged(
      binary,
      ['--port', `127.0.0.1:${port}`, '--region', region, '--quiet', 'posix', dataDir],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ROOT_ACCESS_KEY: accessKeyId,
          ROOT_SECRET_KEY: secretAccessKey,
        },
      },
    );
    // Ready when it accepts a signed request: only the gateway started with these fresh
    // credentials does (another run's versitygw may take the port between picking and binding).
    const probe = clientOf(endpoint, 1);
    try {
      await waitUntilReady(`versitygw on port ${port}`, candidate, async () => {
        await probe.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(2000) });
        return true;
      });
      managed = candidate;
    } catch (error) {
      if (attempt >= 2) {
        await data.remove();
        throw error;
      }
    } finally {
      probe.destroy();
    }
  }

  const client = () => clientOf(endpoint);
  const createBucket = async (name: string) => {
    const s3 = client();
    try {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    } finally {
      s3.destroy();
    }
  };
  const running = managed;
  const stop = async () => {
    await running.stop();
    await data.remove();
  };
  try {
    await createBucket(bucket);
  } catch (error) {
    await stop();
    throw new Error(`versitygw did not create bucket ${bucket}: ${String(error)}`);
  }
  return {
    endpoint,
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    dataDir,
    pid: running.pid,
    env: {
      TC_S3_ENDPOINT: endpoint,
      TC_S3_BUCKET: bucket,
      TC_S3_REGION: region,
      TC_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_REGION: region,
    },
    createBucket,
    client,
    stop,
    kill9: () => running.kill9(),
    [Symbol.asyncDispose]: stop,
  };
}
