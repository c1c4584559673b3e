/** The one tus FileSource: slices of sized sources, and streams that buffer, skip and end. */
import { describe, expect, it } from 'vitest';
import { browserPlatform } from '../platform/browser.js';
import { normalizeSource, readPrefix } from './source.js';
import { createTusFileSource } from './tus-file-source.js';

const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

function pieces(data: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= data.length) controller.close();
      else {
        controller.enqueue(data.slice(at, at + size));
        at += size;
      }
    },
  });
}

async function streamSource(size?: number) {
  return createTusFileSource(await normalizeSource(pieces(bytes, 7), browserPlatform, size));
}

describe('sized sources', () => {
  it.each([
    ['Uint8Array', () => bytes],
    ['Blob', () => new Blob([bytes])],
  ])('%s: slices with size and done', async (_name, make) => {
    const source = createTusFileSource(await normalizeSource(make(), browserPlatform));
    expect(source.size).toBe(100);
    const first = await source.slice(0, 40);
    expect([...(first.value ?? [])]).toEqual([...bytes.slice(0, 40)]);
    expect(first.value?.size).toBe(40);
    expect(first.done).toBe(false);
    const last = await source.slice(90, 140);
    expect([...(last.value ?? [])]).toEqual([...bytes.slice(90)]);
    expect(last.done).toBe(true);
  });
});

describe('stream sources', () => {
  it('have no size unless declared', async () => {
    expect((await streamSource()).size).toBeNull();
    expect((await streamSource(100)).size).toBe(100);
  });

  it('serve consecutive slices and report done with the last bytes', async () => {
    const source = await streamSource();
    const a = await source.slice(0, 30);
    const b = await source.slice(30, 60);
    const c = await source.slice(60, 120);
    expect([...(a.value ?? []), ...(b.value ?? []), ...(c.value ?? [])]).toEqual([...bytes]);
    expect([a.done, b.done, c.done]).toEqual([false, false, true]);
    expect(c.value?.size).toBe(40);
  });

  it('serve the same slice again (a retried PATCH) and a later start inside it', async () => {
    const source = await streamSource();
    await source.slice(0, 50);
    const again = await source.slice(0, 50);
    expect([...(again.value ?? [])]).toEqual([...bytes.slice(0, 50)]);
    const partial = await source.slice(23, 50);
    expect([...(partial.value ?? [])]).toEqual([...bytes.slice(23, 50)]);
  });

  it('skip forward to a resume offset', async () => {
    const source = await streamSource();
    const slice = await source.slice(64, 80);
    expect([...(slice.value ?? [])]).toEqual([...bytes.slice(64, 80)]);
  });

  it('refuse to go back before the last slice', async () => {
    const source = await streamSource();
    await source.slice(50, 60);
    await expect(source.slice(10, 20)).rejects.toThrow(/before offset 50/);
  });

  it('end with a null value once everything was sent', async () => {
    const source = await streamSource();
    await source.slice(0, 100);
    expect(await source.slice(100, 150)).toEqual({ value: null, done: true });
  });

  it('fail when asked to start past the end', async () => {
    const source = await streamSource();
    await expect(source.slice(150, 160)).rejects.toThrow(/ended at byte 100/);
  });

  it('keep the bytes read while sizing the stream', async () => {
    const normalized = await normalizeSource(pieces(bytes, 7), browserPlatform);
    if (normalized.kind !== 'stream') throw new Error('expected a stream');
    const prefix = await readPrefix(normalized, 20);
    expect(prefix).toMatchObject({ ended: false, bytes: 21 });
    const source = createTusFileSource(normalized, prefix.chunks);
    const all = await source.slice(0, 100);
    expect([...(all.value ?? [])]).toEqual([...bytes]);
  });
});

describe('normalizeSource', () => {
  it('rejects what it cannot read, and paths in a browser', async () => {
    await expect(normalizeSource(42 as never, browserPlatform)).rejects.toThrow(TypeError);
    await expect(normalizeSource('/etc/hosts', browserPlatform)).rejects.toThrow(/Node only/);
  });
});
