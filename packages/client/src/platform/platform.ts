/**
 * What differs between Node and browsers, behind one interface so that the browser entry never
 * loads `node:fs`. `index.ts` (Node) wires `platform/node.ts`; `browser.ts` wires
 * `platform/browser.ts`.
 */

import type { DownloadOperations } from '../download/download.js';
import type { DownloadToFileOptions, DownloadToFileResult } from '../download/download-options.js';

export interface OpenedFile {
  /** The file's bytes, read lazily (Node: `fs.openAsBlob`). */
  blob: Blob;
  /** The file's base name, the default upload `filename`. */
  name: string;
}

export interface Platform {
  readonly name: 'node' | 'browser';
  /** Opens a file path given as an upload source. */
  openFile(path: string): Promise<OpenedFile>;
  /** Downloads a content into a file, resuming a partial one. */
  downloadToFile(
    operations: DownloadOperations,
    id: string,
    path: string,
    options: DownloadToFileOptions,
  ): Promise<DownloadToFileResult>;
}
