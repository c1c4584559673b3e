import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HEADERS, TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';
import {
  describeExchange,
  expectHeaderEquals,
  expectStatus,
  requireHeader,
  requireIntegerHeader,
} from '../../expectations/http-expectations.js';
import { fail } from '../../run/check-failure.js';
import { idFromLocation, type TargetHttp, type TargetResponse } from '../../target/target-http.js';

/** A tus upload the suite created: where it lives and what id the content will have. */
export interface TusUpload {
  url: string;
  id: string;
  create: TargetResponse;
}

export function metadataHeader(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

/** POST /files (creation): 201 with a Location (tus 1.0.0 §Creation "MUST ... Location"). */
export async function createUpload(
  target: TargetHttp,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<TusUpload> {
  const response = await target.tusCreate(headers, body);
  expectStatus(response, 201, 'tus creation (tus 1.0.0 §Creation: 201 Created)');
  const location = requireHeader(
    response,
    HEADERS.location,
    'tus creation (201 MUST carry Location)',
  );
  const url = new URL(location, target.resolve('/api/v1/temp-contents/files')).toString();
  return { url, id: idFromLocation(url), create: response };
}

/** `Tus-Resumable: 1.0.0` on a tus response ("MUST be included in every ... response"). */
export function expectTusResumable(response: TargetResponse, what: string): void {
  expectHeaderEquals(
    response,
    HEADERS.tusResumable,
    TUS_VERSION,
    `${what} (tus 1.0.0 §Tus-Resumable)`,
  );
}

/**
 * HEAD that waits out `423 Locked` (the spec's answer while another request holds the upload),
 * following Retry-After, for at most ~10 s. Returns the offset.
 */
export async function headOffset(
  target: TargetHttp,
  url: string,
  what: string,
): Promise<{ offset: number; response: TargetResponse }> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await target.tusHead(url);
    if (response.status === 423 && attempt < 20) {
      const retry = Number(response.headers.get(HEADERS.retryAfter) ?? '0');
      await sleep(Math.min(1000, Math.max(100, Number.isFinite(retry) ? retry * 1000 : 250)));
      continue;
    }
    expectStatus(response, [200, 204], `${what}: HEAD (tus 1.0.0 §HEAD)`);
    return {
      offset: requireIntegerHeader(
        response,
        HEADERS.uploadOffset,
        `${what}: HEAD (tus 1.0.0 §HEAD MUST include Upload-Offset)`,
      ),
      response,
    };
  }
}

/** PATCH one chunk and check the 204 carries the new offset (tus 1.0.0 §PATCH). */
export async function patchChunk(
  target: TargetHttp,
  url: string,
  offset: number,
  chunk: Uint8Array,
  what: string,
): Promise<TargetResponse> {
  const response = await target.tusPatch(url, offset, chunk);
  expectStatus(
    response,
    204,
    `${what}: PATCH at offset ${offset} (tus 1.0.0 §PATCH: 204 No Content)`,
  );
  const next = requireIntegerHeader(
    response,
    HEADERS.uploadOffset,
    `${what}: PATCH 204 (MUST include Upload-Offset)`,
  );
  if (next !== offset + chunk.length) {
    fail(
      `${what}: PATCH 204 Upload-Offset is ${next}, expected ${offset + chunk.length} (offset ${offset} + ${chunk.length} bytes) on ${describeExchange(response)}`,
    );
  }
  expectTusResumable(response, `${what}: PATCH 204`);
  return response;
}

/**
 * A PATCH whose body stops half-way: the headers promise `bytes.length`, `sent` bytes are
 * written, then the connection is destroyed, as when a client loses its network.
 */
export function interruptedPatch(
  target: TargetHttp,
  url: string,
  offset: number,
  bytes: Uint8Array,
  sent: number,
): Promise<void> {
  const address = new URL(url);
  const send = address.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(address, {
      method: 'PATCH',
      headers: {
        [HEADERS.authorization]: `Bearer ${target.token}`,
        [HEADERS.tusResumable]: TUS_VERSION,
        [HEADERS.contentType]: TUS_CONTENT_TYPE,
        [HEADERS.uploadOffset]: String(offset),
        [HEADERS.contentLength]: String(bytes.length),
      },
    });
    request.on('error', () => resolve());
    request.on('response', (response) => {
      response.resume();
      resolve();
    });
    request.write(bytes.subarray(0, sent), () => {
      // Give the bytes time to reach the server before the connection drops.
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 150);
    });
  });
}

/** A body that trickles out in chunks with pauses, so concurrent PATCHes really overlap. */
export function slowBody(
  bytes: Uint8Array,
  chunkSize: number,
  pauseMs: number,
): ReadableStream<Uint8Array> {
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (position >= bytes.length) {
        controller.close();
        return;
      }
      if (position > 0) await sleep(pauseMs);
      controller.enqueue(bytes.slice(position, position + chunkSize));
      position += chunkSize;
    },
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
