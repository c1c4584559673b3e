import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * `binary` (a path, or a bare name looked up on PATH) when it is there to run; otherwise an
 * error that says how to get it. Checked before anything is started or any temp dir is made:
 * without it, a missing program shows up only as a spawn ENOENT after three port attempts.
 */
export function requireBinary(name: string, binary: string, override: string): string {
  const candidates = binary.includes('/')
    ? [binary]
    : (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, binary));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next PATH entry.
    }
  }
  throw new Error(
    `${name} not found at ${binary}: run \`bash scripts/install-scale-out-deps.sh\` (or set ${override})`,
  );
}
