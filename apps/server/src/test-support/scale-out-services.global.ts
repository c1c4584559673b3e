import { startObjectStore, startRedis } from '@temp-contents/stack';
import type { TestProject } from 'vitest/node';

/**
 * One object store (versitygw) and one Redis for the whole server test run, so every suite
 * that runs against both backends reaches real scale-out services; each test app then takes a
 * bucket and a Redis key prefix of its own (`scaleOutEnv`).
 */
export default async function setup(project: TestProject) {
  const [objects, redis] = await Promise.all([startObjectStore(), startRedis()]);
  project.provide('scaleOut', {
    endpoint: objects.endpoint,
    region: objects.region,
    accessKeyId: objects.accessKeyId,
    secretAccessKey: objects.secretAccessKey,
    redisUrl: redis.url,
  });
  return async () => {
    await Promise.all([objects.stop(), redis.stop()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    scaleOut: {
      endpoint: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      redisUrl: string;
    };
  }
}
