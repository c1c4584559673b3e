import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './object-store.js';
import { SERVER_NODE_FLAGS } from './replica.js';

// docs/server.md ("Memory") promises that every launcher the project ships starts Node the same
// way; the bench and the tests start it through SERVER_NODE_FLAGS, so they measure what users run.
const LAUNCHERS: Array<[string, (text: string) => string | undefined]> = [
  ['scripts/start.sh', (text) => /^exec node (.*) apps\/server\/dist\/main\.js$/m.exec(text)?.[1]],
  [
    'apps/server/package.json',
    (text) => /^node (.*) dist\/main\.js$/.exec(JSON.parse(text).scripts.start)?.[1],
  ],
  [
    'apps/server/Dockerfile',
    (text) =>
      /^CMD \["node", (.*), "dist\/main\.js"\]$/m
        .exec(text)?.[1]
        ?.split(', ')
        .map((flag) => JSON.parse(flag))
        .join(' '),
  ],
  ['apps/server/src/main.ts', (text) => /^#!\/usr\/bin\/env -S node (.*)$/m.exec(text)?.[1]],
];

describe('server launchers', () => {
  it.each(LAUNCHERS)('%s starts Node with SERVER_NODE_FLAGS', async (file, flagsOf) => {
    const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
    expect(flagsOf(text)).toBe(SERVER_NODE_FLAGS.join(' '));
  });
});
