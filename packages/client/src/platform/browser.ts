/** Browsers have no file paths: `upload(path)` and `downloadToFile` reject with a TypeError. */
import type { Platform } from './platform.js';

export const browserPlatform: Platform = {
  name: 'browser',
  openFile: (path) =>
    Promise.reject(
      new TypeError(
        `upload(${JSON.stringify(path)}): file paths work in Node only; pass a File or Blob`,
      ),
    ),
  downloadToFile: () =>
    Promise.reject(new TypeError('downloadToFile works in Node only; use download() and its body')),
};
