import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { specPath } from '../src/spec-path.js';

/** The spec as plain data, for tests that compare runtime values with it. */

export function loadSpec(path = specPath): any {
  return parse(readFileSync(path, 'utf8'));
}
