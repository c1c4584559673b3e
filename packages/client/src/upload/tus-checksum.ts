/**
 * tus `checksum`: an `Upload-Checksum` on every PATCH, so a chunk damaged on the way is refused
 * (460) and sent again instead of stored. tus-js-client has no checksum support and its
 * `onBeforeRequest` hook does not see the body, so the HTTP stack it sends through is wrapped:
 * the wrapper hashes the body `send` receives (our file source hands it `Uint8Array` slices) and
 * sets the header just before the request goes out. Hashing uses Web Crypto, available in Node
 * and in browsers on secure origins; it offers SHA-256 and SHA-1, not MD5.
 *
 * @see https://tus.io/protocols/resumable-upload#checksum
 */
import { HEADERS, type TusChecksumAlgorithm } from '@temp-contents/contract';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/** The algorithms this client can compute, preferred first. */
export const CLIENT_CHECKSUM_ALGORITHMS = [
  'sha256',
  'sha1',
] as const satisfies readonly TusChecksumAlgorithm[];
export type ClientChecksumAlgorithm = (typeof CLIENT_CHECKSUM_ALGORITHMS)[number];

const WEB_CRYPTO_NAME: Record<ClientChecksumAlgorithm, string> = {
  sha256: 'SHA-256',
  sha1: 'SHA-1',
};

/** Web Crypto's digest, or undefined where it is missing (a browser page on plain http). */
function subtleCrypto(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
}

/**
 * The algorithm to use, from the server's `OPTIONS` answer: the first of ours that it lists in
 * `Tus-Checksum-Algorithm`, if it advertises `checksum` in `Tus-Extension` at all.
 */
export function chooseChecksumAlgorithm(
  tusExtension: string | null,
  tusChecksumAlgorithm: string | null,
): ClientChecksumAlgorithm | undefined {
  const list = (value: string | null) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean);
  if (!list(tusExtension).includes('checksum')) return undefined;
  const offered = list(tusChecksumAlgorithm);
  if (subtleCrypto() === undefined) return undefined;
  return CLIENT_CHECKSUM_ALGORITHMS.find((algorithm) => offered.includes(algorithm));
}

/** `<algorithm> <Base64 digest>` of `body`. */
export async function uploadChecksum(
  algorithm: ClientChecksumAlgorithm,
  body: Uint8Array,
): Promise<string> {
  const subtle = subtleCrypto();
  if (subtle === undefined) throw new Error('Web Crypto is not available to compute checksums');
  const digest = new Uint8Array(
    await subtle.digest(WEB_CRYPTO_NAME[algorithm], body as Uint8Array<ArrayBuffer>),
  );
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `${algorithm} ${btoa(binary)}`;
}

/** A request of `inner` that, for a PATCH with a body, adds the body's `Upload-Checksum`. */
class ChecksummedRequest implements HttpRequest {
  constructor(
    private readonly inner: HttpRequest,
    private readonly algorithm: ClientChecksumAlgorithm,
  ) {}
  getMethod(): string {
    return this.inner.getMethod();
  }
  getURL(): string {
    return this.inner.getURL();
  }
  setHeader(header: string, value: string): void {
    this.inner.setHeader(header, value);
  }
  getHeader(header: string): string | undefined {
    return this.inner.getHeader(header);
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.inner.setProgressHandler(handler);
  }
  async send(body: unknown): Promise<HttpResponse> {
    if (this.inner.getMethod() === 'PATCH' && body instanceof Uint8Array) {
      this.inner.setHeader(HEADERS.uploadChecksum, await uploadChecksum(this.algorithm, body));
    }
    return this.inner.send(body);
  }
  abort(): Promise<void> {
    return this.inner.abort();
  }
  getUnderlyingObject(): unknown {
    return this.inner.getUnderlyingObject();
  }
}

/** `inner` with an `Upload-Checksum` on every PATCH that carries bytes. */
export function checksummingHttpStack(
  inner: HttpStack,
  algorithm: ClientChecksumAlgorithm,
): HttpStack {
  return {
    createRequest: (method, url) =>
      new ChecksummedRequest(inner.createRequest(method, url), algorithm),
    getName: () => `${inner.getName()}+checksum-${algorithm}`,
  };
}
