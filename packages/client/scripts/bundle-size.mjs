#!/usr/bin/env node
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// Bundles the browser entry (dist/browser.js, what bundlers resolve through the `browser`
// export condition) as an application would ship it: ESM, minified, for browsers, dependencies
// inlined. Two figures, raw and gzip:
//   - "single file": everything in one file (a bundler without code splitting);
//   - "initial": with code splitting, what loads up front (the entry chunk and the chunks it
//     imports statically); tus-js-client is imported lazily on the first resumable upload, so
//     it lands in a separate chunk, as do parallel uploads' helpers.
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
// The entry chunk and every chunk it imports statically (shared code esbuild split out of it).
const outputs = split.metafile.outputs;
const byPath = new Map(split.outputFiles.map((f) => [f.path, f]));
const entryKey = Object.keys(outputs).find((key) => basename(key) === 'browser.js');
const loaded = new Set();
const visit = (key) => {
  if (loaded.has(key)) return;
  loaded.add(key);
  for (const imported of outputs[key].imports) {
    if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  }
};
visit(entryKey);
const initial = sizes(Buffer.concat([...loaded].map((key) => byPath.get(resolve(key)).contents)));
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
