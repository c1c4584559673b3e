import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, type ServerConfig } from '@temp-contents/server';

export interface OwnServer extends AsyncDisposable {
  baseUrl: string;
  dataDir: string;
  /** Stops the server and removes its data dir. */
  close(): Promise<void>;
}

/**
 * Our own server (`buildApp`, embedded storage on a fresh temp data dir) on an ephemeral
 * loopback port: the target of the self-check, the fault proxy and the runner's tests. `env`
 * goes on top of silent logs; `configure` edits the parsed config (limits no variable sets).
 */
export async function startOwnServer(
  env: Record<string, string>,
  configure?: (config: ServerConfig) => void,
): Promise<OwnServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-conformance-target-'));
  const config = loadConfig({ TC_DATA_DIR: dataDir, TC_LOG_LEVEL: 'silent', ...env });
  configure?.(config);
  const app = buildApp(config);
  const close = async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await close();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataDir,
    close,
    [Symbol.asyncDispose]: close,
  };
}
