import { freePort } from './free-port.js';
import { type RunningBalancer, startBalancer } from './nginx.js';
import { type RunningObjectStore, startObjectStore } from './object-store.js';
import { type RunningRedis, startRedis } from './redis.js';
import { type RunningReplica, startReplica } from './replica.js';
import { makeTempDir } from './temp-dir.js';

export interface DeploymentOptions {
  replicas: number;
  /** `s3`: one bucket and one Redis shared by all; `fs`: a data dir each (no shared state). */
  storage: 'fs' | 's3';
  /** Extra server settings for every replica (tokens, rate limits, sweep interval...). */
  env?: Record<string, string>;
}

export interface Deployment extends AsyncDisposable {
  /** The balancer: what clients use. */
  baseUrl: string;
  replicas: RunningReplica[];
  balancer: RunningBalancer;
  redis: RunningRedis | undefined;
  objectStore: RunningObjectStore | undefined;
  /** The development token, when no auth was configured (shared by every s3 replica). */
  devToken: string | undefined;
  close(): Promise<void>;
}

/**
 * N replicas of the built server behind nginx, on real shared infrastructure: the topology of
 * docs/deployment.md, on loopback. Each replica keeps its port across restarts, so the
 * balancer's list stays right.
 */
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  /** Registers each for cleanup as soon as it is up; throws the first failure once all are done. */
  const allStarted = async <T extends readonly Promise<{ stop(): Promise<void> }>[]>(
    starting: T,
  ): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> => {
    const settled = await Promise.allSettled(
      starting.map((promise) =>
        promise.then((service) => {
          cleanups.push(() => service.stop());
          return service;
        }),
      ),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
      -readonly [K in keyof T]: Awaited<T[K]>;
    };
  };
  try {
    let shared: Record<string, string> = {};
    let redis: RunningRedis | undefined;
    let objectStore: RunningObjectStore | undefined;
    if (options.storage === 's3') {
      [objectStore, redis] = await allStarted([startObjectStore(), startRedis()] as const);
      shared = { ...objectStore.env, TC_STORAGE: 's3', TC_REDIS_URL: redis.url };
    }
    // allSettled: when one fails, the others finish starting and are registered for cleanup
    // before the deployment is torn down (Promise.all would leave late starters running).
    const settled = await Promise.allSettled(
      Array.from({ length: options.replicas }, async () => {
        const own: Record<string, string> = {};
        if (options.storage === 'fs') {
          const data = await makeTempDir('tc-replica-');
          cleanups.push(() => data.remove());
          own.TC_DATA_DIR = data.path;
        }
        // A fixed port, so restarts keep the balancer's list right; one picked free can be
        // taken before the replica binds it: try a few.
        for (let attempt = 0; ; attempt++) {
          own.PORT = String(await freePort());
          try {
            const replica = await startReplica({
              TC_LOG_LEVEL: 'warn',
              // nginx drops request trailers: the replicas must not offer checksum-trailer.
              TC_TUS_CHECKSUM_TRAILER: 'off',
              ...shared,
              ...options.env,
              ...own,
            });
            cleanups.push(() => replica.terminate());
            return replica;
          } catch (error) {
            if (attempt >= 2) throw error;
          }
        }
      }),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const replicas = settled.map(
      (result) => (result as PromiseFulfilledResult<RunningReplica>).value,
    );
    const balancer = await startBalancer({ upstreams: replicas.map((r) => r.baseUrl) });
    cleanups.push(() => balancer.stop());
    const devToken = /Bearer (dev_[A-Za-z0-9_-]+)/.exec(replicas[0]?.output() ?? '')?.[1];
    return {
      baseUrl: balancer.baseUrl,
      replicas,
      balancer,
      redis,
      objectStore,
      devToken,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
