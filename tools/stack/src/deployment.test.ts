import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupAlive } from './child-process.js';
import { startDeployment } from './deployment.js';

const CONTENTS = '/api/v1/temp-contents';
const AUTH = { authorization: 'Bearer secret' };

const cases: [string, { storage: 'fs' | 's3'; shared: boolean }][] = [
  ['fs: a data dir each, nothing shared', { storage: 'fs', shared: false }],
  ['s3: one bucket and one Redis for all', { storage: 's3', shared: true }],
];

describe('startDeployment', () => {
  it.each(cases)('%s; nginx in front; close leaves nothing', async (_name, { storage, shared }) => {
    const deployment = await startDeployment({
      replicas: 2,
      storage,
      env: { TC_STATIC_TOKENS: 'secret=acme:ci' },
    });
    const pids = [
      deployment.balancer.pid,
      deployment.redis?.pid,
      deployment.objectStore?.pid,
      ...deployment.replicas.map((r) => r.pid),
    ].filter((pid) => pid !== undefined);
    try {
      expect(deployment.replicas).toHaveLength(2);
      expect(deployment.redis !== undefined).toBe(shared);
      expect(deployment.objectStore !== undefined).toBe(shared);
      const created = await fetch(`${deployment.replicas[0]?.baseUrl}${CONTENTS}?filename=a.txt`, {
        method: 'POST',
        headers: AUTH,
        body: 'hello',
      });
      expect(created.status).toBe(201);
      const { ID: id } = (await created.json()) as { ID: string };
      const statuses = [];
      for (const base of deployment.replicas.map((r) => r.baseUrl)) {
        const response = await fetch(`${base}${CONTENTS}/${id}`, { headers: AUTH });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses).toEqual(shared ? [200, 200] : [200, 404]);
      // Through the balancer, both replicas answer in turn.
      const viaBalancer = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${deployment.baseUrl}${CONTENTS}/${id}`, { headers: AUTH });
        await response.arrayBuffer();
        viaBalancer.add(response.status);
      }
      expect([...viaBalancer].sort()).toEqual(shared ? [200] : [200, 404]);
    } finally {
      await deployment.close();
    }
    for (const pid of pids) expect(groupAlive(pid)).toBe(false);
    if (deployment.objectStore) expect(existsSync(deployment.objectStore.dataDir)).toBe(false);
    expect(existsSync(deployment.balancer.dir)).toBe(false);
    for (const replica of deployment.replicas) {
      const dir = replica.env.TC_DATA_DIR;
      if (dir !== undefined) expect(existsSync(dir)).toBe(false);
    }
  });
});
