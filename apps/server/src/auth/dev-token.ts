import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Principal } from './principal.js';

/** Who the development token stands for. */
export const DEV_PRINCIPAL: Principal = { tenant: 'dev', subject: 'developer' };

export const DEV_TOKEN_FILE = 'dev-token';

/**
 * The development token of a data dir: read from `<dataDir>/dev-token`, or created there once
 * (mode 0600, readable by the owner only) so it survives restarts. Used only when no auth is
 * configured, so a zero-config start is never anonymous.
 */
export async function ensureDevToken(
  dataDir: string,
): Promise<{ token: string; created: boolean }> {
  const file = path.join(dataDir, DEV_TOKEN_FILE);
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (/^[A-Za-z0-9_-]{20,}$/.test(token)) return { token, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const token = `dev_${randomBytes(24).toString('base64url')}`;
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only to a new file; an old one being replaced may be wider.
  await chmod(file, 0o600);
  return { token, created: true };
}
