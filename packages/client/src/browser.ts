/**
 * @temp-contents/client for browsers: the same API as the Node entry; file paths as upload
 * sources and `downloadToFile` reject with a TypeError.
 */
import {
  createClientWith,
  type TempContentsClient,
  type TempContentsClientOptions,
} from './client.js';
import { browserPlatform } from './platform/browser.js';

export * from './public-api.js';

/** A client for one deployment; see the package README. */
export function createTempContentsClient(options: TempContentsClientOptions): TempContentsClient {
  return createClientWith(options, browserPlatform);
}
