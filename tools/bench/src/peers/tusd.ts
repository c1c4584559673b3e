// tusd, the tus reference server in Go, with its file store. The bench builds the pinned
// version from the Go module proxy once (`go install`, a few minutes cold) into the project's
// .tools/bin, beside a stamp with the version, and reuses it after; where Go is missing (or
// --no-tusd-build), its rows say it was skipped.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  freePort,
  type Managed,
  makeTempDir,
  REPO_ROOT,
  startManaged,
  waitUntilReady,
} from '@temp-contents/stack';
import { deleteTusUpload, type Peer, storeByTus } from './peer.js';

export const TUSD_VERSION = 'v2.9.1';
const TOOLS_BIN = path.join(REPO_ROOT, '.tools', 'bin');
const STAMP = path.join(TOOLS_BIN, 'tusd.version');

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function goBinary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/go/bin'];
  return dirs.map((dir) => path.join(dir, 'go')).find(executable);
}

/**
 * The tusd to run: TUSD_BIN, else .tools/bin/tusd if its stamp names the pinned version, else
 * one built now when `build` and Go are there. A string saying why not otherwise.
 */
export async function findTusd(build: boolean): Promise<{ binary: string } | { skipped: string }> {
  if (process.env.TUSD_BIN !== undefined) {
    return executable(process.env.TUSD_BIN)
      ? { binary: process.env.TUSD_BIN }
      : { skipped: `TUSD_BIN=${process.env.TUSD_BIN} is not an executable` };
  }
  const binary = path.join(TOOLS_BIN, 'tusd');
  const stamped = (() => {
    try {
      return readFileSync(STAMP, 'utf8').trim();
    } catch {
      return '';
    }
  })();
  if (executable(binary) && stamped === TUSD_VERSION) return { binary };
  if (!build) return { skipped: `tusd ${TUSD_VERSION} is not in .tools/bin (not built here)` };
  const go = goBinary();
  if (go === undefined) return { skipped: `Go is missing: cannot build tusd ${TUSD_VERSION}` };
  process.stderr.write(
    `building tusd ${TUSD_VERSION} into .tools/bin with go install (a few minutes the first time)\n`,
  );
  await mkdir(TOOLS_BIN, { recursive: true });
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(go, ['install', `github.com/tus/tusd/v2/cmd/tusd@${TUSD_VERSION}`], {
      env: { ...process.env, GOBIN: TOOLS_BIN, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', () => resolve(-1));
    child.once('exit', resolve);
  });
  if (code !== 0 || !executable(binary)) {
    return { skipped: `go install of tusd ${TUSD_VERSION} failed (exit ${code})` };
  }
  await writeFile(STAMP, `${TUSD_VERSION}\n`);
  return { binary };
}

export async function startTusd(binary: string): Promise<Peer> {
  const dataDir = await makeTempDir('tc-bench-tusd-');
  let managed: Managed | undefined;
  let baseUrl = '';
  for (let attempt = 0; managed === undefined; attempt++) {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const candidate = startManaged(binary, [
      '-host=127.0.0.1',
      `-port=${port}`,
      `-upload-dir=${dataDir.path}`,
      '-base-path=/files/',
      '-verbose=false',
      '-show-greeting=false',
    ]);
    try {
      await waitUntilReady('tusd', candidate, async () => {
        const response = await fetch(`${baseUrl}/files/`, { method: 'OPTIONS' });
        await response.arrayBuffer();
        return response.headers.get('tus-version') !== null;
      });
      managed = candidate;
    } catch (error) {
      await candidate.kill9();
      if (attempt >= 2) {
        await dataDir.remove();
        throw error;
      }
    }
  }
  const running = managed;
  const peer: Peer = {
    id: 'tusd',
    name: `tusd ${TUSD_VERSION}`,
    baseUrl,
    headers: {},
    pids: () => (running.pid === undefined ? [] : [running.pid]),
    // tusd takes creations on /files too; curl would append a file name to /files/.
    tusPath: '/files',
    store: (file) => storeByTus(peer, file),
    remove: (location) => deleteTusUpload(peer, location),
    async stop() {
      await running.stop();
      await dataDir.remove();
    },
  };
  return peer;
}
