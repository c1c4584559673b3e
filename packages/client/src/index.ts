/**
 * @temp-contents/client for Node (the package's default entry). Browsers and bundlers resolve
 * the `browser` condition to `browser.ts`, which exports the same API without `node:` imports.
 */
import {
  createClientWith,
  type TempContentsClient,
  type TempContentsClientOptions,
} from './client.js';
import { nodePlatform } from './platform/node.js';

export * from './public-api.js';

/** A client for one deployment; see the package README. */
export function createTempContentsClient(options: TempContentsClientOptions): TempContentsClient {
  return createClientWith(options, nodePlatform);
}
