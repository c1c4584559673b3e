#!/usr/bin/env node
// Builds the pages the server serves without auth into dist/ (after tsc wrote dist/index.js):
//   dist/index.html, dist/docs.html   the upload page and the API reference
//   dist/ui/*                         their scripts and styles, content-hashed names
//   dist/openapi.yaml                 spec/temp-contents.yaml as it is
//   dist/openapi.json                 the same document as JSON
//   dist/manifest.json                every file above with its URL, type, size, ETag and gzip copy
// Everything a page loads comes from the server itself: nothing from a CDN at run time.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const dist = join(root, 'dist');
const ui = join(dist, 'ui');
const specFile = resolve(root, '../../spec/temp-contents.yaml');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const typeOf = (file) => {
  const type = TYPES[file.slice(file.lastIndexOf('.'))];
  if (type === undefined) throw new Error(`build-pages: no content type for ${file}`);
  return type;
};

await rm(ui, { recursive: true, force: true });
await mkdir(ui, { recursive: true });

const PAGES = [
  {
    name: 'upload',
    entry: 'src/pages/upload/main.ts',
    template: 'src/pages/upload/upload-page.html',
    out: 'index.html',
    url: '/',
  },
  {
    name: 'docs',
    entry: 'src/pages/docs/main.ts',
    template: 'src/pages/docs/docs-page.html',
    out: 'docs.html',
    url: '/docs',
  },
];

const result = await build({
  entryPoints: Object.fromEntries(PAGES.map((page) => [page.name, join(root, page.entry)])),
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  outdir: ui,
  metafile: true,
  legalComments: 'linked',
  loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

/** The URLs esbuild chose for an entry's script and stylesheet. */
function outputsOf(entry) {
  const outputs = Object.entries(result.metafile.outputs);
  const js = outputs.find(([, out]) => out.entryPoint === entry)?.[0];
  if (js === undefined) throw new Error(`build-pages: no output for ${entry}`);
  const css = outputs.find(([, out]) => out.entryPoint === entry)?.[1].cssBundle;
  if (css === undefined) throw new Error(`build-pages: no stylesheet for ${entry}`);
  const url = (file) => `/${relative(dist, resolve(file)).split('\\').join('/')}`;
  return { js: url(js), css: url(css) };
}

const served = []; // [url, file relative to dist, immutable]
for (const page of PAGES) {
  const { js, css } = outputsOf(page.entry);
  const template = await readFile(join(root, page.template), 'utf8');
  await writeFile(join(dist, page.out), template.replace('{{js}}', js).replace('{{css}}', css));
  served.push([page.url, page.out, false]);
}
for (const file of Object.keys(result.metafile.outputs)) {
  const rel = relative(dist, resolve(file)).split('\\').join('/');
  served.push([`/${rel}`, rel, true]);
}
const specText = await readFile(specFile, 'utf8');
await writeFile(join(dist, 'openapi.yaml'), specText);
await writeFile(join(dist, 'openapi.json'), `${JSON.stringify(parse(specText), null, 2)}\n`);
served.push(['/openapi.yaml', 'openapi.yaml', false], ['/openapi.json', 'openapi.json', false]);

const files = [];
for (const [url, file, immutable] of served) {
  const bytes = await readFile(join(dist, file));
  const entry = {
    url,
    file,
    contentType: typeOf(file),
    size: bytes.byteLength,
    etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
    immutable,
  };
  if (/\.(html|js|css|json|yaml)$/.test(file) && bytes.byteLength > 1024) {
    const gz = gzipSync(bytes, { level: 9 });
    if (gz.byteLength < bytes.byteLength * 0.9) {
      await writeFile(join(dist, `${file}.gz`), gz);
      entry.gzip = { file: `${file}.gz`, size: gz.byteLength };
    }
  }
  files.push(entry);
}
files.sort((a, b) => a.url.localeCompare(b.url));
await writeFile(join(dist, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);

const total = files.reduce((sum, f) => sum + (f.gzip?.size ?? f.size), 0);
console.log(
  `build-pages: ${files.length} files in ${basename(dist)}/ (${(total / 1024).toFixed(0)} KiB as sent, gzip)`,
);
