import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive } from './child-process.js';
import { freePort } from './free-port.js';
import { startBalancer, startFileServer } from './nginx.js';
import { makeTempDir } from './temp-dir.js';

function upstream(name: string, port = 0): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      request.on('end', () => response.end(`${name}:${size}:${request.headers.host}`));
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

describe('startBalancer (nginx)', () => {
  it('spreads requests round-robin, streams bodies of any size, keeps the client Host', async () => {
    const [a, b] = await Promise.all([upstream('a'), upstream('b')]);
    const balancer = await startBalancer({ upstreams: [a.url, b.url] });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(balancer.baseUrl, {
          method: 'POST',
          body: 'x'.repeat(3 << 20),
        });
        answers.push(await response.text());
      }
      const host = new URL(balancer.baseUrl).host;
      expect(answers.map((text) => text.split(':')[0]).sort()).toEqual(['a', 'a', 'b', 'b']);
      for (const text of answers) expect(text).toBe(`${text[0]}:${3 << 20}:${host}`);
    } finally {
      await balancer.stop();
      a.server.close();
      b.server.close();
    }
    const answered = await fetch(balancer.baseUrl, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
    // The workers were in the master's process group.
    expect(groupAlive(balancer.pid as number)).toBe(false);
    expect(existsSync(balancer.dir)).toBe(false);
  });

  it('keeps an upstream that starts late in the rotation, and says who forwarded', async () => {
    const early = await upstream('early');
    const latePort = await freePort();
    await using balancer = await startBalancer({
      upstreams: [early.url, `http://127.0.0.1:${latePort}`],
    });
    try {
      // The late one refuses connections: nginx passes those requests to the early one.
      for (let i = 0; i < 4; i++) {
        expect((await (await fetch(balancer.baseUrl)).text()).split(':')[0]).toBe('early');
      }
      const late = await upstream('late', latePort);
      const seen = new Set<string>();
      for (let i = 0; i < 20 && !seen.has('late'); i++) {
        seen.add((await (await fetch(balancer.baseUrl)).text()).split(':')[0] as string);
      }
      late.server.closeAllConnections();
      late.server.close();
      expect(seen).toContain('late');
      const echo = createServer((request, response) =>
        response.end(JSON.stringify(request.headers)),
      );
      await new Promise<void>((resolve) => echo.listen(latePort, '127.0.0.1', resolve));
      try {
        let headers: Record<string, string> = {};
        for (let i = 0; i < 20 && headers['x-forwarded-for'] === undefined; i++) {
          const text = await (await fetch(balancer.baseUrl)).text();
          if (text.startsWith('{')) headers = JSON.parse(text);
        }
        expect(headers).toMatchObject({
          'x-forwarded-for': '127.0.0.1',
          'x-forwarded-proto': 'http',
          'x-forwarded-host': new URL(balancer.baseUrl).host,
        });
      } finally {
        echo.close();
      }
    } finally {
      early.server.close();
    }
  });
});

describe('startFileServer (nginx)', () => {
  it('serves the files under its root, whole and by range, and leaves nothing behind', async () => {
    const root = await makeTempDir('tc-files-test-');
    const files = await startFileServer({ root: root.path });
    try {
      await writeFile(path.join(root.path, 'a.bin'), '0123456789');
      const whole = await fetch(`${files.baseUrl}/a.bin`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('application/octet-stream');
      expect(await whole.text()).toBe('0123456789');
      const range = await fetch(`${files.baseUrl}/a.bin`, { headers: { range: 'bytes=2-4' } });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-range')).toBe('bytes 2-4/10');
      expect(await range.text()).toBe('234');
      expect((await fetch(`${files.baseUrl}/missing`)).status).toBe(404);
    } finally {
      await files.stop();
      await root.remove();
    }
    expect(groupAlive(files.pid as number)).toBe(false);
    expect(existsSync(files.dir)).toBe(false);
  });
});
