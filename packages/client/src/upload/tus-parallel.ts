/**
 * Parallel uploads (tus `concatenation`): tus-js-client's `parallelUploads` splits the source into
 * n ranges, uploads each as a partial upload (`Upload-Concat: partial`) at the same time, and
 * then creates the final upload (`Upload-Concat: final;<urls>`), the content.
 *
 * Three things are adapted here. The parts are read lazily: tus-js-client slices the whole part
 * out of the source before it starts it, which would hold the whole file in memory, so the
 * source it splits hands out ranges and each part reads its own bytes chunk by chunk. The URLs
 * of the partial uploads reach the caller (`onPartialUrls`), caught where tus-js-client would
 * store them for resuming, as soon as all parts have one. And resuming from those URLs goes
 * through tus-js-client's own resumption of a parallel upload (each part continues at its
 * offset, HEAD first), then the final upload is created.
 */
import type { Upload, UploadOptions } from 'tus-js-client';
import type { TusFileSource } from './tus-file-source.js';

export interface ParallelRun {
  /** How many partial uploads (ignored when resuming: as many as `partialUrls`). */
  count: number;
  /** The partial uploads of an interrupted parallel upload, in order, to resume them. */
  partialUrls: readonly string[] | undefined;
  /** `Upload-Metadata` of each partial upload. */
  partialMetadata: Record<string, string>;
  /** Called once every partial upload has its URL (not again when resuming). */
  onPartialUrls: ((urls: string[]) => void) | undefined;
}

/** A part of the source: what the lazy source hands tus-js-client instead of its bytes. */
interface PartRange {
  start: number;
  end: number;
  size: number;
}

type TusFileReader = NonNullable<UploadOptions['fileReader']>;
type TusUrlStorage = NonNullable<UploadOptions['urlStorage']>;

/** tus-js-client's key for the one upload it is told about (nothing is really stored). */
const STORAGE_KEY = 'temp-contents-parallel';

/** The bytes `[start, end)` of `source`, as a source of their own. */
function rangeOf(source: TusFileSource, range: PartRange): TusFileSource {
  return {
    size: range.size,
    async slice(start, end) {
      const stop = Math.min(range.start + end, range.end);
      const { value } = await source.slice(range.start + start, stop);
      return { value, done: stop >= range.end };
    },
    close() {},
  };
}

/**
 * What to hand tus-js-client for a parallel upload of `source` (whose size must be known): the
 * file to upload, the options that override the single-upload ones, and a step to run before
 * `start()`.
 */
export function parallelUpload(
  source: TusFileSource,
  run: ParallelRun,
): { file: TusFileSource; options: Partial<UploadOptions>; prepare(upload: Upload): void } {
  const size = source.size ?? 0;
  const whole: TusFileSource = {
    size,
    async slice(start, end) {
      const range: PartRange = { start, end, size: end - start };
      return { value: range as never, done: end >= size };
    },
    close: () => source.close(),
  };
  const fileReader = {
    openFile: (input: unknown) =>
      Promise.resolve(input === whole ? whole : rangeOf(source, input as PartRange)),
  } as unknown as TusFileReader;
  const urlStorage: TusUrlStorage = {
    findAllUploads: () => Promise.resolve([]),
    findUploadsByFingerprint: () => Promise.resolve([]),
    removeUpload: () => Promise.resolve(),
    addUpload(_fingerprint, upload) {
      if (upload.parallelUploadUrls) run.onPartialUrls?.([...upload.parallelUploadUrls]);
      return Promise.resolve(STORAGE_KEY);
    },
  };
  return {
    file: whole,
    options: {
      // The size comes from the source; tus-js-client refuses these with parallelUploads.
      uploadUrl: null,
      uploadSize: null,
      uploadLengthDeferred: false,
      parallelUploads: run.partialUrls?.length ?? run.count,
      metadataForPartialUploads: run.partialMetadata,
      fileReader,
      // A fingerprint and a URL storage only to learn the partial URLs (see addUpload).
      fingerprint: () => Promise.resolve(STORAGE_KEY),
      urlStorage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: false,
    },
    prepare(upload) {
      if (run.partialUrls === undefined) return;
      upload.resumeFromPreviousUpload({
        size,
        metadata: {},
        creationTime: new Date().toString(),
        uploadUrl: null,
        parallelUploadUrls: [...run.partialUrls],
        urlStorageKey: STORAGE_KEY,
      });
    },
  };
}
