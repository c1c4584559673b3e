// Launchers of real infrastructure for tests, the bench and CI. Each starts a process on a free
// loopback port, waits until it answers, and stops it (and removes its files) on dispose; should
// the caller die first, a watchdog process kills what it started and removes its temp dirs.
export { groupAlive, type Managed, startManaged, waitUntilReady } from './child-process.js';
export { type Deployment, type DeploymentOptions, startDeployment } from './deployment.js';
export { freePort } from './free-port.js';
export {
  type BalancerOptions,
  nginxPath,
  type RunningBalancer,
  startBalancer,
  startFileServer,
} from './nginx.js';
export {
  REPO_ROOT,
  type RunningObjectStore,
  startObjectStore,
  versitygwPath,
} from './object-store.js';
export {
  ping,
  type RedisOptions,
  type RunningRedis,
  redisPid,
  startRedis,
} from './redis.js';
export { type RunningReplica, SERVER_MAIN, startReplica } from './replica.js';
export { requireBinary } from './required-binary.js';
export { makeTempDir, type TempDir } from './temp-dir.js';
