#!/usr/bin/env node
// Generates src/generated/temp-contents.ts from spec/temp-contents.yaml.
// `--check` regenerates in memory and fails (exit 1) when the committed file differs,
// which is how CI catches a spec change that was not followed by `pnpm generate`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultSpecPath = resolve(here, '../../../spec/temp-contents.yaml');
export const defaultOutPath = resolve(here, '../src/generated/temp-contents.ts');

const HEADER = `/**
 * GENERATED FILE - DO NOT EDIT.
 * Source: spec/temp-contents.yaml, rendered by openapi-typescript.
 * Change the spec, then run \`pnpm generate\`; CI fails when this file drifts.
 */

`;

/** Renders the TypeScript contract for the spec at `specPath`. */
export async function render(specPath = defaultSpecPath) {
  const ast = await openapiTS(pathToFileURL(specPath));
  return HEADER + astToString(ast);
}

/** Returns null when `outPath` matches what `specPath` renders to, else a message. */
export async function findDrift(specPath = defaultSpecPath, outPath = defaultOutPath) {
  const want = await render(specPath);
  let have = '';
  try {
    have = await readFile(outPath, 'utf8');
  } catch {
    return `${relative(process.cwd(), outPath)} is missing`;
  }
  if (have === want) return null;
  const haveLines = have.split('\n');
  const wantLines = want.split('\n');
  const line = wantLines.findIndex((l, i) => l !== haveLines[i]);
  return `${relative(process.cwd(), outPath)} differs from what ${relative(process.cwd(), specPath)} generates (first difference at line ${line + 1})`;
}

function parseArgs(argv) {
  const args = { check: false, spec: defaultSpecPath, out: defaultOutPath };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--spec') args.spec = resolve(argv[++i] ?? '');
    else if (a === '--out') args.out = resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument ${a} (use --check, --spec FILE, --out FILE)`);
  }
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  if (args.check) {
    const drift = await findDrift(args.spec, args.out);
    if (drift) {
      console.error(`contract drift: ${drift}. Run \`pnpm generate\` and commit the result.`);
      process.exit(1);
    }
    console.log('contract is up to date with the spec');
  } else {
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(args.out, await render(args.spec));
    console.log(`wrote ${relative(process.cwd(), args.out)}`);
  }
}
