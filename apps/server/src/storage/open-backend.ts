import type { AppDeps } from '../app.js';
import { ensureDevToken } from '../auth/dev-token.js';
import type { ServerConfig } from '../config/server-config.js';
import type { ContentStore } from './content-store.js';
import { FileContentStore } from './file-content-store.js';

/** What TC_STORAGE selects: the store, and what must be shared with it across replicas. */
export interface Backend {
  deps: AppDeps & { store: ContentStore };
  /** The development token of this storage (zero-config starts), and where it is kept. */
  devToken(): Promise<{ token: string; where: string }>;
  /** Closes everything opened here; for failures before the app owns it. */
  close(): Promise<void>;
}

/**
 * Opens the configured storage. `fs`: local disk + SQLite, in-process locks and counters (one
 * process per data dir). `s3`: bucket + Redis, with locks and rate-limit counters in the same
 * Redis so every replica shares them. Fails with one line when the bucket or Redis does not
 * answer. The S3 and Redis clients are loaded only for `s3` (about 25 MB a server on local disk
 * does not need).
 */
export async function openBackend(config: ServerConfig): Promise<Backend> {
  const { storage } = config;
  if (storage.kind === 'fs') {
    const store = new FileContentStore(config.dataDir);
    return {
      deps: { store },
      async devToken() {
        const { token } = await ensureDevToken(config.dataDir);
        return { token, where: `${config.dataDir}/dev-token` };
      },
      close: () => store.close(),
    };
  }
  const { openS3Backend } = await import('./s3/open-s3-backend.js');
  return openS3Backend(config, storage);
}
