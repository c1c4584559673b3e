/**
 * Debian's Chromium, driven by playwright-core (its own browser downloads are not used). The
 * path comes from `CHROMIUM_PATH`, else `/usr/bin/chromium`; `scripts/install-chromium.sh`
 * installs it with apt-get, and `pnpm test:all` runs that script first. The same launcher as
 * packages/client's browser tests (that package depends on this one, so it cannot be shared
 * without a dependency cycle).
 */
import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    await access(executablePath);
  } catch {
    throw new Error(
      `no Chromium at ${executablePath}: run "bash scripts/install-chromium.sh" (apt-get) or set CHROMIUM_PATH`,
    );
  }
  // Without a UTF-8 locale (LANG unset, as under `env -i`) Chromium saves a download named
  // "big résumé.bin" as "download": give it one whatever the caller's environment.
  const lang = process.env.LANG?.toUpperCase().includes('UTF-8') ? process.env.LANG : 'C.UTF-8';
  return chromium.launch({ executablePath, args: FLAGS, env: { ...process.env, LANG: lang } });
}
