import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startBalancer } from './nginx.js';

function upstream(name: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      request.on('end', () => response.end(`${name}:${size}:${request.headers.host}`));
    });
    server.listen(0, '127.0.0.1', () => {
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
  });
});
