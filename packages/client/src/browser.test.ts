/**
 * The browser entry: bundled for browsers it pulls in no `node:` module, and its Node-only
 * features fail with a TypeError instead.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createTempContentsClient } from './browser.js';

describe('browser entry', () => {
  it('bundles for the browser without node: modules', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./browser.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('tus-js-client/lib.esm/browser'))).toBe(true);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports);
    expect(imports.filter((i) => i.path.startsWith('node:') || i.path === 'fs')).toEqual([]);
  });

  it('rejects file paths and downloadToFile with a TypeError', async () => {
    const client = createTempContentsClient({ baseUrl: 'http://api.test', token: 't' });
    await expect(client.upload('/tmp/file.bin')).rejects.toThrow(TypeError);
    await expect(client.downloadToFile('id', '/tmp/file.bin')).rejects.toThrow(/Node only/);
  });
});
