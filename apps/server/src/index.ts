export { type AppDeps, buildApp } from './app.js';
export type { Principal } from './auth/principal.js';
export {
  type AuthConfig,
  ConfigError,
  hasNoAuth,
  type JwtConfig,
  loadConfig,
  type RateLimitConfig,
  type ServerConfig,
} from './config/server-config.js';
export { type Clock, ContentService } from './contents/content-service.js';
export { ExpirySweeper, type ExpirySweeperOptions } from './expiry/expiry-sweeper.js';
export type { ContentRecord } from './storage/content-record.js';
export type { ByteRange, ContentStore } from './storage/content-store.js';
export { FileContentStore } from './storage/file-content-store.js';
export { openBackend } from './storage/open-backend.js';
export { S3ContentStore, type S3ContentStoreOptions } from './storage/s3/s3-content-store.js';
