import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath } from '@temp-contents/contract/spec-path';

/** The pinned Schemathesis release: `setup` installs it, `docker` mode runs its image. */
export const SCHEMATHESIS_VERSION = '4.32.5';
export const SCHEMATHESIS_IMAGE = `schemathesis/schemathesis:${SCHEMATHESIS_VERSION}`;

/** tools/conformance, from src/ or dist/ alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONFIG_DIR = join(PACKAGE_ROOT, 'schemathesis');
export const CONFIG_FILE = join(CONFIG_DIR, 'schemathesis.toml');
export const HOOKS_FILE = join(CONFIG_DIR, 'hooks.py');
export const VENV_DIR = join(PACKAGE_ROOT, '.venv');
export const SPEC_FILE = specPath;

/** `st` (or `schemathesis`) inside the project-local virtualenv, when `setup` has run. */
export function localSchemathesisBinary(): string | undefined {
  for (const name of ['st', 'schemathesis']) {
    const candidate = join(VENV_DIR, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
