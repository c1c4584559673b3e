/**
 * tus-js-client reads its input through a `FileReader` → `FileSource` pair. Its built-in sources
 * differ per platform (Node's cannot read a Blob, neither can read a web stream in Node) and its
 * stream sources cannot skip forward, so a stream could not resume at the server's offset. This
 * one source serves every `NormalizedSource` on every platform, as `Uint8Array` slices (which
 * both of tus-js-client's HTTP stacks send), holding at most about one chunk in memory.
 */
import type { NormalizedSource, SizedSource, StreamedSource } from './source.js';

/** A slice with the `size` tus-js-client reads to count bytes and set `Content-Length`. */
type SizedBytes = Uint8Array & { size: number };

interface SliceResult {
  value: SizedBytes | null;
  done: boolean;
}

export interface TusFileSource {
  size: number | null;
  slice(start: number, end: number): Promise<SliceResult>;
  close(): void;
}

function sized(bytes: Uint8Array): SizedBytes {
  return Object.assign(bytes, { size: bytes.byteLength });
}

class SizedTusSource implements TusFileSource {
  readonly size: number;
  constructor(private readonly source: SizedSource) {
    this.size = source.size;
  }
  async slice(start: number, end: number): Promise<SliceResult> {
    const stop = Math.min(end, this.size);
    const bytes = await this.source.read(start, stop);
    return { value: sized(bytes), done: stop >= this.size };
  }
  close(): void {}
}

/**
 * Buffers the stream from the start of the last requested slice, because tus-js-client may ask
 * for the same bytes again after a failed PATCH (from the offset the server reports), never for
 * bytes before that slice. Asking for a later start skips (reads and drops) the bytes between:
 * that is how a re-opened stream resumes at the offset a `HEAD` reported.
 */
class StreamTusSource implements TusFileSource {
  readonly size: number | null;
  private chunks: Uint8Array[];
  /** Stream offset of the first buffered byte. */
  private bufferStart = 0;
  private buffered: number;
  private ended = false;

  constructor(
    private readonly source: StreamedSource,
    prefix: Uint8Array[],
  ) {
    this.size = source.size ?? null;
    this.chunks = [...prefix];
    this.buffered = prefix.reduce((n, c) => n + c.byteLength, 0);
  }

  private async pull(): Promise<void> {
    const chunk = await this.source.next();
    if (!chunk) this.ended = true;
    else {
      this.chunks.push(chunk);
      this.buffered += chunk.byteLength;
    }
  }

  /** Buffers until byte `offset` (exclusive) is held or the stream ended. */
  private async fillTo(offset: number): Promise<void> {
    while (!this.ended && this.bufferStart + this.buffered < offset) await this.pull();
  }

  /**
   * Moves the buffer start to `offset`, dropping chunks as they go by, so that skipping a long
   * prefix on resume does not hold it in memory.
   */
  private async skipTo(offset: number): Promise<void> {
    this.dropBefore(Math.min(offset, this.bufferStart + this.buffered));
    while (!this.ended && this.bufferStart < offset) {
      await this.pull();
      this.dropBefore(Math.min(offset, this.bufferStart + this.buffered));
    }
  }

  private dropBefore(offset: number): void {
    let drop = offset - this.bufferStart;
    while (drop > 0 && this.chunks.length > 0) {
      const first = this.chunks[0] as Uint8Array;
      if (first.byteLength <= drop) {
        this.chunks.shift();
        drop -= first.byteLength;
        this.bufferStart += first.byteLength;
        this.buffered -= first.byteLength;
      } else {
        this.chunks[0] = first.subarray(drop);
        this.bufferStart += drop;
        this.buffered -= drop;
        drop = 0;
      }
    }
  }

  async slice(start: number, end: number): Promise<SliceResult> {
    if (start < this.bufferStart) {
      throw new Error(
        `cannot re-read stream bytes before offset ${this.bufferStart} (asked for ${start}); upload from a Blob or file to allow this`,
      );
    }
    await this.skipTo(start);
    if (this.bufferStart < start) {
      throw new Error(`the stream ended at byte ${this.bufferStart}, before offset ${start}`);
    }
    await this.fillTo(end);
    const available = Math.min(end, this.bufferStart + this.buffered) - start;
    const done = this.ended && this.bufferStart + this.buffered <= end;
    if (available === 0) return { value: done ? null : sized(new Uint8Array(0)), done };
    const out = new Uint8Array(available);
    let at = 0;
    for (const chunk of this.chunks) {
      if (at >= available) break;
      const part = chunk.subarray(0, available - at);
      out.set(part, at);
      at += part.byteLength;
    }
    return { value: sized(out), done };
  }

  close(): void {
    void this.source.cancel().catch(() => {});
  }
}

/** The tus source for `source`; `prefix` holds stream bytes already read while sizing it. */
export function createTusFileSource(
  source: NormalizedSource,
  prefix: Uint8Array[] = [],
): TusFileSource {
  return source.kind === 'sized' ? new SizedTusSource(source) : new StreamTusSource(source, prefix);
}
