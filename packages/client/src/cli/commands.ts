/** What each command does, given a parsed invocation and a client. Returns the JSON result. */
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TempContentsClient } from '../client.js';
import { sizeAsNumber } from '../details/size.js';
import type { UploadSource } from '../upload/source.js';
import type { Invocation } from './args.js';
import { formatBytes, type ProgressSink } from './progress.js';

export interface CommandIo {
  stdout: Writable;
  stdin: NodeJS.ReadableStream;
  /** Human-readable notes (never on stdout, which carries data or JSON). */
  note(text: string): void;
  progress: ProgressSink;
  signal: AbortSignal;
  /** Set as soon as a tus upload has a URL, so an interruption can print the resume command. */
  onUploadUrl(url: string): void;
}

export type CommandResult = Record<string, unknown>;

function uploadSource(file: string, io: CommandIo): UploadSource {
  // "-" is stdin, a stream of unknown length.
  return file === '-' ? (io.stdin as unknown as AsyncIterable<Uint8Array>) : file;
}

export async function runUpload(
  client: TempContentsClient,
  inv: Invocation,
  io: CommandIo,
): Promise<CommandResult> {
  const file = inv.args[0] as string;
  const result = await client.upload(uploadSource(file, io), {
    filename: inv.name ?? (file === '-' ? undefined : basename(file)),
    ttl: inv.ttl,
    resumable: inv.resumable ? true : undefined,
    chunkSize: inv.chunkSize,
    parallelUploads: inv.parallel,
    checksum: inv.checksum,
    signal: io.signal,
    onProgress: (sent, total) => io.progress.update(sent, total),
    onUploadUrl: io.onUploadUrl,
    // A parallel upload resumes from all its partial uploads: one argument, comma-separated.
    onPartialUploadUrls: (urls) => io.onUploadUrl(urls.join(',')),
  });
  io.progress.finish();
  io.note(`uploaded ${formatBytes(result.size)} (${transportNote(result)}) as ${result.location}`);
  if (!inv.json) io.stdout.write(`${result.id}\n`);
  return { ...result };
}

export async function runResume(
  client: TempContentsClient,
  inv: Invocation,
  io: CommandIo,
): Promise<CommandResult> {
  const [url, file] = inv.args as [string, string];
  io.onUploadUrl(url);
  // Partial uploads' URLs (an interrupted --parallel upload) come joined by commas.
  const urls = url.includes(',') ? url.split(',').filter(Boolean) : url;
  const result = await client.resumeUpload(urls, uploadSource(file, io), {
    chunkSize: inv.chunkSize,
    checksum: inv.checksum,
    signal: io.signal,
    onProgress: (sent, total) => io.progress.update(sent, total),
  });
  io.progress.finish();
  io.note(
    `upload complete: ${formatBytes(result.size)} (${transportNote(result)}) as ${result.location}`,
  );
  if (!inv.json) io.stdout.write(`${result.id}\n`);
  return { ...result };
}

/** `tus, sha256 checksums`: how the bytes went. */
function transportNote(result: { transport: string; checksum: string | undefined }): string {
  return result.checksum ? `${result.transport}, ${result.checksum} checksums` : result.transport;
}

export async function runDownload(
  client: TempContentsClient,
  inv: Invocation,
  io: CommandIo,
): Promise<CommandResult> {
  const id = inv.args[0] as string;
  const onProgress = (done: number, total: number | undefined) => io.progress.update(done, total);
  if (inv.output !== undefined && inv.range === undefined) {
    const result = await client.downloadToFile(id, inv.output, { signal: io.signal, onProgress });
    io.progress.finish();
    const resumed = result.resumedFrom > 0 ? `, resumed at byte ${result.resumedFrom}` : '';
    io.note(`downloaded ${formatBytes(result.size)} to ${result.path}${resumed}`);
    return { id, ...result };
  }
  const download = await client.download(id, { range: inv.range, signal: io.signal });
  let done = 0;
  const counted = Readable.fromWeb(download.body as import('node:stream/web').ReadableStream).on(
    'data',
    (chunk: Uint8Array) => {
      done += chunk.byteLength;
      onProgress(done, download.length);
    },
  );
  const target = inv.output === undefined ? io.stdout : createWriteStream(inv.output);
  await pipeline(counted, target, { end: inv.output !== undefined });
  io.progress.finish();
  if (inv.output !== undefined) io.note(`downloaded ${formatBytes(done)} to ${inv.output}`);
  return {
    id,
    status: download.status,
    path: inv.output,
    bytesWritten: done,
    size: download.size,
    contentRange: download.contentRange,
    filename: download.filename,
  };
}

export async function runDetails(
  client: TempContentsClient,
  inv: Invocation,
  io: CommandIo,
): Promise<CommandResult> {
  const details = await client.details(inv.args[0] as string, { signal: io.signal });
  if (!inv.json) {
    const width = Math.max(...Object.keys(details).map((k) => k.length));
    for (const [key, value] of Object.entries(details)) {
      const shown = key === 'Size' ? `${value} (${formatBytes(sizeAsNumber(details))})` : value;
      io.stdout.write(`${`${key}:`.padEnd(width + 2)}${shown}\n`);
    }
  }
  return { details };
}
