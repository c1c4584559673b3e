/**
 * openapi-typescript renders `type: string, format: binary` request bodies as `string`, which
 * would make `raw.POST('/api/v1/temp-contents', { body: bytes })` fail to compile for the very
 * bytes it exists to send. `ClientPaths` is `paths` with the binary media types of every request
 * body widened to what `fetch` can send. Everything else (paths, methods, parameters, responses)
 * is the generated contract unchanged.
 */
import type { paths } from '@temp-contents/contract';

/** A request body `fetch` sends as raw bytes. */
export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string;

/** Media types whose request bodies are raw bytes in this API. */
export const BINARY_MEDIA_TYPES = ['application/octet-stream', 'application/offset+octet-stream'];
type BinaryMediaType = 'application/octet-stream' | 'application/offset+octet-stream';

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

type WithBinaryContent<Content> = {
  [Media in keyof Content]: Media extends BinaryMediaType ? BinaryBody : Content[Media];
};

type WithBinaryRequestBody<RequestBody> = RequestBody extends { content: infer Content }
  ? Omit<RequestBody, 'content'> & { content: WithBinaryContent<Content> }
  : RequestBody;

type WithBinaryOperation<Operation> = {
  [Key in keyof Operation]: Key extends 'requestBody'
    ? WithBinaryRequestBody<Operation[Key]>
    : Operation[Key];
};

/** The contract's `paths`, with binary request bodies typed as `BinaryBody`. */
export type ClientPaths = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path]]: Method extends HttpMethod
      ? WithBinaryOperation<paths[Path][Method]>
      : paths[Path][Method];
  };
};
