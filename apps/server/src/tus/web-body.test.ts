import { PassThrough, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { webBody } from './web-body.js';

const CHUNK = 64 * 1024;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe('webBody', () => {
  it("hands on the body's own chunks, every byte in order, without copying them", async () => {
    const sent = [Buffer.from('abc'), Buffer.alloc(CHUNK * 3, 7), Buffer.from('xyz')];
    const received = await readAll(webBody(Readable.from(sent)));
    expect(Buffer.concat(received).equals(Buffer.concat(sent))).toBe(true);
    // The same memory: Readable.toWeb would have copied each chunk.
    expect(received.map((chunk) => chunk.buffer)).toEqual(sent.map((chunk) => chunk.buffer));
  });

  it('pauses the body while nobody reads, and resumes it when read', async () => {
    let pulled = 0;
    const source = new Readable({
      read() {
        if (pulled >= 64 * 1024 * 1024) return void this.push(null);
        pulled += CHUNK;
        this.push(Buffer.alloc(CHUNK));
      },
    });
    const stream = webBody(source);
    for (let turn = 0; turn < 100; turn += 1) await nextTurn();
    // A chunk or two queued, one in the source's buffer: nowhere near the 64 MiB on offer.
    expect(pulled).toBeLessThanOrEqual(4 * CHUNK);
    const reader = stream.getReader();
    for (let read = 0; read < 20; read += 1) await reader.read();
    expect(pulled).toBeGreaterThanOrEqual(20 * CHUNK);
    await reader.cancel();
    expect(source.destroyed).toBe(true);
  });

  it('errors the stream when the body is cut off, after what arrived', async () => {
    const body = new PassThrough();
    const reader = webBody(body).getReader();
    body.write(Buffer.from('partial'));
    expect(Buffer.from((await reader.read()).value as Uint8Array).toString()).toBe('partial');
    body.destroy();
    await expect(reader.read()).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('passes on the error a body fails with', async () => {
    const body = new PassThrough();
    const reader = webBody(body).getReader();
    body.destroy(new Error('socket reset'));
    await expect(reader.read()).rejects.toThrow('socket reset');
  });
});
