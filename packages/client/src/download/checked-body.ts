/**
 * A response body that reports transport failures as `TempContentsNetworkError` and fails when
 * it ends short of its `Content-Length` (a dropped connection must not look like a small file).
 */
import { TempContentsNetworkError, toNetworkError } from '../errors/errors.js';

export function checkedBody(
  body: ReadableStream<Uint8Array> | null,
  expectedLength: number | undefined,
  what: string,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  if (!body) {
    return new ReadableStream({
      start(controller) {
        if (expectedLength) {
          controller.error(
            new TempContentsNetworkError(`${what}: no body, expected ${expectedLength} bytes`),
          );
        } else controller.close();
      },
    });
  }
  const reader = body.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        controller.error(toNetworkError(error, what, signal));
        return;
      }
      if (chunk.done) {
        if (expectedLength !== undefined && received !== expectedLength) {
          controller.error(
            new TempContentsNetworkError(
              `${what}: body ended after ${received} of ${expectedLength} bytes`,
            ),
          );
        } else controller.close();
        return;
      }
      received += chunk.value.byteLength;
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
