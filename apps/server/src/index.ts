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
export { ExpirySweeper, type ExpirySweeperOptions } from './expiry/expiry-sweeper.js';
export type { ContentRecord } from './storage/content-record.js';
export type { ByteRange, ContentStore } from './storage/content-store.js';
export { FileContentStore } from './storage/file-content-store.js';
