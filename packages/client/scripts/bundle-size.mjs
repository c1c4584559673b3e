#!/usr/bin/env node
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// Bundles the browser entry (dist/browser.js, what bundlers resolve through the `browser`
// export condition) as an application would ship it: ESM, minified, for browsers, dependencies
// inlined. Two figures, raw and gzip:
//   - "single file": everything in one file (a bundler without code splitting);
//   - "initial": with code splitting, what loads up front; tus-js-client is imported lazily on
//     the first resumable upload, so it lands in a separate chunk.
// Fails if a `node:` module reached the browser bundle. Run after `pnpm run build`.
// `--json` prints the figures as one JSON object.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const entry = resolve(here, '../dist/browser.js');
const common = {
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'error',
};

function sizes(bytes) {
  return { raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

const single = await build(common);
const split = await build({ ...common, splitting: true, outdir: resolve(here, '../.bundle-size') });

const nodeImports = Object.values(single.metafile.inputs)
  .flatMap((input) => input.imports)
  .filter((imported) => imported.path.startsWith('node:'));
if (nodeImports.length > 0) {
  console.error(
    `browser bundle imports Node modules: ${nodeImports.map((i) => i.path).join(', ')}`,
  );
  process.exit(1);
}

const singleFile = sizes(single.outputFiles[0].contents);
const initialFile = split.outputFiles.find((f) => basename(f.path) === 'browser.js');
const initial = sizes(initialFile.contents);
const figures = { entry: 'dist/browser.js', singleFile, initial };

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
} else {
  console.log('browser entry (dist/browser.js), minified ESM, dependencies included:');
  console.log(`  single file: ${kib(singleFile.raw)} raw, ${kib(singleFile.gzip)} gzip`);
  console.log(
    `  initial (code splitting, tus-js-client loaded on first resumable upload): ${kib(initial.raw)} raw, ${kib(initial.gzip)} gzip`,
  );
}
