import { createHash, randomBytes } from 'node:crypto';
import { type Deployment, startDeployment } from '@temp-contents/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../test-support/server-process.js';
import { TOKENS } from '../test-support/test-app.js';
import { slowPatch } from '../tus/test-support/slow-patch.js';
import { headThroughLock, TUS_AUTH, tusPatch } from '../tus/test-support/tus-http.js';

/**
 * The scale-out deployment as platform teams run it: two replicas of the built server on one
 * bucket (versitygw) and one Redis, behind nginx round-robin. Requests are sent to a chosen
 * replica where the test needs to know which one answers, and through the balancer otherwise.
 */

const KiB = 1024;
const FILES = '/api/v1/temp-contents/files';
const CONTENTS = '/api/v1/temp-contents';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A tenant of its own for the rate-limit test, so other tests do not spend its budget. */
const LIMITED = 'test-token-limited-dave';

let deployment: Deployment;
const replica = (i: number) => deployment.replicas[i]?.baseUrl as string;

beforeAll(async () => {
  ensureServerBuilt();
  deployment = await startDeployment({
    replicas: 2,
    storage: 's3',
    env: {
      TC_STATIC_TOKENS: `${TOKENS.alice}=acme:alice,${LIMITED}=limited:dave`,
      TC_SWEEP_INTERVAL_MS: '300',
      TC_LOG_LEVEL: 'info',
    },
  });
}, 180_000);
afterAll(async () => {
  await deployment?.close();
});

async function create(base: string, length: number, metadata?: string): Promise<string> {
  const response = await fetch(`${base}${FILES}`, {
    method: 'POST',
    headers: {
      ...TUS_AUTH,
      'upload-length': String(length),
      ...(metadata === undefined ? {} : { 'upload-metadata': metadata }),
    },
  });
  expect(response.status).toBe(201);
  return (response.headers.get('location') as string).split('/').pop() as string;
}

/** A tus PATCH sent to one chosen replica (or the balancer). */
function patchAt(base: string, id: string, offset: number, body: Buffer): Promise<Response> {
  return tusPatch(`${base}${FILES}/${id}`, offset, body);
}

describe('two replicas on one bucket and Redis, behind nginx', () => {
  it('uploads in chunks on alternating replicas; HEAD, ranges and details agree everywhere', async () => {
    const bytes = randomBytes(300 * KiB);
    const id = await create(deployment.baseUrl, bytes.length, 'filename YS5iaW4=');
    const chunks = [0, 100 * KiB, 200 * KiB, bytes.length];
    for (let i = 0; i + 1 < chunks.length; i++) {
      const [from, to] = [chunks[i] as number, chunks[i + 1] as number];
      const response = await patchAt(replica(i % 2), id, from, bytes.subarray(from, to));
      expect(response.status).toBe(204);
      expect(response.headers.get('upload-offset')).toBe(String(to));
      // The other replica sees the new offset at once.
      const head = await headThroughLock(`${replica((i + 1) % 2)}${FILES}/${id}`);
      expect(head.headers.get('upload-offset')).toBe(String(to));
    }
    for (const base of [replica(0), replica(1), deployment.baseUrl]) {
      const whole = await fetch(`${base}${CONTENTS}/${id}`, { headers: TUS_AUTH });
      expect(whole.status).toBe(200);
      expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(sha256(bytes));
      const ranged = await fetch(`${base}${CONTENTS}/${id}`, {
        headers: { ...TUS_AUTH, range: 'bytes=1000-1999' },
      });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
      const details = await fetch(`${base}${CONTENTS}/${id}/details`, { headers: TUS_AUTH });
      expect(await details.json()).toMatchObject({
        ID: id,
        Name: 'a.bin',
        Size: String(bytes.length),
      });
    }
  });

  it('two replicas receiving PATCHes for one upload at once: one winner, the other 409 or 423, bytes intact', async () => {
    const size = 256 * KiB;
    const id = await create(deployment.baseUrl, size);
    const payloads = [randomBytes(size), randomBytes(size)];
    const patches = payloads.map((bytes, i) =>
      slowPatch(
        `${replica(i)}${FILES}/${id}`,
        0,
        Array.from({ length: 16 }, (_, k) => bytes.subarray(k * 16 * KiB, (k + 1) * 16 * KiB)),
        { delayMs: 10 },
      ),
    );
    const answers = await Promise.all(patches.map((p) => p.response));
    const statuses = answers.map((a) => a?.status);
    for (const status of statuses) expect([204, 409, 423]).toContain(status);
    expect(statuses).toContain(204);
    const head = await headThroughLock(`${deployment.baseUrl}${FILES}/${id}`);
    const offset = Number(head.headers.get('upload-offset'));
    // What is stored is a prefix of exactly one payload; finish with that one.
    const finish = async (bytes: Buffer) => {
      if (offset === size) return;
      expect((await patchAt(deployment.baseUrl, id, offset, bytes.subarray(offset))).status).toBe(
        204,
      );
    };
    const download = async () =>
      Buffer.from(
        await (
          await fetch(`${deployment.baseUrl}${CONTENTS}/${id}`, { headers: TUS_AUTH })
        ).arrayBuffer(),
      );
    let stored: Buffer | undefined;
    for (const bytes of payloads) {
      if (offset < size) {
        const response = await patchAt(deployment.baseUrl, id, offset, bytes.subarray(offset));
        if (response.status !== 204) continue;
      } else await finish(bytes);
      stored = await download();
      break;
    }
    const matching = payloads.filter(
      (bytes) => stored !== undefined && sha256(stored) === sha256(bytes),
    );
    expect(matching).toHaveLength(1);
  });

  it('rate limits hold across replicas (one counter per tenant+subject in Redis)', async () => {
    // Tier 2 (plain upload) allows 100 a minute. Alternating replicas, per-process counters
    // would let all 101 through; shared ones answer 429 by the 101st.
    for (let attempt = 0; attempt < 2; attempt++) {
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 101; i++) {
        const response = await fetch(`${replica(i % 2)}${CONTENTS}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${LIMITED}` },
          body: 'x',
        });
        statuses.push(response.status);
        await response.arrayBuffer();
        if (response.status === 429) limited ??= response;
      }
      // A minute boundary inside the loop starts a new window: then try once more.
      if (limited === undefined && attempt === 0) continue;
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(100);
      expect(statuses.at(-1)).toBe(429);
      expect(limited?.headers.get('retry-after')).toMatch(/^[0-9]+$/);
      return;
    }
  });

  it('purges an expiring content exactly once while both replicas sweep', async () => {
    const created = await fetch(`${deployment.baseUrl}${CONTENTS}?ttl=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.alice}` },
      body: 'short-lived',
    });
    expect(created.status).toBe(201);
    const { ID: id } = (await created.json()) as { ID: string };
    await expect
      .poll(
        async () => (await fetch(`${replica(0)}${CONTENTS}/${id}`, { headers: TUS_AUTH })).status,
        { timeout: 20_000, interval: 200 },
      )
      .toBe(404);
    const purged = () =>
      deployment.replicas
        .flatMap((r) => r.output().split('\n'))
        .filter((line) => line.includes('"expired contents purged"'))
        .map((line) => (JSON.parse(line) as { removed: number }).removed)
        .reduce((a, b) => a + b, 0);
    // The log line follows the removal: on a busy machine it can come after the 404.
    await expect.poll(purged, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    // Several more sweeps of both replicas (300 ms apart) purge nothing more.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(purged()).toBe(1);
    const errors = deployment.replicas
      .flatMap((r) => r.output().split('\n'))
      .filter((line) => line.includes('"level":50') || line.includes('"expiry sweep failed"'));
    expect(errors).toEqual([]);
  });

  it('loses no completed content when Redis restarts empty', async () => {
    const bytes = randomBytes(64 * KiB);
    const created = await fetch(`${deployment.baseUrl}${CONTENTS}?filename=kept.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.alice}` },
      body: new Uint8Array(bytes),
    });
    expect(created.status).toBe(201);
    const { ID: id } = (await created.json()) as { ID: string };
    await deployment.redis?.restart({ empty: true });
    for (const base of [replica(0), replica(1)]) {
      await expect
        .poll(async () => (await fetch(`${base}${CONTENTS}/${id}`, { headers: TUS_AUTH })).status, {
          timeout: 20_000,
          interval: 200,
        })
        .toBe(200);
      const body = Buffer.from(
        await (await fetch(`${base}${CONTENTS}/${id}`, { headers: TUS_AUTH })).arrayBuffer(),
      );
      expect(sha256(body)).toBe(sha256(bytes));
      const details = await fetch(`${base}${CONTENTS}/${id}/details`, { headers: TUS_AUTH });
      expect(await details.json()).toMatchObject({ ID: id, Name: 'kept.bin' });
    }
  });

  it('a replica SIGKILLed mid-upload: the upload resumes through the other with an identical sha256', async () => {
    const bytes = randomBytes(512 * KiB);
    const id = await create(deployment.baseUrl, bytes.length);
    expect((await patchAt(replica(0), id, 0, bytes.subarray(0, 128 * KiB))).status).toBe(204);
    const inFlight = slowPatch(
      `${replica(0)}${FILES}/${id}`,
      128 * KiB,
      Array.from({ length: 8 }, (_, k) =>
        bytes.subarray(128 * KiB + k * 16 * KiB, 128 * KiB + (k + 1) * 16 * KiB),
      ),
      { delayMs: 5, stall: true },
    );
    await inFlight.sent;
    await deployment.replicas[0]?.kill9();
    expect(await inFlight.response).toBeUndefined();
    // The dead replica's lock lapses after its lease; the survivor answers 423 until then.
    const head = await headThroughLock(`${replica(1)}${FILES}/${id}`);
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(128 * KiB);
    expect(offset).toBeLessThanOrEqual(256 * KiB);
    const resumed = await patchAt(replica(1), id, offset, bytes.subarray(offset));
    expect(resumed.status).toBe(204);
    await deployment.replicas[0]?.restart();
    for (const base of [replica(0), replica(1)]) {
      const download = await fetch(`${base}${CONTENTS}/${id}`, { headers: TUS_AUTH });
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    }
  });
});

describe('a zero-config scale-out start', () => {
  it('gives every replica the one development token, kept in the bucket', async () => {
    const zeroConfig = await startDeployment({ replicas: 2, storage: 's3' });
    try {
      const tokens = zeroConfig.replicas.map(
        (r) => /Bearer (dev_[A-Za-z0-9_-]+)/.exec(r.output())?.[1],
      );
      expect(tokens[0]).toMatch(/^dev_/);
      expect(tokens[1]).toBe(tokens[0]);
      for (const r of zeroConfig.replicas) {
        expect(r.output()).toContain('stored in s3://');
        const created = await fetch(`${r.baseUrl}${CONTENTS}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[0]}` },
          body: 'x',
        });
        expect(created.status).toBe(201);
      }
    } finally {
      await zeroConfig.close();
    }
  });
});
