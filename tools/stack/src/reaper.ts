import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The watchdog's program, run with `node -e` so it works the same from src/ (vitest) and dist/.
 * It reads `+g PID`, `-g PID`, `+d DIR`, `-d DIR` lines from its stdin; when stdin ends (the
 * process that started it is gone, however it died, SIGKILL included) it SIGKILLs every process
 * group still registered, waits until they are gone, and removes every directory still
 * registered. Nothing in the parent has to run for this to happen.
 */
const WATCHDOG = `
const { rmSync } = require('node:fs');
const groups = new Set();
const dirs = new Set();
let pending = '';
const alive = (g) => { try { process.kill(-g, 0); return true; } catch { return false; } };
const reap = () => {
  for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch {} }
  const deadline = Date.now() + 10000;
  const finish = () => {
    if ([...groups].some(alive) && Date.now() < deadline) return setTimeout(finish, 20);
    for (const d of dirs) { try { rmSync(d, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  };
  finish();
};
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('SIGTERM', reap);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\\n')) >= 0) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    const set = line[1] === 'g' ? groups : dirs;
    const value = line[1] === 'g' ? Number(line.slice(3)) : line.slice(3);
    if (line[0] === '+') set.add(value); else set.delete(value);
  }
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
`;

let watchdog: ChildProcess | undefined;

function tell(line: string): void {
  if (watchdog === undefined) {
    // Its own process group: a Ctrl-C or a group kill aimed at this process does not reach it.
    watchdog = spawn(process.execPath, ['-e', WATCHDOG], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the watchdog nor the pipe to it keeps this process alive.
    watchdog.unref();
    (watchdog.stdin as unknown as { unref(): void }).unref();
    watchdog.stdin?.on('error', () => undefined);
  }
  watchdog.stdin?.write(`${line}\n`);
}

/**
 * Kills the process group `pgid` if this process dies before calling the returned release.
 * The launchers start every process as the leader of its own group, so a server's workers
 * (nginx) go with it.
 */
export function reapGroupOnExit(pgid: number): () => void {
  tell(`+g ${pgid}`);
  return () => tell(`-g ${pgid}`);
}

/** Removes `dir` if this process dies before calling the returned release. */
export function reapDirOnExit(dir: string): () => void {
  if (dir.includes('\n')) throw new Error(`no newline allowed in a temp dir path: ${dir}`);
  tell(`+d ${dir}`);
  return () => tell(`-d ${dir}`);
}
