/**
 * Every kind of upload source reduced to one of two shapes: bytes of known size that can be read
 * at any offset (Blob, File, Uint8Array, ArrayBuffer, a file path), or a one-way stream of bytes
 * whose size may be unknown (web ReadableStream, Node Readable or any AsyncIterable of bytes).
 */
import type { Platform } from '../platform/platform.js';

/**
 * What `upload` accepts. A `string` is a file path and works in Node only; to upload text, wrap it
 * in a `Blob`. A Node `Readable` is an `AsyncIterable` and needs no conversion.
 */
export type UploadSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | string;

/** Bytes of a known size that can be read at any offset. */
export interface SizedSource {
  readonly kind: 'sized';
  readonly size: number;
  /** A name the source carries (a File's or a path's), the default `filename`. */
  readonly name: string | undefined;
  /** Bytes `[start, end)`. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The whole source as a `fetch` body. */
  body(): Blob | Uint8Array;
}

/** A sequential stream of bytes. */
export interface StreamedSource {
  readonly kind: 'stream';
  /** Known only when the caller said so (`size` option). */
  readonly size: number | undefined;
  readonly name: undefined;
  /** Next chunk, or undefined at the end. */
  next(): Promise<Uint8Array | undefined>;
  /** Stops reading and releases the underlying stream. */
  cancel(): Promise<void>;
}

export type NormalizedSource = SizedSource | StreamedSource;

function blobSource(blob: Blob, name: string | undefined): SizedSource {
  return {
    kind: 'sized',
    size: blob.size,
    name,
    async read(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
    body: () => blob,
  };
}

function bytesSource(bytes: Uint8Array): SizedSource {
  return {
    kind: 'sized',
    size: bytes.byteLength,
    name: undefined,
    read: async (start, end) => bytes.subarray(start, end),
    body: () => bytes,
  };
}

const encoder = new TextEncoder();

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError(`upload stream produced a ${typeof chunk} chunk; expected bytes`);
}

/** A pull-based stream of chunks (a web stream's reader or an async iterator) as a source. */
function pulledSource(
  pull: () => Promise<IteratorResult<unknown> | ReadableStreamReadResult<unknown>>,
  cancel: () => Promise<void>,
  size: number | undefined,
): StreamedSource {
  return {
    kind: 'stream',
    size,
    name: undefined,
    async next() {
      for (;;) {
        const { done, value } = await pull();
        if (done) return undefined;
        const bytes = toBytes(value);
        if (bytes.byteLength > 0) return bytes;
      }
    },
    cancel,
  };
}

function webStreamSource(
  stream: ReadableStream<Uint8Array>,
  size: number | undefined,
): StreamedSource {
  const reader = stream.getReader();
  return pulledSource(
    () => reader.read(),
    () => reader.cancel(),
    size,
  );
}

function iterableSource(
  iterable: AsyncIterable<Uint8Array | string>,
  size: number | undefined,
): StreamedSource {
  const iterator = iterable[Symbol.asyncIterator]();
  return pulledSource(
    () => iterator.next(),
    async () => {
      await iterator.return?.();
    },
    size,
  );
}

/**
 * Classifies `source`. `size` is the caller's declared size for a stream (ignored for sources
 * whose size is known).
 */
export async function normalizeSource(
  source: UploadSource,
  platform: Platform,
  size?: number,
): Promise<NormalizedSource> {
  if (typeof source === 'string') {
    const file = await platform.openFile(source);
    return blobSource(file.blob, file.name);
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const name = typeof File !== 'undefined' && source instanceof File ? source.name : undefined;
    return blobSource(source, name || undefined);
  }
  if (source instanceof Uint8Array) return bytesSource(source);
  if (source instanceof ArrayBuffer) return bytesSource(new Uint8Array(source));
  if (typeof (source as ReadableStream).getReader === 'function') {
    return webStreamSource(source as ReadableStream<Uint8Array>, size);
  }
  if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return iterableSource(source as AsyncIterable<Uint8Array | string>, size);
  }
  throw new TypeError(
    'upload source must be a Blob, File, Uint8Array, ArrayBuffer, ReadableStream, Node Readable or (in Node) a file path',
  );
}

/** Reads from a stream until more than `limit` bytes arrived or it ended. */
export async function readPrefix(
  source: StreamedSource,
  limit: number,
): Promise<{ chunks: Uint8Array[]; bytes: number; ended: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes <= limit) {
    const chunk = await source.next();
    if (!chunk) return { chunks, bytes, ended: true };
    chunks.push(chunk);
    bytes += chunk.byteLength;
  }
  return { chunks, bytes, ended: false };
}

export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
