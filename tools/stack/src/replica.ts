import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Managed, startManaged, waitUntilReady } from './child-process.js';
import { REPO_ROOT } from './object-store.js';

export const SERVER_MAIN = path.join(REPO_ROOT, 'apps', 'server', 'dist', 'main.js');
/** How every launcher of the server starts Node (see "Memory" in docs/server.md). */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];

export interface RunningReplica {
  baseUrl: string;
  pid: number | undefined;
  env: Record<string, string>;
  /** stdout and stderr interleaved (the last 16 KiB), and each on its own. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM: the server's graceful shutdown. */
  terminate(): Promise<void>;
  /** SIGKILL: nothing flushed, no lock released. */
  kill9(): Promise<void>;
  /** Starts it again with the same environment (on a new port unless PORT was fixed). */
  restart(): Promise<void>;
}

/**
 * One server process (`apps/server/dist/main.js`, which must be built) on a free loopback port,
 * with only PATH and `env` in its environment; ready once it prints its `listening on` line.
 * `nodeFlags` go to Node after SERVER_NODE_FLAGS (e.g. `--cpu-prof` for the bench).
 */
export async function startReplica(
  env: Record<string, string>,
  options: { nodeFlags?: string[] } = {},
): Promise<RunningReplica> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(
      `${SERVER_MAIN} is missing: build the server first (pnpm --filter @temp-contents/server build)`,
    );
  }
  const fullEnv = { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env };
  let managed: Managed;
  let baseUrl = '';
  const launch = async () => {
    managed = startManaged(
      process.execPath,
      [...SERVER_NODE_FLAGS, ...(options.nodeFlags ?? []), SERVER_MAIN],
      {
        env: fullEnv,
        cwd: REPO_ROOT,
      },
    );
    await waitUntilReady('temp-contents replica', managed, async () => {
      const match = /listening on (http:\/\/\S+)/.exec(managed.stdout());
      if (match?.[1] === undefined) return false;
      // The banner shows TC_PUBLIC_URL when one is set; a fixed port says where it really is.
      baseUrl = fullEnv.PORT === '0' ? match[1] : `http://${fullEnv.HOST}:${fullEnv.PORT}`;
      return true;
    });
  };
  await launch();
  const replica: RunningReplica = {
    get baseUrl() {
      return baseUrl;
    },
    get pid() {
      return managed.child.pid;
    },
    env: fullEnv,
    output: () => managed.output(),
    stdout: () => managed.stdout(),
    stderr: () => managed.stderr(),
    terminate: () => managed.stop(),
    kill9: () => managed.kill9(),
    async restart() {
      await managed.stop();
      await launch();
    },
  };
  return replica;
}
