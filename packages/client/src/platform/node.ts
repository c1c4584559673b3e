/** Node: file paths as upload sources (`fs.openAsBlob`), and `downloadToFile`. */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { downloadToFile } from './node-download-to-file.js';
import type { Platform } from './platform.js';

export const nodePlatform: Platform = {
  name: 'node',
  async openFile(path) {
    // Fails early (ENOENT, EISDIR) instead of halfway through the upload.
    const info = await stat(path);
    if (!info.isFile()) throw new TypeError(`${path} is not a regular file`);
    return { blob: await openAsBlob(path), name: basename(path) };
  },
  downloadToFile: (operations, id, path, options) => downloadToFile(operations, id, path, options),
};
