/**
 * @temp-contents/web, as the server sees it: the built pages are static files in dist/, listed
 * in dist/manifest.json by the build (scripts/build-pages.mjs). The server registers one route
 * per entry and serves the file as it is; nothing here runs in a browser.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One file the server serves, at `url`, from `file` under {@link WEB_DIST_DIR}. */
export interface WebFile {
  /** Absolute URL path: `/`, `/docs`, `/openapi.yaml`, `/openapi.json` or `/ui/<name>`. */
  url: string;
  /** Path relative to {@link WEB_DIST_DIR}. */
  file: string;
  contentType: string;
  size: number;
  /** Strong ETag (quoted), from the SHA-256 of the bytes. */
  etag: string;
  /** True for content-hashed names under /ui/: the bytes behind the name never change. */
  immutable: boolean;
  /** The gzip-compressed copy (relative to the dist dir) and its size, when it is smaller. */
  gzip?: { file: string; size: number };
}

export interface WebManifest {
  files: WebFile[];
}

/** Where the build writes the pages; resolved from dist/ (the package's entry). */
export const WEB_DIST_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The build's manifest, or undefined when the pages were not built. */
export async function readWebManifest(): Promise<WebManifest | undefined> {
  let text: string;
  try {
    text = await readFile(new URL('manifest.json', import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as WebManifest;
}
